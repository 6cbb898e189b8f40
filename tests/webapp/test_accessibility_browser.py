"""axe-core on every screen of the residents' app: no serious or critical accessibility violation."""

from __future__ import annotations

import pytest

from tests.axe import axe_source
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, screen_as_suspect

__all__ = ["axe_source"]
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
