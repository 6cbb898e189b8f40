"""The console beyond its sign-in, checked by axe-core in a real browser with a signed-in officer: the alert queue
with open, claimed and isolation cards, the monitoring board and an episode's follow-up, in both languages, on a
desktop and a phone: no serious or critical violation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from api.clock import local_zone
from scripts.live import request, running_server
from tests.axe import axe_source
from tests.dashboard.conftest import needs_browser
from tests.dashboard.test_accessibility_browser import settled, violations
from tests.dashboard.test_monitoring_browser import open_signed_in
from tests.factories import device_headers, staff, staff_headers

__all__ = ["axe_source"]
pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def console(app: Flask, database_url: str) -> Iterator[tuple[str, str]]:
    """A server with an officer of Kota Padang, an isolating resident whose check-in raised an emergency, and a
    panic call already claimed (so a card offers its outcome)."""
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=2) as (host, port):
        headers = device_headers()
        today = dt.datetime.now(local_zone()).date()
        body = {
            "reason": "confirmed_symptomatic",
            "start_date": (today - dt.timedelta(days=3)).isoformat(),
            "region": "13.71",
            "name": "Ibu Rina",
            "phone": "0812 7777 8888",
            "address": "Jl. Sawahan No. 12, Padang Timur",
            "lat": -0.9521,
            "lon": 100.3702,
        }
        status, episode = request(host, port, "POST", "/api/v1/isolations", body, headers)
        assert status == 201
        reading = {"measured_at": dt.datetime.now(dt.UTC).isoformat(), "spo2": 88, "temperature_c": 38.6}
        request(host, port, "POST", f"/api/v1/isolations/{episode['id']}/checkins", reading, headers)
        press = {"category": "breathing", "region": "13.71", "phone": "0812 0000 1111", "note": "sesak"}
        _, alert = request(host, port, "POST", "/api/v1/alerts", press, device_headers())
        request(host, port, "POST", f"/api/v1/alerts/{alert['id']}/claim", {}, staff_headers("satgas_provinsi"))
        yield f"http://{host}:{port}", episode["id"]


@pytest.mark.parametrize(("lang", "width"), [("id", 1280), ("en", 1280), ("id", 390), ("en", 390)])
def test_the_queue_the_board_and_an_episode_have_no_serious_or_critical_violation(
    dash_br: Any, console: tuple[str, str], axe_source: str, lang: str, width: int
) -> None:
    base, episode = console
    dash_br.driver.set_window_size(width, 900)
    open_signed_in(dash_br, base + "/satgas", ".alert-card .alert-isolation")
    if lang == "en":
        dash_br.wait_for_element("#lang-switch input[value='en']").click()
        dash_br.wait_for_contains_text("#alert-queue", "Isolation day", timeout=10)
    found = {}
    for path, ready in (
        ("/satgas", ".alert-card .outcome"),
        ("/satgas/pemantauan", "#episode-table"),
        (f"/satgas/pemantauan?episode={episode}", "#early-close-warning"),
    ):
        dash_br.driver.get(base + path)
        dash_br.wait_for_element(ready, timeout=15)
        settled(dash_br)
        assert dash_br.driver.execute_script("return document.documentElement.lang") == lang
        problems = violations(dash_br, axe_source)
        if problems:
            found[path] = problems
    assert found == {}
