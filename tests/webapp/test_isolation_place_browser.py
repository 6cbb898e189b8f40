"""Where a resident isolates, in Chromium at phone size: the address and pin given when starting, then corrected."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.factories import staff_headers
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, screen_as_suspect

pytestmark = [pytest.mark.browser, needs_browser]
ADDRESS = "Jl. Sawahan No. 12, RT 02/RW 03, Padang Timur"


def test_the_address_and_a_consented_pin_go_with_the_start_and_stay_off_the_phone(
    app: Flask, server: Server, browser: Browser
) -> None:
    browser.open()
    screen_as_suspect(browser)
    browser.type("#address", ADDRESS)
    assert browser.texts("#pin-status") == ["Belum ada titik lokasi."]  # nothing taken before the tap
    browser.tap("#share-pin")
    browser.wait_text("#pin-status", "ketepatan ±25 m")
    browser.tap("#start-isolation")
    browser.wait("#isolation-started")
    padang = staff_headers("satgas_kabkota", "13.71")
    _, episode = server.api("GET", f"/api/v1/isolations/{browser.stored('episodeId')}", headers=padang)
    assert (episode["address"], round(episode["lat"], 4), round(episode["lon"], 4)) == (ADDRESS, -0.9471, 100.4172)
    kept = browser.stored("episodeView")
    assert not {"address", "lat", "lon", "maps_url"} & set(kept)
    assert browser.problems() == []


@pytest.mark.parametrize(
    ("lang", "none", "saved"),
    [
        ("id", "Alamat isolasi belum diisi.", "Alamat isolasi tersimpan."),
        ("en", "No isolation address yet.", "Isolation address saved."),
    ],
)
def test_the_resident_corrects_the_address_from_the_check_in_screen(
    app: Flask, server: Server, browser: Browser, lang: str, none: str, saved: str
) -> None:
    browser.open()
    browser.keep("lang", lang)
    episode = isolate(browser, server)
    browser.open("/app#/checkin")
    browser.wait_text("#place-address", none)
    assert "null" not in browser.texts("#isolation-place")[0]  # no pin: nothing written in its place
    browser.tap("#edit-place")
    browser.type("#address", "Rt")
    browser.tap("#save-place")
    browser.wait("#address-error")  # the API's per-field message, beside the field
    browser.type("#address", ADDRESS)
    browser.tap("#save-place")
    browser.wait_text("#place-saved", saved)
    assert browser.texts("#place-address") == [ADDRESS]
    _, view = server.api("GET", f"/api/v1/isolations/{episode}", headers=staff_headers())
    assert (view["address"], view["lat"]) == (ADDRESS, None)
    assert browser.problems() == []
