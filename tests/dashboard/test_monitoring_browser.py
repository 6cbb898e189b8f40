"""The monitoring board in a real browser, with an episode that is getting worse: flags in words, times in WIB,
and the follow-up done from the page (note, contacted, close), each in the episode's audit trail."""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.wait import WebDriverWait

from api.clock import local_zone
from scripts.live import request, running_server
from tests.dashboard.conftest import needs_browser
from tests.factories import PASSWORD, device_headers, staff, staff_headers

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def deteriorating(app: Flask, database_url: str) -> Iterator[tuple[str, int, str]]:
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=2) as (host, port):
        headers = device_headers()
        now = dt.datetime.now(dt.UTC)
        local_today = now.astimezone(local_zone()).date()
        body = {
            "reason": "confirmed_symptomatic",
            "start_date": (local_today - dt.timedelta(days=4)).isoformat(),
            "region": "13.71",
            "name": "Ibu Rina",
            "phone": "0812 7777 8888",
        }
        status, episode = request(host, port, "POST", "/api/v1/isolations", body, headers)
        assert status == 201
        # One reading on each of four days, getting worse.
        readings = [(3, 97, 37.8, 20), (2, 96, 38.2, 22), (1, 95, 38.4, 24), (0, 92, 38.6, 27)]
        batch = [
            {
                "measured_at": (now - dt.timedelta(days=d, minutes=30)).isoformat(),
                "spo2": spo2,
                "temperature_c": temp,
                "respiratory_rate": rate,
                "symptoms": ["cough", "shortness_of_breath"],
                "client_id": f"r{d}",
            }
            for d, spo2, temp, rate in readings
        ]
        url = f"/api/v1/isolations/{episode['id']}/checkins/batch"
        status, reply = request(host, port, "POST", url, batch, headers)
        assert status == 201
        assert reply["checkins"][-1]["triage"] == "urgent"
        yield host, port, episode["id"]


def test_the_board_flags_a_deteriorating_episode_and_charts_its_vitals(
    dash_br: Any, deteriorating: tuple[str, int, str]
) -> None:
    host, port, episode = deteriorating
    dash_br.driver.get(f"http://{host}:{port}/satgas/pemantauan")
    dash_br.wait_for_element("#login-username").send_keys("satgas-padang")
    dash_br.find_element("#login-password").send_keys(PASSWORD)
    dash_br.find_element("#login-submit").click()

    row = f"#episode-{episode}"
    dash_br.wait_for_contains_text(row, "Ibu Rina", timeout=10)
    dash_br.wait_for_contains_text(row, "Perlu diperiksa hari ini", timeout=5)
    cells = [c.get_attribute("class").split("cell-")[1] for c in dash_br.find_elements(f"{row} .grid .cell")]
    _, view = request(
        host, port, "GET", f"/api/v1/isolations/{episode}", headers=staff_headers("satgas_kabkota", "13.71")
    )
    assert cells == [day["state"] for day in view["adherence"]["grid"]]
    assert cells.count("reported") == 4

    assert dash_br.find_element(f"{row} a.tel").get_attribute("href") == "tel:081277778888"
    assert "row-urgent" in dash_br.find_element(row).get_attribute("class")
    # The last check-in in WIB, as Indonesians write it: "29 Nov 2026 01.36 WIB".
    last = dash_br.find_element(f"{row} td:nth-child(9)").text
    assert re.fullmatch(r"\d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB", last), last
    assert last == wib(view["last_checkin_at"], "id")

    dash_br.find_element(f"{row} button").click()
    dash_br.wait_for_contains_text("#vitals-alt", "SpO2 92", timeout=10)
    dash_br.wait_for_element("#vitals-chart .main-svg", timeout=10)
    assert "≤ 94 mendesak" in dash_br.find_element("#vitals-chart").text
    assert "Ditandai perlu diperiksa hari ini" in dash_br.find_element("#episode-events").text


@pytest.mark.parametrize(("width", "mobile"), [(390, True), (1366, False)])
def test_the_board_fits_a_phone_and_a_desktop_without_scrolling_sideways(
    dash_br: Any, deteriorating: tuple[str, int, str], width: int, mobile: bool
) -> None:
    host, port, episode = deteriorating
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": mobile}
    dash_br.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    dash_br.driver.get(f"http://{host}:{port}/satgas/pemantauan")
    dash_br.wait_for_element("#login-username").send_keys("satgas-padang")
    dash_br.find_element("#login-password").send_keys(PASSWORD)
    dash_br.find_element("#login-submit").click()
    dash_br.wait_for_contains_text(f"#episode-{episode}", "Ibu Rina", timeout=10)
    fits = dash_br.driver.execute_script(
        """const wrap = document.querySelector('#episode-board');
        const open = document.querySelector('#episode-table button').getBoundingClientRect();
        const last = document.querySelector('#episode-table td:nth-child(9)').getBoundingClientRect();
        return {page: document.documentElement.scrollWidth, inner: innerWidth, board: wrap.scrollWidth,
                shown: wrap.clientWidth, open: open.right, last: last.right};"""
    )
    assert fits["page"] <= fits["inner"], fits
    assert fits["board"] <= fits["shown"], fits  # nothing hidden behind a sideways scroll either
    assert max(fits["open"], fits["last"]) <= fits["inner"], fits


MONTHS_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def wib(moment: str, lang: str) -> str:
    local = dt.datetime.fromisoformat(moment).astimezone(local_zone())
    month = MONTHS_ID[local.month - 1] if lang == "id" else local.strftime("%b")
    separator = "." if lang == "id" else ":"
    return f"{local.day} {month} {local.year} {local.hour:02d}{separator}{local.minute:02d} WIB"


def test_note_contacted_and_close_are_done_from_the_board_and_audited(
    dash_br: Any, deteriorating: tuple[str, int, str]
) -> None:
    host, port, episode = deteriorating
    open_signed_in(dash_br, f"http://{host}:{port}/satgas/pemantauan?episode={episode}", ".follow-up")
    dash_br.wait_for_element("#lang-switch input[value='en']").click()
    dash_br.wait_for_contains_text(".follow-up", "Add note", timeout=15)

    act(dash_br, ".follow-up textarea", "Phoned; feels a little better")
    act(dash_br, ".follow-up .episode-buttons button")
    dash_br.wait_for_contains_text("#episode-message", "Saved: Note", timeout=6)
    dash_br.wait_for_contains_text("#episode-events", "Phoned; feels a little better", timeout=6)

    # The only raised flag is chosen already; contacted lowers it, with the note.
    act(dash_br, ".follow-up textarea", "Called back, SpO2 95")
    act(dash_br, ".follow-up fieldset:nth-of-type(1) button")
    dash_br.wait_for_contains_text("#episode-message", "'Check today' flag lowered", timeout=6)
    # The panel redraws after each change (the note field empties): wait for it before the next step.
    dash_br.wait_for_contains_text("#episode-events", "Called back, SpO2 95", timeout=6)

    close = ".follow-up fieldset:nth-of-type(2) button"
    act(dash_br, close)
    dash_br.wait_for_contains_text("#episode-message", "Choose an outcome", timeout=6)
    act(dash_br, ".follow-up fieldset:nth-of-type(2) label:nth-of-type(2)")  # referred
    act(dash_br, close)
    WebDriverWait(dash_br.driver, 6).until(lambda driver: _dialog(driver)).accept()
    dash_br.wait_for_contains_text("#episode-message", "Closed: Referred", timeout=6)

    _, view = request(
        host, port, "GET", f"/api/v1/isolations/{episode}", headers=staff_headers("satgas_kabkota", "13.71")
    )
    staff_events = [(e["action"], e["staff"], e["note"]) for e in view["events"] if e["actor"] == "staff"]
    assert staff_events == [
        ("note", "satgas-padang", "Phoned; feels a little better"),
        ("unflag_urgent", "satgas-padang", "Called back, SpO2 95"),
        ("close:referred", "satgas-padang", None),
    ]
    assert view["status"] == "referred"
    dash_br.wait_for_contains_text("#episode-events", "Closed: Referred · satgas-padang", timeout=6)
    events = dash_br.find_element("#episode-events").text
    assert wib(view["events"][-1]["at"], "en") in events


def test_the_timer_does_not_wipe_a_follow_up_being_written(dash_br: Any, deteriorating: tuple[str, int, str]) -> None:
    host, port, episode = deteriorating
    open_signed_in(dash_br, f"http://{host}:{port}/satgas/pemantauan?episode={episode}", ".follow-up")
    tick = "window.dash_clientside.set_props('monitoring-tick', {n_intervals: %d});"

    act(dash_br, ".follow-up textarea", "Menelepon keluarga")
    dash_br.driver.execute_script(tick % 101)
    time.sleep(2)  # the panel, were it read afresh, comes back well within this
    assert dash_br.find_element(".follow-up textarea").get_attribute("value") == "Menelepon keluarga"

    # With nothing written the timer reads the panel afresh, as before: a new note field replaces the old one.
    field = dash_br.find_element(".follow-up textarea")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.DELETE)
    dash_br.driver.execute_script(tick % 102)
    WebDriverWait(dash_br.driver, 6).until(staleness_of(field))


def open_signed_in(browser: Any, url: str, ready: str) -> None:
    """Open a console page as the Padang officer, through the sign-in it redirects to, until `ready` shows."""
    browser.driver.get(url)
    browser.wait_for_element("#login-username").send_keys("satgas-padang")
    browser.find_element("#login-password").send_keys(PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_element(ready, timeout=15)


def act(browser: Any, selector: str, text: str | None = None) -> None:
    """Click (or type into) an element of the episode's panel, which redraws after every change."""

    def attempt(driver: Any) -> bool:
        try:
            element = driver.find_element("css selector", selector)
            element.send_keys(text) if text is not None else element.click()
        except StaleElementReferenceException:
            return False
        return True

    WebDriverWait(browser.driver, 6).until(attempt)


def _dialog(driver: Any) -> Any:
    try:
        return driver.switch_to.alert
    except Exception:
        return None


@pytest.mark.parametrize(
    ("lang", "warning", "need", "confirm", "closed"),
    [
        (
            "id",
            "baru hari ke-5 dari 13",
            "Tulis alasan selesai lebih awal dulu",
            "PERHATIAN: 9 hari sebelum tanggal selesai",
            "Ditutup: Selesai",
        ),
        (
            "en",
            "only on day 5 of 13",
            "Say why it ends early first",
            "WARNING: 9 days before the release date",
            "Closed: Completed",
        ),
    ],
)
def test_completing_early_warns_needs_a_reason_and_asks_again(
    dash_br: Any, deteriorating: tuple[str, int, str], lang: str, warning: str, need: str, confirm: str, closed: str
) -> None:
    host, port, episode = deteriorating
    open_signed_in(dash_br, f"http://{host}:{port}/satgas/pemantauan?episode={episode}", ".follow-up")
    if lang == "en":
        dash_br.wait_for_element("#lang-switch input[value='en']").click()
        dash_br.wait_for_contains_text(".follow-up", "Add note", timeout=15)
    dash_br.wait_for_contains_text("#early-close-warning", warning, timeout=6)
    close = ".follow-up fieldset:nth-of-type(2) button"
    act(dash_br, ".follow-up fieldset:nth-of-type(2) label:nth-of-type(1)")  # completed
    act(dash_br, close)
    dash_br.wait_for_contains_text("#episode-message", need, timeout=6)
    assert _dialog(dash_br.driver) is None
    act(dash_br, ".follow-up fieldset:nth-of-type(2) input[type='text']", "PCR negatif 2 hari lalu")
    act(dash_br, close)
    dialog = WebDriverWait(dash_br.driver, 6).until(lambda driver: _dialog(driver))
    assert confirm in dialog.text
    dialog.accept()
    dash_br.wait_for_contains_text("#episode-message", closed, timeout=6)
    _, view = request(
        host, port, "GET", f"/api/v1/isolations/{episode}", headers=staff_headers("satgas_kabkota", "13.71")
    )
    assert (view["status"], view["events"][-1]["details"]) == ("completed", {"days_early": 9})
    assert view["events"][-1]["note"] == "PCR negatif 2 hari lalu"
