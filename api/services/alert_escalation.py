"""The escalation job: unacknowledged alerts past their deadline go up the ladder, and admins are told."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from flask import current_app

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert
from api.notify import Notification, notify
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
        notice = _escalate(alert.id, level, alert.escalated_at or now, now)
        if notice is None:
            continue
        events.announce_committed()
        notify(notice)
        counts["admin" if level >= LEVEL_ADMIN else "provinsi"] += 1
    return counts


@unit_of_work()
def _escalate(alert_id: uuid.UUID, level: int, escalated_at: dt.datetime, now: dt.datetime) -> Notification | None:
    """Raise one alert to `level` unless it was claimed or escalated meanwhile; the notice to send once committed."""
    updated = db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert_id, Alert.status == NEW, Alert.escalation_level < level)
        .values(escalation_level=level, escalated_at=escalated_at, updated_at=now,
                admins_notified_at=now if level >= LEVEL_ADMIN else None)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    if getattr(updated, "rowcount", 0) != 1:
        return None
    alert = fresh(alert_id)
    audience = "admin" if level >= LEVEL_ADMIN else "satgas_provinsi"
    record_transition(alert, "escalate", NEW, "system", None, f"not acknowledged; escalated to {audience}")
    events.publish_alert(alert, "escalated")
    minutes = int((now - alert.created_at).total_seconds() // 60)
    return Notification(
        kind="alert_unacknowledged" if level >= LEVEL_ADMIN else "alert_escalated",
        subject=f"Alert {alert.id} ({alert.category}) not acknowledged after {minutes} min",
        body=f"Region {alert.region_code or 'province queue'}; pressed {alert.press_count} time(s).",
        audience=audience,
        region_code=alert.region_code,
        data={"alert_id": str(alert.id), "level": level},
    )
