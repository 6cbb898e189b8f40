"""The residents' home page at a true 390 px CSS width (a common phone), set through the DevTools protocol since a
headless window cannot be made that narrow: nothing wider than the screen, in either language, with an isolation
and a panic call on it."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import Browser, Server, isolate, needs_browser

pytestmark = [pytest.mark.browser, needs_browser]
WIDTH = 390
# Every element whose box reaches past the right edge of the screen (what makes a page scroll sideways).
TOO_WIDE = """
return [...document.querySelectorAll('body *')]
  .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_home_page_fits_390_css_pixels_with_an_isolation_and_a_call(
    server: Server, browser: Browser, lang: str
) -> None:
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 844, "deviceScaleFactor": 3, "mobile": True}
    )
    browser.open()
    browser.keep("lang", lang)
    browser.keep("region", "13.71")
    isolate(browser, server)
    browser.open()
    browser.wait("#isolation-card")
    assert browser.driver.execute_script("return window.innerWidth") == WIDTH
    fits = "return document.documentElement.scrollWidth <= window.innerWidth"
    assert browser.driver.execute_script(fits)
    assert browser.driver.execute_script(TOO_WIDE) == []
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    browser.go("#/")
    browser.wait("#isolation-card")
    assert browser.driver.execute_script(fits)
    assert browser.driver.execute_script(TOO_WIDE) == []
    assert browser.html_lang() == lang
