"""Alert events for live streams: stored in order in the database, announced to waiting streams.

The alert_events table is the truth (a reconnecting client resumes from its Last-Event-ID); the
announcement only wakes streams up: PostgreSQL NOTIFY on PostgreSQL, Redis pub/sub when
SUMBAR_REDIS_URL is set, otherwise short polling (SQLite).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Collection
from typing import Any, Protocol

import sqlalchemy as sa
from flask import Flask, current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, AlertEvent

log = logging.getLogger(__name__)
CHANNEL = "sumbar_alerts"
POLL_SECONDS = 0.2
EVENT_ORDER_LOCK = 0x53756D626172  # any fixed number, shared by every writer of alert events


_SERIALIZER_KEY = "sumbar.alert_serializer"


def init_app(app: Flask, serialize: Callable[[Alert], dict[str, Any]]) -> None:
    """How an alert is represented in its events (the staff view); set once by the app factory."""
    app.extensions[_SERIALIZER_KEY] = serialize


def publish_alert(alert: Alert, kind: str, **details: Any) -> None:
    """Record a new or changed alert for the live streams, in the current transaction (see record_event).

    `details` (the press that joined, say) travel beside the alert's view, so a stream reader sees what
    changed without the alert repeating every earlier note.
    """
    db.session.flush()
    serialize: Callable[[Alert], dict[str, Any]] = current_app.extensions[_SERIALIZER_KEY]
    record_event(alert.id, alert.region_code, kind, {"kind": kind, "alert": serialize(alert), **details})


def is_postgres() -> bool:
    return db.engine.dialect.name == "postgresql"


def record_event(alert_id: uuid.UUID, region_code: str | None, kind: str, payload: dict[str, Any]) -> None:
    """Add the event to the current transaction; on PostgreSQL the NOTIFY is delivered at commit.

    Streams read "events after id N", so ids must become visible in id order. Concurrent PostgreSQL
    transactions could commit out of sequence order and a stream would step over the late one; a
    transaction-scoped lock taken before the id is drawn makes commit order follow id order. (SQLite
    has one writer at a time, which gives the same guarantee.) Call this last, just before commit.
    """
    if is_postgres():
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": EVENT_ORDER_LOCK})
    event = AlertEvent(alert_id=alert_id, region_code=region_code, kind=kind, payload=payload, created_at=utcnow())
    db.session.add(event)
    db.session.flush()
    if is_postgres():
        db.session.execute(sa.text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})


def announce_committed() -> None:
    """Wake streams in other processes after a commit (Redis only; PostgreSQL announced at commit)."""
    url = current_app.config.get("REDIS_URL")
    if url and not is_postgres():
        try:
            _redis(url).publish(CHANNEL, "1")
        except Exception:
            # Streams still poll the table within their wait timeout: a lost wake-up only delays.
            log.warning("could not publish the alert wake-up on redis", exc_info=True)


def _redis(url: str) -> Any:
    import redis

    clients = current_app.extensions.setdefault("sumbar.redis", {})
    if url not in clients:
        clients[url] = redis.Redis.from_url(url)
    return clients[url]


def events_after(
    last_id: int, regions: Collection[str] | None, limit: int = 200
) -> list[tuple[int, str, dict[str, Any]]]:
    query = sa.select(AlertEvent.id, AlertEvent.kind, AlertEvent.payload).where(AlertEvent.id > last_id)
    if regions is not None:
        query = query.where(AlertEvent.region_code.in_(regions))
    with db.engine.connect() as connection:
        rows = connection.execute(query.order_by(AlertEvent.id).limit(limit)).all()
    return [(int(r.id), str(r.kind), dict(r.payload)) for r in rows]


def latest_event_id() -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(sa.select(sa.func.coalesce(sa.func.max(AlertEvent.id), 0))).scalar_one())


class Waiter(Protocol):
    def wait(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for an announcement; False when none came (True: look for events)."""

    def close(self) -> None: ...


class PollWaiter:
    def wait(self, timeout: float) -> bool:
        # Nothing announces events here: after a short sleep there may be some.
        time.sleep(min(timeout, POLL_SECONDS))
        return True

    def close(self) -> None:
        pass


class PostgresWaiter:
    """LISTEN on its own connection, opened before the first read so no NOTIFY falls in between."""

    def __init__(self, url: sa.URL) -> None:
        import psycopg

        self.connection = psycopg.connect(
            url.set(drivername="postgresql").render_as_string(hide_password=False), autocommit=True
        )
        self.connection.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        return any(True for _ in self.connection.notifies(timeout=timeout, stop_after=1))

    def close(self) -> None:
        self.connection.close()


class RedisWaiter:
    def __init__(self, url: str) -> None:
        self.pubsub = _redis(url).pubsub(ignore_subscribe_messages=True)
        self.pubsub.subscribe(CHANNEL)

    def wait(self, timeout: float) -> bool:
        return self.pubsub.get_message(timeout=timeout) is not None

    def close(self) -> None:
        self.pubsub.close()


def make_waiter() -> Waiter:
    if is_postgres():
        return PostgresWaiter(db.engine.url)
    if current_app.config.get("REDIS_URL"):
        return RedisWaiter(current_app.config["REDIS_URL"])
    return PollWaiter()
