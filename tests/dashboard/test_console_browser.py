"""The Satgas console in a real browser: sign in, see a new alert arrive without reloading, claim it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.dashboard.conftest import needs_browser
from tests.factories import PASSWORD, device_headers, staff, staff_headers
from tests.live import request, running_server

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def site(app: Flask, database_url: str) -> Iterator[tuple[str, int]]:
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=2, STREAM_MAX_SECONDS="20") as address:
        yield address


def sign_in(browser: Any, base: str) -> None:
    browser.driver.get(base + "/satgas")
    browser.wait_for_element("#login-username").send_keys("satgas-padang")
    browser.find_element("#login-password").send_keys(PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_contains_text("#alert-queue", "Tidak ada peringatan", timeout=10)


def test_a_responder_sees_a_new_alert_live_and_claims_it(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    base = f"http://{host}:{port}"
    sign_in(dash_br, base)

    body = {"category": "breathing", "region": "13.71", "phone": "0812 0000 1111", "note": "ibu sesak napas"}
    status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    assert status == 201
    # The console's timer refreshes every 10 s; seeing the alert sooner proves the live stream delivered it.
    dash_br.wait_for_contains_text("#alert-queue", "ibu sesak napas", timeout=6)
    dash_br.wait_for_contains_text(f"#alert-{alert['id']}", "Baru", timeout=2)

    claim = dash_br.find_element(f"#alert-{alert['id']} .alert-actions button")
    assert claim.text == "Ambil"
    claim.click()
    dash_br.wait_for_contains_text("#action-message", "Berhasil", timeout=6)
    dash_br.wait_for_contains_text(f"#alert-{alert['id']}", "Diambil", timeout=6)

    _, seen = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=staff_headers("satgas_provinsi"))
    assert (seen["status"], seen["acknowledged_by"]) == ("acknowledged", "satgas-padang")


def test_a_wrong_password_is_refused_with_a_message(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    dash_br.driver.get(f"http://{host}:{port}/satgas")
    dash_br.wait_for_element("#login-username").send_keys("satgas-padang")
    dash_br.find_element("#login-password").send_keys("not-the-password")
    dash_br.find_element("#login-submit").click()
    dash_br.wait_for_contains_text(".login", "Wrong username or password", timeout=10)
