"""The resident is told what happened to their alert and no more; a call is promised only with a number."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from tests.factories import device_headers, staff_headers

PRESSED = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)  # 09.00 WIB


def press(client: FlaskClient, headers: dict[str, str], **body: Any) -> Any:
    return client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71", **body}, headers=headers)


def test_the_message_says_waiting_until_an_officer_takes_it_then_who_and_when(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: PRESSED
    phone = {**device_headers(), "Accept-Language": "en"}
    pressed = press(client, phone, phone="0812 3456 7890").get_json()
    assert "waiting for a task-force officer to take it" in pressed["message"]
    assert "received" not in pressed["message"]
    assert "Keep your phone on" in pressed["message"]
    status = client.get(f"/api/v1/alerts/{pressed['id']}", headers=phone).get_json()
    assert status["message"] == pressed["message"]

    app.config["CLOCK"] = lambda: PRESSED + dt.timedelta(minutes=3)
    officer = staff_headers("satgas_provinsi")
    assert client.post(f"/api/v1/alerts/{pressed['id']}/claim", json={}, headers=officer).status_code == 200
    claimed = client.get(f"/api/v1/alerts/{pressed['id']}", headers=phone).get_json()
    assert claimed["message"].startswith("Taken by a task-force officer at 09:03 WIB.")
    assert "The officer will call you" in claimed["message"]
    in_indonesian = client.get(f"/api/v1/alerts/{pressed['id']}", headers={**phone, "Accept-Language": "id"})
    assert in_indonesian.get_json()["message"].startswith("Diterima oleh petugas Satgas pukul 09.03 WIB.")

    resolve = {"outcome": "helped"}
    assert client.post(f"/api/v1/alerts/{pressed['id']}/resolve", json=resolve, headers=officer).status_code == 200
    closed = client.get(f"/api/v1/alerts/{pressed['id']}", headers=phone).get_json()
    assert closed["message"].startswith("This emergency call was closed at 09:03 WIB.")
    assert "waiting" not in closed["message"]


def test_staff_reading_the_record_get_no_resident_sentence(client: FlaskClient) -> None:
    pressed = press(client, device_headers()).get_json()
    record = client.get(f"/api/v1/alerts/{pressed['id']}", headers=staff_headers("satgas_provinsi")).get_json()
    assert "message" not in record
    assert "has_phone" not in record


def test_a_cancel_reply_says_cancelled(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: PRESSED
    phone = device_headers()
    pressed = press(client, phone).get_json()
    cancelled = client.post(f"/api/v1/alerts/{pressed['id']}/cancel", json={}, headers=phone).get_json()
    assert cancelled["message"].startswith("Panggilan darurat ini dibatalkan pukul 09.00 WIB.")


def test_a_press_without_a_number_promises_no_call_and_asks_for_one(client: FlaskClient) -> None:
    phone = {**device_headers(), "Accept-Language": "en"}
    pressed = press(client, phone).get_json()
    assert pressed["has_phone"] is False
    assert "will call you" not in pressed["message"]
    assert "no phone number for you" in pressed["message"]

    added = client.post(f"/api/v1/alerts/{pressed['id']}/phone", json={"phone": "+62 812 3456 7890"}, headers=phone)
    assert added.status_code == 200
    assert added.get_json()["has_phone"] is True
    assert "Keep your phone on" in added.get_json()["message"]
    record = client.get(f"/api/v1/alerts/{pressed['id']}", headers=staff_headers("satgas_provinsi")).get_json()
    assert record["phone"] == "+62 812 3456 7890"


def test_a_callback_number_is_checked_and_refused_on_a_closed_alert(client: FlaskClient) -> None:
    phone = device_headers()
    pressed = press(client, phone).get_json()
    bad = client.post(f"/api/v1/alerts/{pressed['id']}/phone", json={"phone": "halo"}, headers=phone)
    assert bad.status_code == 422
    assert bad.get_json()["errors"]["json"]["phone"] == [
        "Nomor telepon tidak valid (6-20 angka, boleh +, spasi, tanda hubung)."
    ]
    other = client.post(f"/api/v1/alerts/{pressed['id']}/phone", json={"phone": "0812345678"}, headers=device_headers())
    assert other.status_code == 404
    client.post(f"/api/v1/alerts/{pressed['id']}/cancel", json={}, headers=phone)
    late = client.post(f"/api/v1/alerts/{pressed['id']}/phone", json={"phone": "0812345678"}, headers=phone)
    assert late.status_code == 409


def test_staff_see_that_a_fix_lies_outside_the_province(client: FlaskClient) -> None:
    phone = device_headers()
    pressed = press(client, phone).get_json()
    officer = staff_headers("satgas_provinsi")
    assert client.get(f"/api/v1/alerts/{pressed['id']}", headers=officer).get_json()["outside_province"] is False
    client.post(f"/api/v1/alerts/{pressed['id']}/locations", json={"lat": -6.2, "lon": 106.8}, headers=phone)
    queue = client.get("/api/v1/alerts?status=open", headers=officer).get_json()
    assert [(a["id"], a["outside_province"]) for a in queue] == [(pressed["id"], True)]
