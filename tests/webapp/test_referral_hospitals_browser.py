"""The nearest referral hospitals for a resident who needs care, in Chromium at phone size, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from api.clock import local_zone
from tests.factories import staff_headers
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, new_browser

pytestmark = [pytest.mark.browser, needs_browser]
DJAMIL, RASIDIN = "1371010", "1371444"


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


def report_beds(server: Server, code: str, isolation_free: int) -> None:
    """Today's bed report of a hospital, made by the provincial task force."""
    day = dt.datetime.now(local_zone()).date().isoformat()
    counts = {"isolation_total": 40, "isolation_occupied": 40 - isolation_free, "icu_total": 8, "icu_occupied": 8}
    status, body = server.api("PUT", f"/api/v1/hospitals/{code}/beds", {"day": day, **counts}, staff_headers())
    assert status == 200, body


def check_in(browser: Browser, spo2: str, triage: str) -> None:
    browser.open("/app#/checkin")
    browser.type("#spo2", spo2)
    browser.tap("#send-checkin")
    browser.wait(f'#triage[data-triage="{triage}"]')


@pytest.mark.parametrize(
    ("lang", "basis", "free"),
    [
        ("id", "di kabupaten/kota Anda yang melaporkan tempat tidur kosong", "Tempat tidur kosong: isolasi 1, ICU 0"),
        ("en", "Hospitals in your kabupaten/kota reporting a free bed", "Free beds: isolation 1, ICU 0"),
    ],
)
def test_an_urgent_checkin_names_the_hospitals_with_a_free_bed_that_its_reply_carries(
    app: Flask, server: Server, browser: Browser, lang: str, basis: str, free: str
) -> None:
    report_beds(server, RASIDIN, isolation_free=1)
    report_beds(server, DJAMIL, isolation_free=0)  # full: not named
    browser.open()
    browser.keep("lang", lang)
    isolate(browser, server)
    check_in(browser, "92", "urgent")
    browser.wait_text("#hospitals-basis", basis)
    assert browser.attributes("#hospital-list li.hospital", "data-code") == [RASIDIN]
    assert free in browser.texts("#hospital-list")[0]
    [call] = browser.attributes("#hospital-list a.hospital-tel", "href")
    assert call is not None
    assert call.startswith("tel:")
    assert call.endswith("499150")
    # The reply carried the list: no second request for it.
    assert browser.requests("GET", "/api/v1/hospitals") == []
    assert browser.problems() == []


def test_a_stable_checkin_lists_no_hospitals(app: Flask, server: Server, browser: Browser) -> None:
    report_beds(server, RASIDIN, isolation_free=1)
    browser.open()
    isolate(browser, server)
    check_in(browser, "97", "stable")
    assert not browser.find_all("#referral-hospitals")


def test_without_a_free_bed_reported_an_urgent_checkin_lists_the_regions_hospitals_to_call(
    server: Server, browser: Browser
) -> None:
    browser.open()
    isolate(browser, server, region="13.75")  # Bukittinggi: no bed report in
    check_in(browser, "92", "urgent")
    # The reply said no hospital reports a free bed: the region's list, saying so.
    browser.wait_text("#hospitals-basis", "Belum ada rumah sakit di kabupaten/kota Anda yang melaporkan")
    _, listed = server.api("GET", "/api/v1/hospitals?region=13.75")
    shown = browser.attributes("#hospital-list li.hospital", "data-code")
    assert 1 <= len(shown) <= 3
    assert set(shown) <= {h["code"] for h in listed}
    assert browser.requests("GET", "/api/v1/hospitals")
    assert browser.problems() == []


@pytest.mark.parametrize(
    ("lang", "basis"),
    [("id", "terdekat dengan titik lokasi rumah Anda"), ("en", "each nearest to your home location pin first")],
)
def test_with_a_home_pin_an_urgent_checkin_names_the_nearest_hospitals_with_a_free_bed_and_their_distance(
    app: Flask, server: Server, browser: Browser, lang: str, basis: str
) -> None:
    report_beds(server, RASIDIN, isolation_free=2)
    browser.open()
    browser.keep("lang", lang)
    episode = isolate(browser, server)
    pin = {"address": "Jl. Sawahan No. 12, Padang Timur", "lat": -0.9471, "lon": 100.4172}
    status, body = server.api("PUT", f"/api/v1/isolations/{episode}/place", pin, browser.device_headers())
    assert status == 200, body
    check_in(browser, "92", "urgent")
    browser.wait_text("#hospitals-basis", basis)
    assert browser.attributes("#hospital-list li.hospital", "data-code") == [RASIDIN]
    assert "km" in browser.texts("#hospital-list li.hospital .distance")[0]
    assert browser.problems() == []


def test_an_urgent_checkin_made_offline_shows_its_result_and_hospitals_once_the_queue_is_sent(
    app: Flask, server: Server, browser: Browser
) -> None:
    report_beds(server, RASIDIN, isolation_free=1)
    browser.open()
    episode = isolate(browser, server)
    browser.open("/app#/checkin")
    browser.offline(True)
    for spo2 in ("97", "92"):  # two waiting: sent as one list to /checkins/batch
        browser.type("#spo2", spo2)
        browser.tap("#send-checkin")
        browser.wait("#checkin-queued")
    browser.offline(False)  # sent without a tap; the screen shows the answer to the last one
    browser.wait('#triage[data-triage="urgent"]', timeout=15)
    assert not browser.find_all("#checkin-queued")
    browser.wait_text("#hospitals-basis", "di kabupaten/kota Anda yang melaporkan tempat tidur kosong")
    assert browser.attributes("#hospital-list li.hospital", "data-code") == [RASIDIN]
    assert browser.find_all("#checkin-care #referral-hospitals")  # outside the result's live region
    assert browser.requests("POST", f"/api/v1/isolations/{episode}/checkins/batch")
    assert browser.problems() == []
