"""The dispatcher: claims due notifications, sends each through its channel, records every attempt, retries."""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import CHANNELS, Alert, Notification, NotificationAttempt, PushSubscription
from api.notify import Delivery, Message
from api.notify.registry import channel_named
from api.services.channel_contacts import ERASED, channel_address
from api.services.outbox import WEBPUSH, alert_id_of
from api.services.push import remove_subscription
from api.transactions import unit_of_work
from screening.alert_workflow import LEVEL_ADMIN

log = logging.getLogger(__name__)

# A claimed notification is someone's for this long; if its dispatcher dies meanwhile, another sends it (at least
# once: receivers drop a repeat by the notification id). Longer than any channel's time-out.
LEASE = dt.timedelta(minutes=5)
# Channels that reach people: a delivery through one of them is what tells admins of an escalation.
_LOG_ONLY = frozenset({"log"})
# Not yet sent or dead.
_UNSETTLED = ("queued", "sending")


@dataclass(frozen=True)
class Claimed:
    id: int
    channel: str
    recipient: str
    kind: str
    payload: dict[str, Any]


def backoff_seconds(attempts: int, base: float, cap: float, retry_after: float | None, jitter: float) -> float:
    """Exponential backoff with jitter (`jitter` in [0, 1) takes up to half the wait off), never before the
    receiver's Retry-After."""
    wait = min(cap, base * 2.0 ** max(0, attempts - 1))
    wait *= 1 - jitter / 2
    return max(wait, retry_after or 0.0)


def dispatch_due() -> dict[str, int]:
    """Send every notification due now, a batch at a time; returns how many were sent, will retry, died."""
    counts = {"sent": 0, "retry": 0, "dead": 0}
    limit = int(current_app.config["NOTIFY_BATCH"])
    while True:
        claimed = _claim(utcnow(), limit)
        unblocked = False
        for item in claimed:
            outcome = _deliver(item)
            counts[outcome] += 1
            # A conversation's next reply waits for this one: once it is settled, the next is due in this run.
            unblocked |= item.channel in CHANNELS and outcome != "retry"
        if len(claimed) < limit and not unblocked:
            return counts


@unit_of_work()
def _claim(now: dt.datetime, limit: int) -> list[Claimed]:
    """Mark up to `limit` due notifications as sending, ours for LEASE: on PostgreSQL rows another dispatcher has
    locked are skipped (FOR UPDATE SKIP LOCKED); on SQLite the unit of work holds the writer lock. A WhatsApp or SMS
    row waits while an older row to the same number is unsettled, so a conversation's replies go one at a time, in
    the order they were written."""
    due = (
        sa.select(Notification.id)
        .where(
            Notification.status.in_(_UNSETTLED),
            Notification.next_attempt_at <= now,
            sa.or_(Notification.channel.not_in(CHANNELS), Notification.recipient == ERASED, ~_older_unsettled()),
        )
        .order_by(Notification.next_attempt_at, Notification.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list(db.session.scalars(due))
    if not ids:
        return []
    db.session.execute(
        sa.update(Notification)
        .where(Notification.id.in_(ids))
        .values(status="sending", next_attempt_at=now + LEASE)
        .execution_options(synchronize_session=False)
    )
    rows = db.session.execute(
        sa.select(
            Notification.id, Notification.channel, Notification.recipient, Notification.kind, Notification.payload
        )
        .where(Notification.id.in_(ids))
        .order_by(Notification.id)
    )
    return [Claimed(*row) for row in rows]


def _older_unsettled() -> sa.Exists:
    """An older row to the same number is still queued, waiting for its retry, or being sent (claimed, not yet
    recorded): the one test that keeps a dispatcher, or two at once, from passing it."""
    older = sa.orm.aliased(Notification)
    return (
        sa.select(older.id)
        .where(
            older.channel == Notification.channel,
            older.recipient == Notification.recipient,
            older.status.in_(_UNSETTLED),
            older.id < Notification.id,
        )
        .exists()
    )


def _deliver(item: Claimed) -> str:
    channel = channel_named(item.channel, current_app.config)
    started = time.monotonic()
    address = _address(item)
    if channel is None:
        delivery = Delivery("failed", error=f"channel {item.channel} not configured")
    elif address is None:
        delivery = Delivery("failed", error="recipient unsubscribed")
    else:
        message = Message(item.id, item.kind, item.recipient, item.payload, address)
        try:
            delivery = channel.send(message)
        except Exception as error:
            # A bug in a channel: the traceback goes to the log, the notification is tried again later.
            log.exception("channel %s failed on notification %d", item.channel, item.id)
            delivery = Delivery("retry", error=type(error).__name__)
    duration_ms = int((time.monotonic() - started) * 1000)
    return _record(item, delivery, duration_ms)


def _address(item: Claimed) -> dict[str, Any] | None:
    """Where a push goes: the subscription's endpoint and keys as they are now (None once it is removed); where a
    WhatsApp or SMS message goes: the number, and whether WhatsApp's 24-hour window is open."""
    if item.channel in CHANNELS:
        return channel_address(item.recipient, item.kind, item.payload)
    if item.channel != WEBPUSH:
        return {}
    subscription = db.session.get(PushSubscription, int(item.recipient))
    if subscription is None:
        return None
    return {"endpoint": subscription.endpoint, "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth}}


@unit_of_work()
def _record(item: Claimed, delivery: Delivery, duration_ms: int) -> str:
    """Store the attempt and what follows from it: sent, queued again after a backoff, or dead."""
    now = utcnow()
    row = db.session.get(Notification, item.id, populate_existing=True)
    if row is None:
        return "dead"  # removed meanwhile (retention): nothing to record it on
    row.attempts += 1
    row.next_attempt_at = now  # the lease ends with the attempt
    row.last_error = delivery.error or (f"HTTP {delivery.status_code}" if delivery.status_code else None)
    outcome: str = delivery.outcome
    if outcome == "sent":
        row.status, row.sent_at, row.last_error = "sent", now, None
        row.provider_message_id = delivery.provider_id
        if row.channel in CHANNELS:
            # What the resident was told is theirs: once delivered, the row keeps only what the receipts need.
            row.payload = {"lang": row.payload.get("lang")}
        _after_sent(row, now)
    elif outcome == "retry" and now < row.give_up_at:
        config = current_app.config
        wait = backoff_seconds(
            row.attempts,
            float(config["NOTIFY_RETRY_BASE_SECONDS"]),
            float(config["NOTIFY_RETRY_MAX_SECONDS"]),
            delivery.retry_after_seconds,
            random.random(),
        )
        row.status, row.next_attempt_at = "queued", min(now + dt.timedelta(seconds=wait), row.give_up_at)
    else:
        row.status = "dead"
        outcome = "dead" if outcome == "retry" else outcome
        if outcome == "gone" and row.channel == WEBPUSH:
            # The push service says the browser unsubscribed (404/410): pushing there again is pointless.
            remove_subscription(int(row.recipient))
        log.warning("notification %d (%s via %s) is dead: %s", row.id, row.kind, row.channel, row.last_error)
    db.session.add(
        NotificationAttempt(
            notification_id=row.id, at=now, outcome=outcome, status_code=delivery.status_code, duration_ms=duration_ms
        )
    )
    return {"sent": "sent", "retry": "retry"}.get(outcome, "dead")


def _after_sent(row: Notification, now: dt.datetime) -> None:
    """Facts that only a delivery makes true: admins were told of an escalation when it reached them."""
    if row.kind == "alert_escalated" and row.channel not in _LOG_ONLY and row.payload.get("level", 0) >= LEVEL_ADMIN:
        alert_id: uuid.UUID | None = alert_id_of(row.payload)
        db.session.execute(
            sa.update(Alert)
            .where(Alert.id == alert_id, Alert.admins_notified_at.is_(None))
            .values(admins_notified_at=now)
            .execution_options(synchronize_session=False)
        )
