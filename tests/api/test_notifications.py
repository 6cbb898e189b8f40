"""The notification outbox: rows written with their events, delivered once, retried, given up on, retried by hand."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from api.extensions import db
from api.models import Alert, Notification, NotificationAttempt
from api.services.dispatcher import backoff_seconds, dispatch_due
from api.services.outbox import enqueue
from api.transactions import unit_of_work
from scripts.receiver import Received, Receiver
from tests.database import dispatch_at_once
from tests.factories import attend_every_region, device_headers, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def attended(app: Flask) -> None:
    """Someone is on duty everywhere: alerts here start at the foot of the ladder (tests/api/test_alert_arrival.py
    raises them in regions nobody attends)."""
    attend_every_region()


def at(app: Flask, moment: dt.datetime) -> None:
    app.config["CLOCK"] = lambda: moment


@pytest.fixture
def webhook(app: Flask) -> Iterator[Receiver]:
    with Receiver() as receiver:
        app.config.update(NOTIFIERS="webhook", NOTIFY_WEBHOOK_URL=receiver.url, CLOCK=lambda: NOW)
        yield receiver


def press(client: FlaskClient, headers: dict[str, str] | None = None, region: str = "13.71") -> Any:
    reply = client.post(
        "/api/v1/alerts", json={"category": "medical", "region": region}, headers=headers or device_headers()
    )
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()


def rows(**where: Any) -> list[Notification]:
    query = sa.select(Notification).filter_by(**where).order_by(Notification.id)
    return list(db.session.scalars(query.execution_options(populate_existing=True)))


def kinds() -> list[str]:
    return [row.kind for row in rows()]


def attempts(notification_id: int) -> list[tuple[str, int | None]]:
    query = sa.select(NotificationAttempt.outcome, NotificationAttempt.status_code).where(
        NotificationAttempt.notification_id == notification_id
    )
    return [(outcome, code) for outcome, code in db.session.execute(query.order_by(NotificationAttempt.id))]


def bodies(receiver: Receiver) -> list[dict[str, Any]]:
    return [json.loads(request.body) for request in receiver.received]


def test_each_alert_event_queues_its_notification_with_ids_and_codes_only(
    client: FlaskClient, webhook: Receiver
) -> None:
    staff = staff_headers("satgas_kabkota", "13.71")
    alert = press(client)["id"]
    client.post(f"/api/v1/alerts/{alert}/claim", json={}, headers=staff)
    client.post(f"/api/v1/alerts/{alert}/dispatch", json={}, headers=staff)
    client.post(f"/api/v1/alerts/{alert}/resolve", json={"outcome": "helped"}, headers=staff)
    assert kinds() == ["alert_created", "alert_claimed", "alert_dispatched", "alert_resolved"]
    assert rows()[0].payload == {
        "alert": alert,
        "type": "panic",
        "category": "medical",
        "region": "13.71",
        "cause": None,
    }
    assert {(row.channel, row.recipient, row.status) for row in rows()} == {("webhook", "ops", "queued")}
    assert webhook.received == []  # nothing is sent inside the request


def test_a_refused_event_queues_nothing(client: FlaskClient, webhook: Receiver) -> None:
    assert (
        client.post(
            "/api/v1/alerts", json={"category": "medical", "region": "99.99"}, headers=device_headers()
        ).status_code
        == 422
    )
    alert = press(client)["id"]
    # Resolving a new alert is not a legal move: the 409 rolls back, and no alert_resolved is queued.
    reply = client.post(f"/api/v1/alerts/{alert}/resolve", json={"outcome": "helped"}, headers=staff_headers())
    assert reply.status_code == 409
    assert kinds() == ["alert_created"]


def test_isolation_reminders_and_endings_are_queued(app: Flask, client: FlaskClient, webhook: Receiver) -> None:
    from api.services.isolation_monitoring import send_checkin_reminders

    headers = device_headers()
    body = {"reason": "confirmed_asymptomatic", "start_date": "2021-07-07", "region": "13.71"}
    episode = client.post("/api/v1/isolations", json=body, headers=headers).get_json()["id"]
    at(app, NOW + dt.timedelta(hours=12))
    assert send_checkin_reminders() == 1
    staff = staff_headers("satgas_kabkota", "13.71")
    client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "hospitalized"}, headers=staff)
    assert [(row.kind, row.payload["episode"]) for row in rows()] == [
        ("checkin_reminder", episode),
        ("isolation_ended", episode),
    ]


def test_the_dispatcher_sends_each_notification_once_and_records_the_attempt(
    client: FlaskClient, webhook: Receiver
) -> None:
    alert = press(client)["id"]
    assert dispatch_due() == {"sent": 1, "retry": 0, "dead": 0}
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 0}
    [request] = webhook.received
    [row] = rows()
    assert request.headers["sumbar-notification-id"] == str(row.id)
    assert json.loads(request.body) == {"id": row.id, "kind": "alert_created", "payload": row.payload}
    assert row.payload["alert"] == alert
    assert (row.status, row.attempts, row.sent_at) == ("sent", 1, NOW)
    assert attempts(row.id) == [("sent", 201)]


def test_429_and_5xx_are_retried_later_honouring_retry_after(
    app: Flask, client: FlaskClient, webhook: Receiver
) -> None:
    replies = iter([(429, {"Retry-After": "120"}), (503, {}), (201, {})])
    webhook.reply = lambda _request: next(replies)
    press(client)
    assert dispatch_due() == {"sent": 0, "retry": 1, "dead": 0}
    [row] = rows()
    assert (row.status, row.last_error) == ("queued", "HTTP 429")
    assert row.next_attempt_at >= NOW + dt.timedelta(seconds=120)
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 0}  # not due yet
    at(app, row.next_attempt_at)
    assert dispatch_due()["retry"] == 1
    at(app, rows()[0].next_attempt_at)
    assert dispatch_due()["sent"] == 1
    assert attempts(row.id) == [("retry", 429), ("retry", 503), ("sent", 201)]
    assert len(webhook.received) == 3


def test_a_receiver_that_refuses_a_notification_for_good_makes_it_dead_at_once(
    client: FlaskClient, webhook: Receiver
) -> None:
    webhook.reply = lambda _request: (400, {})
    press(client)
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 1}
    [row] = rows()
    assert (row.status, row.last_error) == ("dead", "HTTP 400")
    assert attempts(row.id) == [("failed", 400)]


def escalate_to_admins(app: Flask, client: FlaskClient) -> str:
    from api.jobs import escalate_alerts

    alert = press(client)["id"]
    at(app, NOW + dt.timedelta(minutes=15))
    assert escalate_alerts() == {"provinsi": 0, "admin": 1}
    return str(alert)


def admins_notified_at(alert: str) -> dt.datetime | None:
    return db.session.scalar(sa.select(Alert.admins_notified_at).where(Alert.id == uuid.UUID(alert)))


def test_an_escalation_that_never_reaches_admins_is_retried_then_dead_and_not_marked_as_told(
    app: Flask, client: FlaskClient, webhook: Receiver
) -> None:
    webhook.reply = lambda _request: (500, {})
    alert = escalate_to_admins(app, client)
    [escalation] = rows(kind="alert_escalated")
    assert escalation.payload["level"] == 2
    moment = NOW + dt.timedelta(minutes=15)
    while rows(id=escalation.id)[0].status != "dead":
        dispatch_due()
        moment = max(moment, rows(id=escalation.id)[0].next_attempt_at)
        at(app, moment)
        assert moment <= escalation.give_up_at
    tries = attempts(escalation.id)
    assert len(tries) > 3
    assert set(tries[:-1]) == {("retry", 500)}
    assert tries[-1] == ("dead", 500)
    assert admins_notified_at(alert) is None


def test_admins_notified_at_is_the_time_the_escalation_reached_them(
    app: Flask, client: FlaskClient, webhook: Receiver
) -> None:
    alert = escalate_to_admins(app, client)
    assert admins_notified_at(alert) is None  # queued, not yet delivered
    at(app, NOW + dt.timedelta(minutes=16))
    dispatch_due()
    assert admins_notified_at(alert) == NOW + dt.timedelta(minutes=16)


def test_with_the_receiver_down_nothing_is_lost_and_nothing_doubled_once_it_is_back(
    app: Flask, client: FlaskClient, webhook: Receiver
) -> None:
    for _ in range(3):
        press(client)
    webhook.down()
    moment = NOW
    for _ in range(4):
        assert dispatch_due()["sent"] == 0
        moment = max(row.next_attempt_at for row in rows())
        at(app, moment)
    assert {row.status for row in rows()} == {"queued"}
    webhook.up()
    assert dispatch_due() == {"sent": 3, "retry": 0, "dead": 0}
    assert sorted(body["id"] for body in bodies(webhook)) == [row.id for row in rows()]
    assert all(attempts(row.id)[-1] == ("sent", 201) for row in rows())


@pytest.fixture
def dispatchers(app: Flask, database_url: str, webhook: Receiver) -> Iterator[list[Flask]]:
    """Two more apps on the test database, each standing for a dispatcher in its own process."""
    config = {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "NOTIFIERS": "webhook",
        "NOTIFY_WEBHOOK_URL": webhook.url,
        "NOTIFY_BATCH": 5,
    }
    apps = [create_app(config) for _ in range(2)]
    yield apps
    for other in apps:
        with other.app_context():
            db.engine.dispose()


def test_two_dispatchers_at_once_send_each_notification_once(
    client: FlaskClient, webhook: Receiver, dispatchers: list[Flask]
) -> None:
    slow = threading.Event()

    def reply(_request: Received) -> tuple[int, dict[str, str]]:
        slow.wait(0.01)  # let the other dispatcher claim while this one sends
        return 201, {}

    webhook.reply = reply
    with unit_of_work():
        for _ in range(40):
            enqueue("alert_created", {"alert": "x"}, channel="webhook", recipient="ops")
    sent = dispatch_at_once(dispatchers)
    assert sum(sent) == 40
    ids = [body["id"] for body in bodies(webhook)]
    assert sorted(ids) == [row.id for row in rows()]  # each one, once
    assert {row.status for row in rows()} == {"sent"}


def test_admins_list_dead_notifications_and_retry_them(app: Flask, client: FlaskClient, webhook: Receiver) -> None:
    webhook.reply = lambda _request: (404, {})
    press(client)
    dispatch_due()
    [dead] = rows()
    admin = staff_headers("admin")
    listed = client.get("/api/v1/notifications?status=dead", headers=admin)
    assert listed.status_code == 200
    assert [(n["id"], n["status"], n["last_error"]) for n in listed.get_json()] == [(dead.id, "dead", "HTTP 404")]
    assert client.get("/api/v1/notifications?status=sent", headers=admin).get_json() == []
    assert client.get("/api/v1/notifications?status=lost", headers=admin).status_code == 422
    assert client.get("/api/v1/notifications", headers=staff_headers("satgas_provinsi")).status_code == 403
    assert client.post(f"/api/v1/notifications/{dead.id}/retry", headers=staff_headers()).status_code == 403
    assert client.post(f"/api/v1/notifications/{dead.id + 1000}/retry", headers=admin).status_code == 404
    webhook.reply = lambda _request: (201, {})
    retried = client.post(f"/api/v1/notifications/{dead.id}/retry", headers=admin)
    assert (retried.status_code, retried.get_json()["status"]) == (200, "queued")
    conflict = client.post(f"/api/v1/notifications/{dead.id}/retry", headers={**admin, "Accept-Language": "en"})
    assert conflict.status_code == 409
    assert "dead" in conflict.get_json()["message"]
    assert dispatch_due()["sent"] == 1
    assert attempts(dead.id) == [("failed", 404), ("sent", 201)]


def test_metrics_count_the_outbox(app: Flask, client: FlaskClient, webhook: Receiver) -> None:
    replies = iter([(201, {}), (503, {}), (400, {})])
    webhook.reply = lambda _request: next(replies)
    press(client)
    press(client)
    press(client)
    dispatch_due()
    at(app, NOW + dt.timedelta(seconds=30))
    text = client.get("/metrics").get_data(as_text=True)
    assert 'sumbar_notifications{status="sent"} 1.0' in text
    assert 'sumbar_notifications{status="queued"} 1.0' in text
    assert 'sumbar_notifications{status="dead"} 1.0' in text
    assert "sumbar_notification_retries_total 1.0" in text
    assert "sumbar_notification_oldest_queued_seconds 30.0" in text


def test_the_privacy_purge_removes_old_sent_and_dead_notifications(
    app: Flask, client: FlaskClient, webhook: Receiver
) -> None:
    from api.services.privacy import purge

    press(client)
    dispatch_due()
    press(client)
    counts = purge(NOW + dt.timedelta(days=31))
    assert counts["notifications"] == 1
    assert [row.status for row in rows()] == ["queued"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(NotificationAttempt)) == 0


@pytest.mark.parametrize(
    ("attempt", "retry_after", "jitter", "wait"),
    [(1, None, 0.0, 10), (2, None, 0.0, 20), (3, None, 0.999999, 20.00001), (20, None, 0.0, 3600), (1, 300, 0.5, 300)],
)
def test_backoff_doubles_with_jitter_up_to_a_cap_and_never_before_retry_after(
    attempt: int, retry_after: float | None, jitter: float, wait: float
) -> None:
    assert backoff_seconds(attempt, 10, 3600, retry_after, jitter) == pytest.approx(wait)
