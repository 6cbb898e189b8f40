"""axe-core on every screen of the residents' app: no serious or critical accessibility violation."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.webapp.conftest import Browser, Server, isolate, needs_browser, screen_as_suspect

pytestmark = [pytest.mark.browser, needs_browser]

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  (results) => done(results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)),
  (error) => done([`axe failed: ${error}`]),
);
"""


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory: pytest.TempPathFactory) -> str:
    """axe.min.js, installed from the npm registry for this test run (nothing of it is kept in the repository)."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed, so axe-core cannot be fetched")
    folder = tmp_path_factory.mktemp("axe-core")
    try:
        installed = subprocess.run(
            [npm, "install", "--prefix", str(folder), "--no-audit", "--no-fund", "--silent", "axe-core@4"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.skip("the npm registry did not answer within 5 minutes: axe-core not installed")
    script = Path(folder, "node_modules", "axe-core", "axe.min.js")
    if installed.returncode != 0 or not script.exists():
        pytest.skip(f"axe-core could not be installed from the npm registry: {installed.stderr.strip()[-300:]}")
    return script.read_text(encoding="utf-8")


def violations(browser: Browser, axe_source: str) -> list[str]:
    browser.wait_until(lambda: "Memuat" not in browser.texts("main")[0] and "Loading" not in browser.texts("main")[0])
    browser.driver.execute_script(axe_source)
    return list(browser.driver.execute_async_script(RUN_AXE))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_screen_has_a_serious_or_critical_accessibility_violation(
    server: Server, browser: Browser, axe_source: str, lang: str
) -> None:
    browser.open()
    browser.keep("lang", lang)
    browser.open()
    found: dict[str, list[str]] = {}

    def check(name: str) -> None:
        browser.wait("main h1")
        found[name] = violations(browser, axe_source)

    check("home")
    for screen in ("#/q/self-screening", "#/q/risk-workplace", "#/data", "#/privacy"):
        browser.go(screen)
        check(screen)
    browser.open()
    screen_as_suspect(browser)  # the self-screening answered, then its result
    check("result")
    isolate(browser, server)
    browser.open("/app#/checkin")
    check("check-in")
    browser.open()
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    check("panic call")
    assert {name: problems for name, problems in found.items() if problems} == {}
