"""A new alert in a kabupaten/kota that nobody attends (no officer on duty, no console open) goes up the ladder at
once, through the outbox, instead of waiting out the acknowledgement time."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.jobs import escalate_alerts
from api.models import Alert, LiveStream, Notification, StaffUser
from api.services.alerts import open_monitoring_alert
from api.transactions import unit_of_work
from tests.factories import device_headers, staff, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(app: Flask) -> None:
    app.config["CLOCK"] = lambda: NOW


def on_duty(role: str, region: str | None = None, *, active: bool = True, username: str | None = None) -> StaffUser:
    with unit_of_work():
        user = db.session.merge(staff(role, region, username=username))
        user.on_duty, user.is_active = True, active
    return user


def listening(role: str, region: str | None, seen: dt.datetime, username: str | None = None) -> None:
    """An officer off duty whose console's live stream was last seen at `seen`."""
    user = staff(role, region, username=username)
    with unit_of_work():
        db.session.add(LiveStream(id=uuid.uuid4(), staff_id=user.id, opened_at=seen, seen_at=seen))


def press(client: FlaskClient, region: str | None = "13.71") -> dict[str, Any]:
    body = {"category": "medical", **({"region": region} if region else {})}
    reply = client.post("/api/v1/alerts", json=body, headers=device_headers())
    assert reply.status_code == 201
    return dict(reply.get_json())


def staff_view(client: FlaskClient, alert: dict[str, Any]) -> dict[str, Any]:
    return dict(client.get(f"/api/v1/alerts/{alert['id']}", headers=staff_headers("admin")).get_json())


def told(kind: str) -> list[dict[str, Any]]:
    """The payloads queued for the operators' channels (one per event: the log channel is always on)."""
    query = sa.select(Notification.payload).where(Notification.kind == kind, Notification.channel == "log")
    return list(db.session.scalars(query.order_by(Notification.id)))


def test_an_alert_where_nobody_is_on_duty_goes_to_the_province_at_once_and_on_up_the_ladder_in_time(
    app: Flask, client: FlaskClient
) -> None:
    on_duty("satgas_provinsi")
    on_duty("satgas_kabkota", "13.06")  # another region's officer does not attend Padang
    alert = press(client, "13.71")
    seen = staff_view(client, alert)
    assert (seen["escalation_level"], seen["escalated"]) == (1, True)
    assert [(t["action"], t["to_status"]) for t in seen["transitions"]] == [("raise", "new"), ("escalate", "new")]
    assert "nobody on duty" in seen["transitions"][1]["note"]
    assert [p["alert"] for p in told("alert_created")] == [alert["id"]]
    assert [(p["audience"], p["level"]) for p in told("alert_escalated")] == [("satgas_provinsi", 1)]

    app.config["CLOCK"] = lambda: NOW + dt.timedelta(minutes=5)
    assert escalate_alerts() == {"provinsi": 0, "admin": 0}
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(minutes=15)
    assert escalate_alerts() == {"provinsi": 0, "admin": 1}
    assert [(p["audience"], p["level"]) for p in told("alert_escalated")] == [("satgas_provinsi", 1), ("admin", 2)]


def test_with_nobody_at_the_province_either_the_admins_are_told_at_once(client: FlaskClient) -> None:
    on_duty("satgas_provinsi", active=False, username="pensiun")  # a disabled account attends nothing
    alert = press(client, "13.71")
    assert staff_view(client, alert)["escalation_level"] == 2
    assert [(p["audience"], p["level"]) for p in told("alert_escalated")] == [("admin", 2)]


@pytest.mark.parametrize(
    ("setup", "level"),
    [
        (lambda: on_duty("satgas_kabkota", "13.71"), 0),
        (lambda: on_duty("satgas_kabkota", "13.71", active=False), 2),
        (lambda: listening("satgas_kabkota", "13.71", NOW - dt.timedelta(seconds=5)), 0),
        # A stream not seen for a while died with its process: nobody is watching.
        (lambda: listening("satgas_kabkota", "13.71", NOW - dt.timedelta(hours=1)), 2),
        (lambda: listening("satgas_provinsi", None, NOW - dt.timedelta(seconds=5)), 1),
    ],
    ids=["on duty", "on duty but disabled", "console open", "console gone", "only the province watching"],
)
def test_an_officer_on_duty_or_with_a_console_open_keeps_the_alert_in_the_region(
    client: FlaskClient, setup: Any, level: int
) -> None:
    setup()
    alert = press(client, "13.71")
    assert staff_view(client, alert)["escalation_level"] == level
    assert len(told("alert_escalated")) == (1 if level else 0)


def test_an_alert_without_a_region_waits_for_the_ladder(client: FlaskClient) -> None:
    alert = press(client, None)
    assert staff_view(client, alert)["escalation_level"] == 0
    assert told("alert_escalated") == []


def test_a_monitoring_alert_in_a_region_nobody_attends_goes_up_at_once_too(app: Flask) -> None:
    on_duty("satgas_provinsi")
    with unit_of_work():
        alert = open_monitoring_alert(
            region_code="13.06", cause="emergency_checkin", reasons=["spo2_low"], note="SpO2 88", phone=None
        )
    stored = db.session.get(Alert, alert.id, populate_existing=True)
    assert stored is not None
    assert (stored.escalation_level, stored.escalated_at) == (1, NOW)
    assert [p["type"] for p in told("alert_escalated")] == ["monitoring"]
