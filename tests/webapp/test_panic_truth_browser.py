"""The call screen says what has happened and no more: waiting until an officer takes it, a call only with a number."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from flask import Flask

from api.services.alert_moves import expire_stale_alerts
from tests.factories import staff_headers
from tests.webapp.conftest import Browser, Server, needs_browser, new_browser, wib

pytestmark = [pytest.mark.browser, needs_browser]


def test_the_screen_says_waiting_until_an_officer_takes_the_call_then_who_took_it_and_when(
    app: Flask, server: Server, browser: Browser
) -> None:
    browser.open()
    browser.keep("phone", "0812 7777 8888")
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    waiting = browser.wait_text("#alert-message", "menunggu petugas Satgas menerimanya")
    assert "sudah diterima" not in waiting
    assert not browser.find_all("#alert-phone")  # the number went with the press

    alert_id = browser.stored("alert")["id"]
    officer = staff_headers("satgas_provinsi")
    status, claimed = server.api("POST", f"/api/v1/alerts/{alert_id}/claim", {}, officer)
    assert status == 200
    taken = browser.wait_text("#alert-message", f"Diterima oleh petugas Satgas pukul {wib(claimed['acknowledged_at'])}")
    assert "menunggu" not in taken
    server.api("POST", f"/api/v1/alerts/{alert_id}/resolve", {"outcome": "helped"}, officer)
    closed = browser.wait_text("#alert-message", "selesai pukul")
    assert "Diterima oleh" not in closed
    assert browser.problems() == []


def test_a_press_without_a_number_makes_no_promise_and_asks_for_one(app: Flask, server: Server) -> None:
    no_gps = new_browser(server, None)
    try:
        no_gps.open()
        no_gps.hold("#panic-button", 2.0)
        no_gps.wait('#alert-steps [data-step="sent"].done')
        message = no_gps.wait_text("#alert-message", "belum punya nomor telepon Anda")
        assert "akan menelepon" not in message
        assert no_gps.find_all("#alert-status .tel-link")  # the numbers to call instead
        press = json.loads(no_gps.requests("POST", "/api/v1/alerts")[0]["body"])
        assert "phone" not in press  # the press was not held back for a number

        no_gps.type("#alert-phone-number", "halo")
        no_gps.tap("#alert-phone-send")
        no_gps.wait_text("#alert-phone-number-error", "Nomor telepon tidak valid")
        no_gps.type("#alert-phone-number", "0812 3456 7890")
        no_gps.tap("#alert-phone-send")
        no_gps.wait_text("#alert-message", "Biarkan ponsel menyala")
        assert not no_gps.find_all("#alert-phone")
        assert no_gps.stored("phone") == "0812 3456 7890"  # remembered for the next press
        alert_id = no_gps.stored("alert")["id"]
        _, seen = server.api("GET", f"/api/v1/alerts/{alert_id}", headers=staff_headers("satgas_provinsi"))
        assert seen["phone"] == "0812 3456 7890"
        assert no_gps.problems() == []
    finally:
        no_gps.driver.quit()


def test_an_alert_closed_for_lack_of_activity_says_so_and_no_step_waits(
    app: Flask, server: Server, browser: Browser
) -> None:
    browser.open()
    browser.keep("phone", "0812 7777 9999")
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    clock = app.config.get("CLOCK")
    app.config["CLOCK"] = lambda: dt.datetime.now(dt.UTC) + dt.timedelta(days=30)
    try:
        with app.app_context():
            assert expire_stale_alerts("expire_alerts") >= 1
    finally:
        app.config["CLOCK"] = clock
    closed = browser.wait_text("#alert-expired", "Ditutup otomatis pukul")
    assert "tekan tombol lagi" in closed
    assert not browser.find_all('#alert-steps [data-step="received"]')  # nobody is still coming
    assert browser.problems() == []
