"""The nearest referral hospitals for a resident who needs care, in Chromium at phone size, in both languages."""

from __future__ import annotations

import pytest

from tests.webapp.conftest import Browser, Server, needs_browser, new_browser

pytestmark = [pytest.mark.browser, needs_browser]


def urgent_result(browser: Browser) -> None:
    """A self-screening in Kota Padang whose result is suspect and urgent (fever and cough after a contact, aged 67)."""
    browser.tap('#questionnaire-list a[data-id="self-screening"]')
    browser.wait("#questionnaire")
    browser.choose("#region", "13.71")
    browser.answer(yes={"fever", "cough", "contact_with_case"}, age="67")
    browser.tap("#submit-answers")
    browser.wait('#result[data-category="suspect"]')


@pytest.mark.parametrize(
    ("lang", "in_region", "by_distance", "call"),
    [
        ("id", "kabupaten/kota Anda", "Diurutkan dari yang terdekat", "Telepon rumah sakit"),
        ("en", "your kabupaten/kota", "Nearest to your location first", "Call the hospital"),
    ],
)
def test_an_urgent_result_names_hospitals_of_the_region_then_the_nearest_with_phones_and_distance(
    server: Server, browser: Browser, lang: str, in_region: str, by_distance: str, call: str
) -> None:
    browser.open()
    browser.keep("lang", lang)
    browser.open()
    urgent_result(browser)
    browser.wait_text("#hospitals-basis", in_region)
    shown = browser.find_all("#hospital-list li.hospital")
    assert 1 <= len(shown) <= 3
    _, listed = server.api("GET", "/api/v1/hospitals?region=13.71")
    assert set(browser.attributes("#hospital-list li.hospital", "data-code")) <= {h["code"] for h in listed}
    assert all(href.startswith("tel:") for href in browser.attributes("#hospital-list a.hospital-tel", "href"))
    assert call in browser.texts("#hospital-list")[0]
    assert "km" not in browser.texts("#hospital-list")[0]  # no location: no distance pretended
    browser.tap("#hospitals-near-me")
    browser.wait_text("#hospitals-basis", by_distance)
    browser.wait_text("#hospital-list", "km")
    _, nearest = server.api("GET", "/api/v1/hospitals?near=-0.94710,100.41720")
    codes = browser.attributes("#hospital-list li.hospital", "data-code")
    assert codes == [h["code"] for h in nearest[: len(codes)]]
    # The coordinates went with that one request and are kept nowhere on the phone.
    kept = browser.driver.execute_script("return JSON.stringify({...localStorage})")
    assert "100.417" not in kept
    assert browser.problems() == []


def test_a_low_risk_result_lists_no_hospitals(server: Server, browser: Browser) -> None:
    browser.open()
    browser.tap('#questionnaire-list a[data-id="self-screening"]')
    browser.wait("#questionnaire")
    browser.choose("#region", "13.71")
    browser.answer(yes=set())
    browser.tap("#submit-answers")
    browser.wait('#result[data-category="low_risk"]')
    assert not browser.find_all("#referral-hospitals")


def test_the_panic_screen_lists_hospitals_and_outside_the_province_puts_112_first_without_them(
    server: Server, browser: Browser
) -> None:
    browser.open()
    browser.keep("region", "13.71")
    browser.open()
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    browser.wait("#hospital-list li.hospital")
    assert browser.visible("#referral-hospitals")
    jakarta = new_browser(server, {"latitude": -6.2, "longitude": 106.8, "accuracy": 30})
    try:
        jakarta.open()
        jakarta.keep("region", "13.71")
        jakarta.open()
        jakarta.hold("#panic-button", 2.0)
        jakarta.wait_text("#alert-message", "Telepon 112 sekarang")
        jakarta.wait_until(lambda: not jakarta.visible("#referral-hospitals"), message="hospitals hidden")
        assert jakarta.attributes("#alert-status a.tel-link", "href")[0] == "tel:112"
        assert jakarta.problems() == []
    finally:
        jakarta.driver.quit()
