"""Where a resident isolates: the address and pin given at the start and corrected, who sees them, the alert card."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import IsolationEpisode, IsolationEvent
from api.services import privacy
from scripts.answers import self_screening_answers
from tests.api.test_isolations import NOW, start
from tests.factories import device_headers, staff_headers, submit

ADDRESS = "Jl. Sawahan No. 12, RT 02/RW 03, Kel. Sawahan, Padang Timur"
PIN = {"lat": -0.9521, "lon": 100.3702}


@pytest.fixture(autouse=True)
def fixed_clock(app: Flask) -> None:
    app.config["CLOCK"] = lambda: NOW


def episodes() -> int:
    return len(db.session.scalars(db.select(IsolationEpisode)).all())


def test_the_address_and_pin_given_at_the_start_reach_the_resident_and_staff_in_scope_only(client: FlaskClient) -> None:
    body = start(client, device_headers(), name="Rina", address=f"  {ADDRESS} ", **PIN).get_json()
    assert (body["address"], body["lat"], body["lon"]) == (ADDRESS, PIN["lat"], PIN["lon"])
    padang = staff_headers("satgas_kabkota", "13.71")
    [row] = client.get("/api/v1/isolations", headers=padang).get_json()
    assert (row["address"], row["lat"], row["lon"]) == (ADDRESS, PIN["lat"], PIN["lon"])
    assert client.get(f"/api/v1/isolations/{body['id']}", headers=padang).get_json()["address"] == ADDRESS
    agam = staff_headers("satgas_kabkota", "13.06")
    assert client.get(f"/api/v1/isolations/{body['id']}", headers=agam).status_code == 404


def test_an_episode_without_an_address_is_valid_and_a_blank_address_is_none(client: FlaskClient) -> None:
    body = start(client, device_headers(), address="   ").get_json()
    assert (body["address"], body["lat"], body["lon"]) == (None, None, None)


@pytest.mark.parametrize(
    ("place", "field", "indonesian", "english"),
    [
        ({"lat": -0.95}, "lon", "lat dan lon harus dikirim bersama.", "lat and lon come together."),
        ({"lat": -95.0, "lon": 100.0}, "lat", "Harus antara -90 dan 90.", "Must be greater than or equal to -90"),
        ({"address": "Rt"}, "address", "Panjangnya harus antara 5 dan 300.", "Length must be between 5 and 300."),
        ({"address": "x" * 301}, "address", "Panjangnya harus antara 5 dan 300.", "Length must be between 5 and 300."),
    ],
)
def test_a_bad_place_gets_422_on_its_field_in_both_languages_and_stores_nothing(
    client: FlaskClient, place: dict[str, Any], field: str, indonesian: str, english: str
) -> None:
    headers = device_headers()
    refused = start(client, headers, **place)
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["json"][field][0].startswith(indonesian)
    body = {"reason": "suspect", "start_date": "2021-07-09", "region": "13.71", **place}
    in_english = client.post("/api/v1/isolations?lang=en", json=body, headers=headers)
    assert in_english.get_json()["errors"]["json"][field][0].startswith(english)
    assert episodes() == 0


def test_the_resident_corrects_the_place_audited_without_the_address_in_the_trail(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, address=ADDRESS).get_json()["id"]
    moved = client.put(
        f"/api/v1/isolations/{episode}/place", json={"address": "Jl. Pondok No. 3, Padang", **PIN}, headers=headers
    )
    assert moved.status_code == 200
    assert (moved.get_json()["address"], moved.get_json()["lat"]) == ("Jl. Pondok No. 3, Padang", PIN["lat"])
    cleared = client.put(f"/api/v1/isolations/{episode}/place", json={"address": "Jl. Pondok No. 3"}, headers=headers)
    assert (cleared.get_json()["lat"], cleared.get_json()["lon"]) == (None, None)
    events = db.session.scalars(db.select(IsolationEvent).where(IsolationEvent.action == "place_changed")).all()
    assert [(e.actor, e.details, e.note) for e in events] == [("resident", None, None)] * 2
    trail = client.get(f"/api/v1/isolations/{episode}?lang=en", headers=staff_headers()).get_json()["events"]
    assert trail[-1]["text"] == "Isolation address changed by the resident"


def test_only_the_residents_device_corrects_an_open_episode(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, address=ADDRESS).get_json()["id"]
    path = f"/api/v1/isolations/{episode}/place"
    assert client.put(path, json={"address": "Jl. Lain No. 1"}, headers=device_headers()).status_code == 404
    assert client.put(path, json={"address": "Jl. Lain No. 1"}, headers=staff_headers()).status_code == 401
    client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "referred"}, headers=staff_headers())
    assert client.put(path, json={"address": "Jl. Lain No. 1"}, headers=headers).status_code == 409
    assert db.session.get(IsolationEpisode, uuid.UUID(episode)).address == ADDRESS  # type: ignore[union-attr]


def test_a_panic_press_in_isolation_is_linked_and_the_card_shows_place_age_risks_and_last_readings(
    client: FlaskClient,
) -> None:
    headers = device_headers()
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True, age=67)
    answers["comorbidities"] = ["diabetes", "hypertension"]
    screening = submit(client, headers=headers, answers=answers, region="13.71").get_json()
    episode = client.post(
        "/api/v1/isolations",
        json={"screening_response_id": screening["id"], "phone": "0812 5555 6666", "address": ADDRESS, **PIN},
        headers=headers,
    ).get_json()
    client.post(
        f"/api/v1/isolations/{episode['id']}/checkins",
        json={"measured_at": NOW.isoformat(), "temperature_c": 38.4, "spo2": 94},
        headers=headers,
    )
    pressed = client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers).get_json()
    card = client.get(f"/api/v1/alerts/{pressed['id']}", headers=staff_headers("satgas_kabkota", "13.71")).get_json()
    assert (card["episode"], card["phone"]) == (episode["id"], "0812 5555 6666")
    isolation = card["isolation"]
    assert (isolation["address"], isolation["lat"], isolation["lon"]) == (ADDRESS, PIN["lat"], PIN["lon"])
    assert isolation["maps_url"].endswith("query=-0.952100%2C100.370200")
    assert (isolation["age"], isolation["risk_factors"]) == (67, ["diabetes", "hypertension"])
    assert (isolation["day"], isolation["total_days"]) == (1, 13)
    last = isolation["last_reading"]
    assert (last["temperature_c"], last["spo2"], last["triage"]) == (38.4, 94, "urgent")
    assert dt.datetime.fromisoformat(last["measured_at"]) == NOW


def test_a_press_from_a_device_not_in_isolation_has_no_isolation_on_its_card(client: FlaskClient) -> None:
    pressed = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    card = client.get(f"/api/v1/alerts/{pressed.get_json()['id']}", headers=staff_headers()).get_json()
    assert (card["episode"], card["isolation"]) == (None, None)


def test_the_place_is_exported_and_removed_with_the_episodes_personal_data(app: Flask, client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, address=ADDRESS, **PIN).get_json()["id"]
    [exported] = client.get("/api/v1/devices/me/data", headers=headers).get_json()["isolation_episodes"]
    assert (exported["address"], exported["lat"], exported["lon"]) == (ADDRESS, PIN["lat"], PIN["lon"])
    client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "referred"}, headers=staff_headers())
    days = float(app.config["RETENTION_EPISODE_DAYS"])
    privacy.purge(NOW + dt.timedelta(days=days - 1))
    db.session.expire_all()
    assert db.session.get(IsolationEpisode, uuid.UUID(episode)).address == ADDRESS  # type: ignore[union-attr]
    privacy.purge(NOW + dt.timedelta(days=days + 1))
    db.session.expire_all()
    kept = db.session.get(IsolationEpisode, uuid.UUID(episode))
    assert kept is not None
    assert (kept.address, kept.lat, kept.lon) == (None, None, None)


def test_the_address_is_never_logged(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    headers = device_headers()
    episode = start(client, headers, address=ADDRESS, **PIN).get_json()["id"]
    client.put(f"/api/v1/isolations/{episode}/place", json={"address": ADDRESS + " (belakang)"}, headers=headers)
    client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers)
    client.get("/api/v1/isolations", headers=staff_headers())
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Sawahan" not in logged
    assert "100.3702" not in logged
