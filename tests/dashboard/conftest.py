"""Dashboard tests: the app on a real database, and dash[testing]'s browser as Debian's headless Chromium,
kept off the network."""

from __future__ import annotations

import importlib
import shutil
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask
from selenium.webdriver.chrome.options import Options

from dashboard.app import init_dashboard
from tests.database import app, client, database_url, quick_password_hashing, runner

__all__ = ["app", "client", "database_url", "quick_password_hashing", "runner"]

PAGES = (
    "home",
    "wilayah",
    "wilayah_detail",
    "peta",
    "level",
    "peringatan",
    "instruksi",
    "instruksi_detail",
    "rumah_sakit",
    "data_page",
)


@pytest.fixture(scope="session")
def pages() -> SimpleNamespace:
    """The public page modules, whose callbacks tests call as plain functions. Dash registers pages only for an
    app, so one is made, once for the whole session; the callbacks then run in any app context."""
    init_dashboard(Flask("dashboard-pages"))
    return SimpleNamespace(**{name: importlib.import_module(f"dashboard.pages.{name}") for name in PAGES})


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
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        # No network but the test server: any other host fails to resolve, so a page that needs one shows it.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    return options


def choose(browser: Any, selector: str, text: str) -> None:
    """Pick a dropdown option as a visitor does with a long list: type to search, then click it (the list
    draws only the options in view, so an option far down is not there to click until searched for)."""
    browser.find_element(selector).click()
    browser.wait_for_element(".dash-dropdown-search", timeout=5).send_keys(text)
    browser.wait_for_text_to_equal(".dash-dropdown-option", text, timeout=5)
    browser.find_element(".dash-dropdown-option").click()
