"""Every console page fits a true 390-px phone (CDP metrics, mobile, device scale 3) in both languages: nothing
scrolls sideways, neither the page nor a box inside it, nor while a chart drawn for a wider window is redrawn;
and the same pages at 1366 px."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from selenium.webdriver.support.wait import WebDriverWait

from api.clock import local_zone
from api.services.passwords import PUBLISHED_DEMO_PASSWORD
from scripts.live import running_server
from tests.dashboard.conftest import needs_browser
from tests.dashboard.test_accessibility_browser import settled
from tests.factories import device_headers, staff_headers
from tests.module_app import demo_app, module_app

__all__ = ["demo_app", "module_app"]
pytestmark = [pytest.mark.browser, needs_browser]

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 3, "mobile": True}
DESKTOP = {"width": 1366, "height": 900, "deviceScaleFactor": 1, "mobile": False}
# The page's width against the screen's, every box that scrolls sideways inside it, and the width the console's map
# was last drawn at (read together, at one moment).
SIDEWAYS = """
const sideways = [...document.querySelectorAll('body *')]
  .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth)
  .map((e) => `${e.tagName.toLowerCase()}#${e.id} ${e.scrollWidth} > ${e.clientWidth}`);
const map = document.querySelector('#alert-map .main-svg');
return {page: document.documentElement.scrollWidth, shown: document.documentElement.clientWidth, sideways,
        drawn: map ? map.clientWidth : null};
"""


@pytest.fixture(scope="module")
def site(demo_app: Flask, database_url: str) -> Iterator[tuple[str, str]]:
    """The demo accounts, a claimed alert with a location (its card shows the outcome form, the map a marker) and an
    isolation episode with a check-in (its charts); the server's address and the episode."""
    client = demo_app.test_client()
    body = {"category": "breathing", "region": "13.71", "phone": "0812 0000 1111", "lat": -0.9471, "lon": 100.4172}
    alert = client.post(
        "/api/v1/alerts", json={**body, "note": "sesak napas sejak pagi " * 4}, headers=device_headers()
    )
    claimed = client.post(f"/api/v1/alerts/{alert.get_json()['id']}/claim", json={}, headers=staff_headers())
    assert claimed.status_code == 200
    resident = device_headers()
    today = dt.datetime.now(local_zone()).date()
    start = {"reason": "confirmed_symptomatic", "start_date": (today - dt.timedelta(days=3)).isoformat()}
    episode = client.post(
        "/api/v1/isolations", json={**start, "region": "13.71", "name": "Ibu Rina Wulandari"}, headers=resident
    ).get_json()["id"]
    checkin = {"measured_at": dt.datetime.now(dt.UTC).isoformat(), "spo2": 92, "temperature_c": 38.6}
    assert client.post(f"/api/v1/isolations/{episode}/checkins", json=checkin, headers=resident).status_code == 201
    with running_server(database_url, workers=2) as (host, port):
        yield f"http://{host}:{port}", episode


def sign_in(browser: Any, url: str, username: str) -> None:
    browser.driver.delete_all_cookies()
    browser.driver.get(url)
    browser.wait_for_element("#login-username", timeout=20).send_keys(username)
    browser.find_element("#login-password").send_keys(PUBLISHED_DEMO_PASSWORD)
    browser.find_element("#login-submit").click()


def console_pages(browser: Any, base: str, episode: str, lang: str) -> Iterator[str]:
    """Opens each console page in turn, settled, in `lang`, and yields its name."""
    browser.driver.delete_all_cookies()
    browser.driver.get(base + "/satgas")
    settled(browser)
    if lang == "en":
        browser.find_elements("#lang-switch input")[1].click()
        WebDriverWait(browser.driver, 10).until(
            lambda d: d.execute_script("return document.documentElement.lang") == "en"
        )
    yield "sign-in"
    sign_in(browser, base + "/satgas", "satgas-padang")
    browser.wait_for_element("#alert-list .alert-card", timeout=20)
    settled(browser)
    yield "queue"
    browser.driver.execute_script("document.querySelector('.alert-card .outcome').scrollIntoView()")
    yield "alert"
    browser.driver.get(base + "/satgas/pemantauan")
    browser.wait_for_element(f"#episode-{episode}", timeout=20)
    settled(browser)
    yield "board"
    browser.find_element(f"#episode-{episode} button").click()
    browser.wait_for_element("#vitals-chart .main-svg", timeout=20)
    settled(browser)
    yield "episode"
    sign_in(browser, base + "/satgas/rumah-sakit", "rs-djamil")
    browser.wait_for_element("#beds-isolation_total", timeout=20)
    settled(browser)
    yield "bed form"


@pytest.mark.parametrize(("metrics", "lang"), [(PHONE, "id"), (PHONE, "en"), (DESKTOP, "id")])
def test_no_console_page_scrolls_sideways(
    dash_br: Any, site: tuple[str, str], metrics: dict[str, Any], lang: str
) -> None:
    base, episode = site
    dash_br.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        for page in console_pages(dash_br, base, episode, lang):
            fits = dash_br.driver.execute_script(SIDEWAYS)
            assert fits["shown"] <= metrics["width"], (page, fits)
            assert fits["page"] <= fits["shown"], (page, fits)
            assert fits["sideways"] == [], (page, fits)
            assert dash_br.driver.execute_script("return document.documentElement.lang") == lang, page
    finally:
        dash_br.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_a_map_drawn_wide_never_widens_the_page_when_the_screen_turns_narrow(
    dash_br: Any, site: tuple[str, str]
) -> None:
    """A phone turned from landscape to portrait: the map keeps its old width until plotly redraws it, and a page
    widened by it even for that moment leaves a phone's browser zoomed out."""
    base, _ = site
    dash_br.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", DESKTOP)
    try:
        sign_in(dash_br, base + "/satgas", "satgas-padang")
        dash_br.wait_for_element("#alert-list .alert-card", timeout=20)
        settled(dash_br)
        dash_br.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        fits = dash_br.driver.execute_script(SIDEWAYS)
    finally:
        dash_br.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert fits["drawn"] > PHONE["width"], fits  # still drawn for the wide window: the moment this test is about
    assert fits["page"] <= fits["shown"] <= PHONE["width"], fits
