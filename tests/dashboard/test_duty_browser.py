"""The officers-on-duty page in a real browser: the province sees a region with nobody on duty, puts its officer on
duty, goes on duty itself; no serious accessibility violation on a phone and a desk, in both languages."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from scripts.live import request, running_server
from tests.axe import axe_source
from tests.dashboard.conftest import needs_browser
from tests.dashboard.test_accessibility_browser import settled, violations
from tests.factories import PASSWORD, staff, staff_headers

__all__ = ["axe_source"]
pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def site(app: Flask, database_url: str) -> Iterator[str]:
    staff("satgas_provinsi", username="provinsi-jaga")
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=1) as (host, port):
        yield f"http://{host}:{port}"


def sign_in(browser: Any, site: str, username: str) -> None:
    browser.driver.get(site + "/satgas/bertugas")
    browser.wait_for_element("#login-username").send_keys(username)
    browser.find_element("#login-password").send_keys(PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_element("#duty-own button", timeout=10)


def region_card(browser: Any, name: str) -> Any:
    for card in browser.driver.find_elements("css selector", ".duty-region"):
        if card.find_element("css selector", "h2").text == name:
            return card
    raise AssertionError(f"no card for {name}")


def test_the_province_puts_a_region_officer_on_duty_and_goes_on_duty_itself(
    dash_br: Any, site: str, axe_source: str
) -> None:
    dash_br.driver.set_window_size(390, 900)
    sign_in(dash_br, site, "provinsi-jaga")
    dash_br.wait_for_contains_text("#duty-roster", "Kota Padang", timeout=10)
    assert "Tidak ada yang bertugas" in region_card(dash_br, "Kota Padang").text
    assert "Tidak ada petugas provinsi yang bertugas" in region_card(dash_br, "Satgas Provinsi Sumatera Barat").text
    settled(dash_br)
    assert violations(dash_br, axe_source) == []

    dash_br.find_element('button[aria-label="Tugaskan: satgas-padang"]').click()
    dash_br.wait_for_text_to_equal("#duty-message", "satgas-padang sekarang bertugas.", timeout=10)
    dash_br.wait_for_contains_text("#duty-roster", "1 bertugas", timeout=10)
    assert "bertugas" in region_card(dash_br, "Kota Padang").find_element("css selector", ".duty-state").text
    host_port = site.removeprefix("http://").split(":")
    _, on_duty = request(host_port[0], int(host_port[1]), "GET", "/api/v1/users/on-duty", None, staff_headers("admin"))
    assert on_duty == [{"region": "13.71", "officers": ["satgas-padang"]}]

    dash_br.find_element("#duty-own button").click()
    dash_br.wait_for_contains_text("#duty-own", "Anda sedang bertugas.", timeout=10)
    dash_br.wait_for_text_to_equal("#duty-message", "provinsi-jaga sekarang bertugas.", timeout=10)

    dash_br.driver.set_window_size(1366, 900)
    dash_br.find_elements("#lang-switch input")[1].click()
    dash_br.wait_for_contains_text("#duty-own", "You are on duty.", timeout=10)
    assert "1 on duty" in region_card(dash_br, "Kota Padang").text
    settled(dash_br)
    assert violations(dash_br, axe_source) == []
    dash_br.find_element('button[aria-label="Take off duty: satgas-padang"]').click()
    dash_br.wait_for_text_to_equal("#duty-message", "satgas-padang is now off duty.", timeout=10)
    dash_br.wait_for_contains_text("#duty-roster", "Nobody on duty: new alerts go straight to the province.")


def test_a_region_officer_switches_only_themself(dash_br: Any, site: str) -> None:
    sign_in(dash_br, site, "satgas-padang")
    dash_br.wait_for_contains_text("#duty-own", "Anda tidak sedang bertugas.", timeout=10)
    assert dash_br.driver.find_elements("css selector", ".duty-region") == []
    dash_br.find_element("#duty-own button").click()
    dash_br.wait_for_contains_text("#duty-own", "Anda sedang bertugas.", timeout=10)
