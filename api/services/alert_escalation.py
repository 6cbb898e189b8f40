"""The escalation job: unacknowledged alerts past their deadline go up the ladder, and the outbox tells people."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from flask import current_app

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert
from api.services import outbox
from api.services.alert_records import fresh, record_transition
from api.transactions import unit_of_work
from screening.alert_workflow import LEVEL_ADMIN, NEW, EscalationPolicy


def ack_policy() -> EscalationPolicy:
    """The acknowledgement deadline and escalation ladder configured by SUMBAR_ALERT_ACK_MINUTES."""
    return EscalationPolicy(ack_minutes=float(current_app.config["ALERT_ACK_MINUTES"]))


def escalate_overdue() -> dict[str, int]:
    """Escalate unacknowledged alerts past their deadline (idempotent: each level is applied once)."""
    now, rules = utcnow(), ack_policy()
    counts = {"provinsi": 0, "admin": 0}
    waiting = db.session.scalars(
        sa.select(Alert).where(Alert.status == NEW, Alert.escalation_level < LEVEL_ADMIN)
    ).all()
    for alert in waiting:
        level = rules.due_level(alert.created_at, now)
        if level <= alert.escalation_level:
            continue
        if not _escalate(alert.id, level, alert.escalated_at or now, now):
            continue
        events.announce_committed()
        counts["admin" if level >= LEVEL_ADMIN else "provinsi"] += 1
    return counts


@unit_of_work()
def _escalate(alert_id: uuid.UUID, level: int, escalated_at: dt.datetime, now: dt.datetime) -> bool:
    """Raise one alert to `level` unless it was claimed or escalated meanwhile, and queue the notifications.

    admins_notified_at is not set here: the dispatcher sets it when the notification reaches them.
    """
    updated = db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert_id, Alert.status == NEW, Alert.escalation_level < level)
        .values(escalation_level=level, escalated_at=escalated_at, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(updated, "rowcount", 0) != 1:
        return False
    alert = fresh(alert_id)
    audience = "admin" if level >= LEVEL_ADMIN else "satgas_provinsi"
    record_transition(alert, "escalate", NEW, "system", None, f"not acknowledged; escalated to {audience}")
    events.publish_alert(alert, "escalated")
    outbox.alert_escalated(alert, level, audience)
    return True
