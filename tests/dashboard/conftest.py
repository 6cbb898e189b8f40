"""Dashboard tests: the app on a real database, and dash[testing]'s browser as Debian's headless Chromium,
kept off the network."""

from __future__ import annotations

import shutil

import pytest
from selenium.webdriver.chrome.options import Options

from tests.database import app, client, database_url, runner

__all__ = ["app", "client", "database_url", "runner"]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("chromedriver") is None,
    reason="Debian's chromium and chromium-driver are not installed (.ci/run installs them)",
)


def pytest_setup_options() -> Options:
    options = Options()
    if CHROMIUM:
        options.binary_location = CHROMIUM
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
    ):  # fmt: skip
        options.add_argument(flag)
    return options
