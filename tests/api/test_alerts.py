"""Panic alerts: routing, presses, the workflow and its audit trail, scope, escalation and the event stream."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.geo import read_boundaries
from api.models import Alert, AlertEvent, AlertPress, Notification
from api.services.alert_locations import outside_province
from api.transactions import unit_of_work
from tests.factories import attend_every_region, device_headers, staff_headers
from tests.paths import BOUNDARY_FILE, needs_boundaries


@pytest.fixture(autouse=True)
def attended(app: Flask) -> None:
    """Someone is on duty everywhere: alerts here start at the foot of the ladder (tests/api/test_alert_arrival.py
    raises them in regions nobody attends)."""
    attend_every_region()


def press(client: FlaskClient, headers: dict[str, str], **body: Any) -> Any:
    body.setdefault("category", "medical")
    return client.post("/api/v1/alerts", json=body, headers=headers)


def alerts_stored() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) or 0


@pytest.fixture
def with_boundaries(app: Flask) -> None:
    app.config["BOUNDARIES"] = str(BOUNDARY_FILE)


# --- routing -------------------------------------------------------------------------------------


@needs_boundaries
def test_a_point_inside_each_real_polygon_is_routed_to_that_region(client: FlaskClient, with_boundaries: None) -> None:
    frame = read_boundaries(BOUNDARY_FILE).frame
    for code, geometry in zip(frame["code"], frame.geometry, strict=True):
        inside = geometry.representative_point()
        body = press(client, device_headers(), lat=inside.y, lon=inside.x).get_json()
        assert (body["region"], body["routed_by"]) == (code, "polygon")


@needs_boundaries
@pytest.mark.parametrize(
    ("lat", "lon", "region"),
    [(-0.305, 100.37, "13.75"), (-0.47, 100.40, "13.74"), (-0.95, 100.36, "13.71"), (-0.25, 100.17, "13.06")],
)
def test_enclave_cities_win_over_the_regency_around_them(
    client: FlaskClient, with_boundaries: None, lat: float, lon: float, region: str
) -> None:
    assert press(client, device_headers(), lat=lat, lon=lon).get_json()["region"] == region


@needs_boundaries
def test_a_point_at_sea_goes_to_the_nearest_region_centroid(client: FlaskClient, with_boundaries: None) -> None:
    body = press(client, device_headers(), lat=-1.0, lon=99.9).get_json()
    assert body["routed_by"] == "nearest"
    assert body["region"] == "13.77"  # Kota Pariaman's centroid is the closest to that spot off the coast


def test_without_a_boundary_file_the_nearest_centroid_is_used(client: FlaskClient) -> None:
    body = press(client, device_headers(), lat=-0.90, lon=100.44).get_json()
    assert (body["region"], body["routed_by"]) == ("13.71", "nearest")


def test_without_a_location_the_declared_region_then_the_province_queue(client: FlaskClient) -> None:
    declared = press(client, device_headers(), region="13.06").get_json()
    assert (declared["region"], declared["routed_by"]) == ("13.06", "declared")
    nothing = press(client, device_headers()).get_json()
    assert (nothing["region"], nothing["routed_by"]) == (None, "none")


def test_a_point_far_outside_the_province_goes_to_the_province_queue(client: FlaskClient) -> None:
    body = press(client, device_headers(), lat=-6.2, lon=106.8).get_json()
    assert (body["region"], body["routed_by"]) == (None, "none")


def test_a_later_fix_reroutes_an_alert_that_had_no_location(client: FlaskClient) -> None:
    headers = device_headers()
    alert = press(client, headers, region="13.06").get_json()
    reply = client.post(f"/api/v1/alerts/{alert['id']}/locations", json={"lat": -0.90, "lon": 100.44}, headers=headers)
    assert reply.status_code == 201
    assert (reply.get_json()["region"], reply.get_json()["routed_by"]) == ("13.71", "nearest")


# --- resident side ----------------------------------------------------------------------------------


def test_the_alert_is_stored_before_the_reply_and_presses_join_the_open_alert(client: FlaskClient) -> None:
    headers = device_headers()
    first = press(client, headers, category="breathing", phone="+62 812 3456 7890")
    assert first.status_code == 201
    assert alerts_stored() == 1
    again = press(client, headers, lat=-0.9, lon=100.4)
    assert again.status_code == 200
    assert again.get_json()["id"] == first.get_json()["id"]
    assert again.get_json()["press_count"] == 2
    assert alerts_stored() == 1


def test_every_press_is_a_row_with_its_note_in_order_and_the_reply_says_it_joined(client: FlaskClient) -> None:
    headers = device_headers()
    first = press(client, headers, note="dada sesak").get_json()
    assert first["joined"] is False
    for note in ("makin sesak", None, "tolong"):
        joined = press(client, headers, note=note).get_json()
        assert (joined["id"], joined["joined"]) == (first["id"], True)
    detail = client.get(f"/api/v1/alerts/{first['id']}", headers=staff_headers("satgas_provinsi")).get_json()
    assert detail["press_count"] == 4
    assert [p["note"] for p in detail["presses"]] == ["dada sesak", "makin sesak", None, "tolong"]
    assert detail["note"] == "dada sesak"


def test_a_later_press_raises_the_category_but_never_lowers_it(client: FlaskClient) -> None:
    headers = device_headers()
    alert = press(client, headers, category="other").get_json()
    assert press(client, headers, category="breathing").get_json()["category"] == "breathing"
    assert press(client, headers, category="medical").get_json()["category"] == "breathing"
    assert db.session.get(Alert, uuid.UUID(alert["id"])).category == "breathing"


def test_one_device_cannot_grow_an_alert_without_end(app: Flask, client: FlaskClient) -> None:
    app.config.update(ALERT_PRESSES_PER_MINUTE=3, ALERT_NOTES_MAX_CHARS=2500)
    headers = device_headers()
    alert = press(client, headers, note="a" * 1000).get_json()
    replies = [press(client, headers, note="b" * 1000) for _ in range(5)]
    # Every press is answered and counted; only three rows a minute are kept, and notes stop at the budget.
    assert {r.status_code for r in replies} == {200}
    assert replies[-1].get_json()["press_count"] == 6
    stored = db.session.scalars(sa.select(AlertPress).where(AlertPress.alert_id == uuid.UUID(alert["id"]))).all()
    assert len(stored) == 3
    assert sum(len(p.note or "") for p in stored) == 2500
    pressed_events = db.session.scalars(sa.select(AlertEvent).where(AlertEvent.kind == "pressed")).all()
    assert len(pressed_events) == 2
    # Events carry the press that joined, not every earlier note again.
    assert all(len(json.dumps(e.payload)) < 4000 for e in pressed_events)


@pytest.mark.parametrize(
    "located_at",
    [
        "2100-01-01T00:00:00+07:00",
        "2019-12-31T23:00:00+00:00",
        "2021-07-10T02:10:00+00:00",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:59:59-05:00",
    ],
)
def test_implausible_fix_times_are_refused_and_store_nothing(app: Flask, client: FlaskClient, located_at: str) -> None:
    app.config["CLOCK"] = lambda: dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
    headers = device_headers()
    reply = press(client, headers, lat=-0.9, lon=100.4, located_at=located_at)
    assert reply.status_code == 422
    assert "located_at" in reply.get_json()["errors"]["json"]
    assert alerts_stored() == 0
    alert = press(client, headers).get_json()
    fix = {"lat": -0.9, "lon": 100.4, "located_at": located_at}
    later = client.post(f"/api/v1/alerts/{alert['id']}/locations", json=fix, headers=headers)
    assert later.status_code == 422
    assert db.session.get(Alert, uuid.UUID(alert["id"])).lat is None


def test_a_fix_a_few_minutes_ahead_is_accepted(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
    reply = press(client, device_headers(), lat=-0.9, lon=100.4, located_at="2021-07-10T09:03:00+07:00")
    assert reply.status_code == 201


def test_a_retry_with_the_same_idempotency_key_creates_nothing_new(client: FlaskClient) -> None:
    headers = {**device_headers(), "Idempotency-Key": "press-1"}
    first, retry = press(client, headers), press(client, headers)
    assert retry.status_code == 201
    assert retry.get_json() == first.get_json()
    assert retry.get_json()["press_count"] == 1
    assert alerts_stored() == 1


def test_after_an_alert_is_closed_a_new_press_raises_a_new_alert(client: FlaskClient) -> None:
    headers = device_headers()
    first = press(client, headers).get_json()
    client.post(f"/api/v1/alerts/{first['id']}/cancel", json={}, headers=headers)
    second = press(client, headers)
    assert second.status_code == 201
    assert second.get_json()["id"] != first["id"]


def test_the_resident_sees_when_a_responder_acknowledged_and_another_device_gets_404(client: FlaskClient) -> None:
    owner = device_headers()
    alert = press(client, owner, region="13.71").get_json()
    client.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=staff_headers("satgas_kabkota", "13.71"))
    seen = client.get(f"/api/v1/alerts/{alert['id']}", headers=owner).get_json()
    assert seen["status"] == "acknowledged"
    assert seen["acknowledged_at"]
    assert "phone" not in seen
    assert "note" not in seen
    stranger = device_headers()
    assert client.get(f"/api/v1/alerts/{alert['id']}", headers=stranger).status_code == 404
    assert client.post(f"/api/v1/alerts/{alert['id']}/cancel", json={}, headers=stranger).status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"category": "fire"},
        {},
        {"category": "medical", "lat": -0.9},
        {"category": "medical", "lat": 91, "lon": 100},
        {"category": "medical", "phone": "call me"},
        {"category": "medical", "region": "99.99"},
        {"category": "medical", "located_at": "yesterday"},
        {"category": "medical", "extra": True},
    ],
)
def test_bad_alerts_get_422_and_store_nothing(client: FlaskClient, body: dict[str, Any]) -> None:
    reply = client.post("/api/v1/alerts", json=body, headers=device_headers())
    assert reply.status_code == 422, reply.get_json()
    assert reply.get_json()["errors"]
    assert alerts_stored() == 0


def test_pressing_needs_a_device_token(client: FlaskClient) -> None:
    assert press(client, {}).status_code == 401
    assert press(client, staff_headers("admin")).status_code == 401


# --- workflow -------------------------------------------------------------------------------------------


def test_claim_dispatch_resolve_with_an_audit_trail(client: FlaskClient) -> None:
    alert = press(client, device_headers(), region="13.71").get_json()
    staff = staff_headers("satgas_kabkota", "13.71")
    url = f"/api/v1/alerts/{alert['id']}"
    assert client.post(url + "/claim", json={"note": "on it"}, headers=staff).get_json()["status"] == "acknowledged"
    assert client.post(url + "/dispatch", json={}, headers=staff).get_json()["status"] == "dispatched"
    resolved = client.post(url + "/resolve", json={"outcome": "referred", "note": "to RSUP M. Djamil"}, headers=staff)
    assert (resolved.get_json()["status"], resolved.get_json()["outcome"]) == ("resolved", "referred")
    trail = client.get(url, headers=staff).get_json()["transitions"]
    assert [(t["action"], t["from_status"], t["to_status"], t["actor"]) for t in trail] == [
        ("raise", None, "new", "resident"),
        ("claim", "new", "acknowledged", "staff"),
        ("dispatch", "acknowledged", "dispatched", "staff"),
        ("resolve", "dispatched", "resolved", "staff"),
    ]
    assert trail[1]["note"] == "on it"
    assert trail[1]["staff"] == "satgas-kabkota-13.71"


def test_each_move_is_timed_when_it_happens_under_the_lock_as_its_audit_row_shows(
    app: Flask, client: FlaskClient
) -> None:
    # Every reading of the clock is a second later, so a time read before the write lock shows as earlier.
    ticks = iter(dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC) + dt.timedelta(seconds=n) for n in range(10_000))
    app.config["CLOCK"] = lambda: next(ticks)
    owner, staff = device_headers(), staff_headers("satgas_provinsi")
    first = press(client, owner, region="13.71").get_json()
    for action, body in (("claim", {}), ("dispatch", {}), ("resolve", {"outcome": "helped"})):
        client.post(f"/api/v1/alerts/{first['id']}/{action}", json=body, headers=staff)
    second = press(client, owner, region="13.71").get_json()
    client.post(f"/api/v1/alerts/{second['id']}/cancel", json={}, headers=owner)
    stamps = {
        "claim": "acknowledged_at",
        "dispatch": "dispatched_at",
        "resolve": "resolved_at",
        "cancel": "cancelled_at",
    }
    for alert_id in (first["id"], second["id"]):
        detail = client.get(f"/api/v1/alerts/{alert_id}", headers=staff).get_json()
        moves = [t for t in detail["transitions"] if t["action"] in stamps]
        assert moves
        for move in moves:
            assert detail[stamps[move["action"]]] == move["at"], move["action"]


@pytest.mark.parametrize(
    ("steps", "illegal"),
    [
        ([], ("dispatch", {})),
        ([], ("resolve", {"outcome": "helped"})),
        ([("claim", {})], ("claim", {})),
        ([("claim", {}), ("resolve", {"outcome": "helped"})], ("dispatch", {})),
        ([("claim", {}), ("resolve", {"outcome": "false_alarm"})], ("resolve", {"outcome": "helped"})),
    ],
)
def test_illegal_transitions_get_409_and_change_nothing(
    client: FlaskClient, steps: list[tuple[str, dict[str, str]]], illegal: tuple[str, dict[str, str]]
) -> None:
    alert = press(client, device_headers(), region="13.71").get_json()
    staff = staff_headers("satgas_provinsi")
    for action, body in steps:
        assert client.post(f"/api/v1/alerts/{alert['id']}/{action}", json=body, headers=staff).status_code == 200
    before = client.get(f"/api/v1/alerts/{alert['id']}", headers=staff).get_json()
    reply = client.post(f"/api/v1/alerts/{alert['id']}/{illegal[0]}", json=illegal[1], headers=staff)
    assert reply.status_code == 409
    after = client.get(f"/api/v1/alerts/{alert['id']}", headers=staff).get_json()
    assert after["status"] == before["status"]
    assert len(after["transitions"]) == len(before["transitions"])


def test_resolving_needs_a_known_outcome(client: FlaskClient) -> None:
    alert = press(client, device_headers(), region="13.71").get_json()
    staff = staff_headers("satgas_provinsi")
    client.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=staff)
    assert client.post(f"/api/v1/alerts/{alert['id']}/resolve", json={}, headers=staff).status_code == 422
    bad = client.post(f"/api/v1/alerts/{alert['id']}/resolve", json={"outcome": "lunch"}, headers=staff)
    assert bad.status_code == 422


def test_a_cancelled_alert_cannot_be_claimed(client: FlaskClient) -> None:
    owner = device_headers()
    alert = press(client, owner, region="13.71").get_json()
    assert (
        client.post(f"/api/v1/alerts/{alert['id']}/cancel", json={}, headers=owner).get_json()["status"] == "cancelled"
    )
    claim = client.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=staff_headers("satgas_provinsi"))
    assert claim.status_code == 409
    assert (
        client.post(
            f"/api/v1/alerts/{alert['id']}/locations", json={"lat": -0.9, "lon": 100.4}, headers=owner
        ).status_code
        == 409
    )


# --- scope ------------------------------------------------------------------------------------------------


def test_kabkota_responders_see_and_handle_only_their_region(client: FlaskClient) -> None:
    padang = press(client, device_headers(), region="13.71").get_json()
    agam = press(client, device_headers(), region="13.06").get_json()
    press(client, device_headers())  # province queue
    padang_staff = staff_headers("satgas_kabkota", "13.71")
    assert [a["id"] for a in client.get("/api/v1/alerts", headers=padang_staff).get_json()] == [padang["id"]]
    assert client.get("/api/v1/alerts?region=13.06", headers=padang_staff).status_code == 403
    assert client.get(f"/api/v1/alerts/{agam['id']}", headers=padang_staff).status_code == 404
    assert client.post(f"/api/v1/alerts/{agam['id']}/claim", json={}, headers=padang_staff).status_code == 404
    province = staff_headers("satgas_provinsi")
    assert len(client.get("/api/v1/alerts", headers=province).get_json()) == 3
    assert len(client.get("/api/v1/alerts?region=13.06", headers=province).get_json()) == 1
    assert client.get("/api/v1/alerts", headers=staff_headers("editor")).status_code == 403
    assert client.get("/api/v1/alerts").status_code == 401


def test_the_queue_lists_open_alerts_by_urgency(client: FlaskClient) -> None:
    other = press(client, device_headers(), category="other", region="13.71").get_json()
    breathing = press(client, device_headers(), category="breathing", region="13.71").get_json()
    queue = client.get("/api/v1/alerts?status=open", headers=staff_headers("satgas_provinsi")).get_json()
    assert [a["id"] for a in queue] == [breathing["id"], other["id"]]


def test_the_queue_is_unclaimed_first_then_by_severity_then_oldest_first(app: Flask, client: FlaskClient) -> None:
    start = dt.datetime(2021, 7, 15, 1, 0, tzinfo=dt.UTC)

    def at(minutes: int) -> None:
        app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=minutes)

    responder = staff_headers("satgas_provinsi")
    at(0)
    other_old = press(client, device_headers(), category="other", region="13.71").get_json()
    at(1)
    claimed_breathing = press(client, device_headers(), category="breathing", region="13.71").get_json()
    at(2)
    medical = press(client, device_headers(), category="medical", region="13.71").get_json()
    at(3)
    breathing = press(client, device_headers(), category="breathing", region="13.71").get_json()
    at(4)
    other_new = press(client, device_headers(), category="other", region="13.71").get_json()
    assert client.post(f"/api/v1/alerts/{claimed_breathing['id']}/claim", json={}, headers=responder).status_code == 200
    queue = client.get("/api/v1/alerts", headers=responder).get_json()
    assert [a["id"] for a in queue] == [
        breathing["id"],
        medical["id"],
        other_old["id"],
        other_new["id"],
        claimed_breathing["id"],
    ]


def test_an_emergency_checkin_sorts_with_breathing_above_an_older_other_press(app: Flask, client: FlaskClient) -> None:
    other = press(client, device_headers(), category="other", region="13.71").get_json()
    resident = device_headers()
    episode = client.post(
        "/api/v1/isolations",
        json={
            "reason": "confirmed_symptomatic",
            "start_date": dt.date.today().isoformat(),
            "region": "13.71",
            "name": "Siti Aminah",
        },
        headers=resident,
    ).get_json()
    reply = client.post(
        f"/api/v1/isolations/{episode['id']}/checkins",
        json={"measured_at": dt.datetime.now(dt.UTC).isoformat(), "spo2": 88, "danger_signs": ["bluish_lips"]},
        headers=resident,
    ).get_json()
    queue = client.get("/api/v1/alerts?lang=en", headers=staff_headers("satgas_provinsi")).get_json()
    assert [a["id"] for a in queue] == [reply["alert_id"], other["id"]]
    monitoring = queue[0]
    assert monitoring["episode"] == episode["id"]
    assert monitoring["resident_name"] == "Siti Aminah"
    assert "Danger sign: bluish lips or face." in monitoring["reason_texts"]
    assert not any("danger_sign:" in text for text in monitoring["reason_texts"])
    assert monitoring["routed_by_text"] == "the isolation episode's region: Kota Padang"
    assert queue[1]["reason_texts"] == []


def test_monitoring_alerts_sort_by_their_stored_cause_whatever_their_notes_say(app: Flask, client: FlaskClient) -> None:
    from api.services.alerts import open_monitoring_alert
    from screening.monitoring_alerts import EMERGENCY_CHECKIN, SILENCE

    start = dt.datetime(2021, 7, 15, 1, 0, tzinfo=dt.UTC)

    def opened(minutes: int, **cause: Any) -> str:
        app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=minutes)
        with unit_of_work():
            alert = open_monitoring_alert(region_code="13.71", phone=None, **cause)
        return str(alert.id)

    # Notes are for people and may say anything; an older, silent one reads like an emergency, and the other way.
    silent = opened(0, cause=SILENCE, reasons=["no_checkin_49h"], note="Isolation check-in emergency: spo2_below_90")
    app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=1)
    medical = press(client, device_headers(), category="medical", region="13.71").get_json()["id"]
    emergency = opened(2, cause=EMERGENCY_CHECKIN, reasons=["spo2_below_90"], note="No isolation check-in for 49 h")
    queue = client.get("/api/v1/alerts?lang=en", headers=staff_headers("satgas_provinsi")).get_json()
    assert [a["id"] for a in queue] == [emergency, silent, medical]
    assert [(a["severity"], a["reason_texts"]) for a in queue] == [
        (0, ["Oxygen saturation (SpO2) below 90%."]),
        (1, ["No isolation check-in for 49 hours."]),
        (1, []),
    ]


def test_the_staff_view_carries_maps_links_and_the_routing_in_words(client: FlaskClient) -> None:
    located = press(client, device_headers(), lat=-0.95, lon=100.36, accuracy_m=25, region="13.71").get_json()
    unlocated = press(client, device_headers()).get_json()
    staff = staff_headers("satgas_provinsi")
    view = client.get(f"/api/v1/alerts/{located['id']}?lang=en", headers=staff).get_json()
    assert view["geo_uri"] == "geo:-0.950000,100.360000"
    assert view["maps_url"].startswith("https://")
    assert "-0.950000%2C100.360000" in view["maps_url"]
    assert view["routed_by_text"] in ("inside Kota Padang's boundary", "nearest to Kota Padang")
    assert view["resident_name"] is None
    indonesian = client.get(f"/api/v1/alerts/{unlocated['id']}", headers=staff).get_json()
    assert (indonesian["maps_url"], indonesian["geo_uri"], indonesian["routed_by_text"]) == (
        None,
        None,
        "antrean provinsi",
    )


def test_a_panic_press_from_an_isolating_residents_phone_carries_their_name(client: FlaskClient) -> None:
    resident = device_headers()
    created = client.post(
        "/api/v1/isolations",
        json={
            "reason": "confirmed_asymptomatic",
            "start_date": dt.date.today().isoformat(),
            "region": "13.71",
            "name": "Budi Santoso",
        },
        headers=resident,
    )
    assert created.status_code == 201
    alert = press(client, resident).get_json()
    view = client.get(f"/api/v1/alerts/{alert['id']}", headers=staff_headers("satgas_provinsi")).get_json()
    assert view["resident_name"] == "Budi Santoso"
    stranger = press(client, device_headers()).get_json()
    listed = client.get("/api/v1/alerts", headers=staff_headers("satgas_provinsi")).get_json()
    assert {a["id"]: a["resident_name"] for a in listed} == {alert["id"]: "Budi Santoso", stranger["id"]: None}
    own = client.get(f"/api/v1/alerts/{alert['id']}", headers=resident).get_json()
    assert "resident_name" not in own
    assert "maps_url" not in own


# --- escalation ----------------------------------------------------------------------------------------


def test_unacknowledged_alerts_escalate_on_time_and_only_once(app: Flask, client: FlaskClient) -> None:
    from api.jobs import escalate_alerts

    start = dt.datetime.now(dt.UTC)
    app.config["CLOCK"] = lambda: start
    waiting = press(client, device_headers(), region="13.71").get_json()
    handled = press(client, device_headers(), region="13.71").get_json()
    client.post(f"/api/v1/alerts/{handled['id']}/claim", json={}, headers=staff_headers("satgas_kabkota", "13.71"))

    def at(minutes: float, seconds: float = 0) -> dict[str, int]:
        app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=minutes, seconds=seconds)
        return escalate_alerts()

    def escalations() -> list[tuple[str, int]]:
        queued = sa.select(Notification.payload).where(Notification.kind == "alert_escalated").order_by(Notification.id)
        return [(payload["audience"], payload["level"]) for payload in db.session.scalars(queued)]

    assert at(4, 59) == {"provinsi": 0, "admin": 0}
    assert at(5) == {"provinsi": 1, "admin": 0}
    assert at(6) == {"provinsi": 0, "admin": 0}
    assert escalations() == [("satgas_provinsi", 1)]
    assert at(15) == {"provinsi": 0, "admin": 1}
    assert at(20) == {"provinsi": 0, "admin": 0}
    assert escalations() == [("satgas_provinsi", 1), ("admin", 2)]
    seen = client.get(f"/api/v1/alerts/{waiting['id']}", headers=staff_headers("satgas_provinsi")).get_json()
    assert (seen["escalated"], seen["escalation_level"]) == (True, 2)
    assert [t["action"] for t in seen["transitions"]] == ["raise", "escalate", "escalate"]


def test_escalation_time_comes_from_configuration(app: Flask, client: FlaskClient) -> None:
    from api.jobs import escalate_alerts

    app.config["ALERT_ACK_MINUTES"] = 1
    start = dt.datetime.now(dt.UTC)
    app.config["CLOCK"] = lambda: start
    press(client, device_headers(), region="13.71")
    app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=1)
    assert escalate_alerts()["provinsi"] == 1


def test_response_times_per_region(app: Flask, client: FlaskClient) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    staff = staff_headers("satgas_provinsi")
    for minutes, region in ((2, "13.71"), (4, "13.71"), (10, "13.06")):
        app.config["CLOCK"] = lambda: start
        alert = press(client, device_headers(), region=region).get_json()
        app.config["CLOCK"] = lambda m=minutes: start + dt.timedelta(minutes=m)
        client.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=staff)
    figures = {f["region"]: f for f in client.get("/api/v1/alerts/response-times", headers=staff).get_json()}
    assert figures["13.71"]["median_seconds"] == pytest.approx(180)
    assert figures["13.06"]["count"] == 1
    assert figures[None]["count"] == 3


# --- stream ---------------------------------------------------------------------------------------------


def read_stream(client: FlaskClient, headers: dict[str, str], last_event_id: int | None = 0) -> list[dict[str, Any]]:
    """Events from a stream that the app closes after STREAM_MAX_SECONDS."""
    if last_event_id is not None:
        headers = {**headers, "Last-Event-ID": str(last_event_id)}
    reply = client.get("/api/v1/alerts/stream", headers=headers)
    assert reply.status_code == 200
    assert reply.mimetype == "text/event-stream"
    found = []
    for block in reply.get_data(as_text=True).split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "data" in fields:
            found.append({"id": int(fields["id"]), "event": fields["event"], **json.loads(fields["data"])})
    return found


@pytest.fixture
def short_streams(app: Flask) -> None:
    app.config["STREAM_MAX_SECONDS"] = 0.3


def test_the_stream_delivers_new_and_changed_alerts_in_scope(client: FlaskClient, short_streams: None) -> None:
    padang = press(client, device_headers(), region="13.71").get_json()
    press(client, device_headers(), region="13.06")
    client.post(f"/api/v1/alerts/{padang['id']}/claim", json={}, headers=staff_headers("satgas_provinsi"))
    events = read_stream(client, staff_headers("satgas_kabkota", "13.71"))
    assert [(e["event"], e["alert"]["id"]) for e in events] == [("created", padang["id"]), ("claim", padang["id"])]
    assert events[1]["alert"]["status"] == "acknowledged"
    assert len(read_stream(client, staff_headers("satgas_provinsi"))) == 3


def test_a_dropped_stream_resumes_after_its_last_event_id(client: FlaskClient, short_streams: None) -> None:
    press(client, device_headers(), region="13.71")
    staff = staff_headers("satgas_provinsi")
    first = read_stream(client, staff)
    second_alert = press(client, device_headers(), region="13.71").get_json()
    resumed = read_stream(client, staff, last_event_id=first[-1]["id"])
    assert [e["alert"]["id"] for e in resumed] == [second_alert["id"]]


def test_a_fresh_stream_starts_with_new_events_only(client: FlaskClient, short_streams: None) -> None:
    press(client, device_headers(), region="13.71")
    assert read_stream(client, staff_headers("satgas_provinsi"), last_event_id=None) == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertEvent)) == 1


def test_the_stream_refuses_anonymous_callers_and_other_roles(client: FlaskClient) -> None:
    assert client.get("/api/v1/alerts/stream").status_code == 401
    assert client.get("/api/v1/alerts/stream", headers=staff_headers("editor")).status_code == 403
    bad = client.get("/api/v1/alerts/stream", headers={**staff_headers("admin"), "Last-Event-ID": "abc"})
    assert bad.status_code == 422


def test_a_press_reply_tells_the_resident_what_happens_next_in_their_language(app: Flask, client: FlaskClient) -> None:
    app.config["ALERT_ACK_MINUTES"] = 7
    headers = device_headers()
    first = press(client, headers, region="13.71")
    joined = press(client, {**headers, "Accept-Language": "en"})
    for reply in (first, joined):
        body = reply.get_json()
        assert body["expected_response_minutes"] == 7
        assert {h["number"] for h in body["hotlines"]} >= {"112", "119"}
    assert "menunggu petugas Satgas menerimanya (target: dalam 7 menit)" in first.get_json()["message"]
    assert "waiting for a task-force officer to take it (target: within 7 minutes)" in joined.get_json()["message"]
    assert joined.get_json()["joined"] is True


def test_a_press_from_outside_the_province_is_kept_and_says_to_call_112(client: FlaskClient) -> None:
    reply = press(client, device_headers(), lat=-6.2, lon=106.8, located_at=None)  # Jakarta
    body = reply.get_json()
    assert reply.status_code == 201
    assert (body["region"], body["routed_by"]) == (None, "none")
    assert "112" in body["message"]
    assert "di luar Sumatera Barat" in body["message"]
    assert body["outside_province"] is True
    assert alerts_stored() == 1


@pytest.mark.parametrize(
    ("where", "body"),
    [
        ("Jakarta, with a declared region", {"lat": -6.2, "lon": 106.8, "region": "13.71"}),
        ("Pekanbaru, within 150 km of a centroid", {"lat": 0.507, "lon": 101.447}),
    ],
)
def test_every_press_outside_the_province_says_to_call_112_however_it_is_routed(
    client: FlaskClient, where: str, body: dict[str, Any]
) -> None:
    reply = press(client, device_headers(), located_at=None, **body).get_json()
    assert reply["routed_by"] in ("declared", "nearest"), where
    assert reply["outside_province"] is True, where
    assert "Telepon 112 sekarang" in reply["message"], where


def test_a_press_inside_the_province_does_not_say_outside(client: FlaskClient) -> None:
    reply = press(client, device_headers(), lat=-0.95, lon=100.41, located_at=None).get_json()  # Kota Padang
    assert reply["outside_province"] is False
    assert "112 sekarang" not in reply["message"]


def test_a_press_on_padang_s_beach_is_not_told_it_is_outside_the_province(client: FlaskClient) -> None:
    # 0.2 km west of the simplified coastline the maps draw.
    reply = press(client, device_headers(), lat=-0.95, lon=100.35, located_at=None).get_json()
    assert reply["outside_province"] is False
    assert "112 sekarang" not in reply["message"]
    assert "di luar Sumatera Barat" not in reply["message"]


@pytest.mark.parametrize(
    ("lat", "lon", "accuracy_m", "outside"),
    [
        (-0.95, 100.35, None, False),  # Padang's beach
        (-0.95, 100.341, None, False),  # 1 km off it
        (-0.95, 100.305, None, True),  # 5 km off it
        (-0.95, 100.305, 3_000.0, False),  # 5 km off it, the fix good to 3 km
        (-1.2, 99.85, 50_000.0, True),  # the Mentawai strait, 36 km from land, however coarse the fix
        (-0.3056, 100.3692, None, False),  # Bukittinggi
        (0.507, 101.447, None, True),  # Pekanbaru
        (-6.2, 106.8, None, True),  # Jakarta
        (None, None, None, False),  # no fix: nothing to say
    ],
)
def test_the_province_border_on_the_shipped_boundaries_allows_for_the_coast_and_the_fix(
    app: Flask, lat: float | None, lon: float | None, accuracy_m: float | None, outside: bool
) -> None:
    assert outside_province(lat, lon, accuracy_m) is outside


@needs_boundaries
def test_the_province_border_on_a_configured_boundary_file_allows_for_the_coast(with_boundaries: None) -> None:
    assert outside_province(-0.95, 100.35) is False
    assert outside_province(-1.2, 99.85) is True


def test_the_resident_and_the_task_force_are_judged_on_the_fix_s_reported_accuracy(client: FlaskClient) -> None:
    offshore = {"lat": -0.95, "lon": 100.305, "located_at": None}  # 5 km off Padang's beach
    coarse = press(client, device_headers(), accuracy_m=3_000.0, **offshore).get_json()
    sharp = press(client, device_headers(), accuracy_m=20.0, **offshore).get_json()
    assert (coarse["outside_province"], sharp["outside_province"]) == (False, True)
    queue = client.get("/api/v1/alerts?status=open", headers=staff_headers("satgas_provinsi")).get_json()
    assert {a["id"]: a["outside_province"] for a in queue} == {coarse["id"]: False, sharp["id"]: True}


def test_a_later_fix_outside_the_province_tells_the_app_to_call_112(client: FlaskClient) -> None:
    headers = {**device_headers(), "Accept-Language": "en"}
    alert = press(client, headers, region="13.71").get_json()
    assert alert["outside_province"] is False
    inside = client.post(f"/api/v1/alerts/{alert['id']}/locations", json={"lat": -0.95, "lon": 100.41}, headers=headers)
    assert inside.status_code == 201
    assert inside.get_json()["outside_province"] is False
    assert "waiting for a task-force officer" in inside.get_json()["message"]
    outside = client.post(f"/api/v1/alerts/{alert['id']}/locations", json={"lat": -6.2, "lon": 106.8}, headers=headers)
    assert outside.status_code == 201
    body = outside.get_json()
    assert body["outside_province"] is True
    assert "Call 112 now" in body["message"]
    assert {h["number"] for h in body["hotlines"]} >= {"112", "119"}


# --- a device pressing and cancelling in a loop -------------------------------------------------


def test_pressing_and_cancelling_in_a_loop_raises_few_alerts_and_rings_the_consoles_once(
    app: Flask, client: FlaskClient
) -> None:
    app.config["CLOCK"] = lambda: dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
    phone = device_headers()
    replies = []
    for n in range(30):
        reply = press(client, phone, category="breathing", region="13.71", note=f"tekan {n}")
        replies.append(reply)
        client.post(f"/api/v1/alerts/{reply.get_json()['id']}/cancel", json={}, headers=phone)
    # Three alerts, then the third is reopened by the fourth press and the rest join it: every press answered,
    # each reply with the hotlines, and the alert stays in the queue for an officer to confirm by phone.
    assert [r.status_code for r in replies] == [201] * 3 + [200] * 27
    assert all(r.get_json()["hotlines"] for r in replies)
    assert alerts_stored() == 3
    last = replies[-1].get_json()
    assert (last["status"], last["press_count"]) == ("new", 28)
    refused = client.post(f"/api/v1/alerts/{last['id']}/cancel", json={}, headers={**phone, "Accept-Language": "en"})
    assert refused.status_code == 409
    assert "call you" in refused.get_json()["message"]
    staff = staff_headers("satgas_provinsi")
    trail = client.get(f"/api/v1/alerts/{last['id']}", headers=staff).get_json()["transitions"]
    assert [t["action"] for t in trail] == ["raise", "cancel", "reopen"]
    # The consoles ring for the first alert only; the others show in the queue without sounding again.
    wakes = [
        (kind, payload.get("alarm"))
        for kind, payload in db.session.execute(sa.select(AlertEvent.kind, AlertEvent.payload).order_by(AlertEvent.id))
        if kind in ("created", "reopened")
    ]
    assert wakes == [("created", True), ("created", False), ("created", False), ("reopened", False)]
    # Another resident's press rings as ever.
    press(client, device_headers(), region="13.71")
    newest = db.session.scalars(sa.select(AlertEvent).order_by(AlertEvent.id.desc()).limit(1)).one()
    assert (newest.kind, newest.payload["alarm"]) == ("created", True)
