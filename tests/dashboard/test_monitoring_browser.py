"""The monitoring board in a real browser, with an episode that is getting worse."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.dashboard.conftest import needs_browser
from tests.factories import PASSWORD, device_headers, staff, staff_headers
from tests.live import request, running_server

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def deteriorating(app: Flask, database_url: str) -> Iterator[tuple[str, int, str]]:
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=2) as (host, port):
        headers = device_headers()
        now = dt.datetime.now(dt.UTC)
        local_today = (now + dt.timedelta(hours=7)).date()  # Padang is UTC+7
        body = {"reason": "confirmed_symptomatic", "start_date": (local_today - dt.timedelta(days=4)).isoformat(),
                "region": "13.71", "name": "Ibu Rina", "phone": "0812 7777 8888"}  # fmt: skip
        status, episode = request(host, port, "POST", "/api/v1/isolations", body, headers)
        assert status == 201
        # One reading on each of four days, getting worse.
        readings = [(3, 97, 37.8, 20), (2, 96, 38.2, 22), (1, 95, 38.4, 24), (0, 92, 38.6, 27)]
        batch = [
            {"measured_at": (now - dt.timedelta(days=d, minutes=30)).isoformat(), "spo2": spo2, "temperature_c": temp,
             "respiratory_rate": rate, "symptoms": ["cough", "shortness_of_breath"], "client_id": f"r{d}"}
            for d, spo2, temp, rate in readings
        ]  # fmt: skip
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

    dash_br.find_element(f"{row} button").click()
    dash_br.wait_for_contains_text("#vitals-alt", "SpO2 92", timeout=10)
    dash_br.wait_for_element("#vitals-chart .main-svg", timeout=10)
    assert "≤ 94 urgent" in dash_br.find_element("#vitals-chart").text
