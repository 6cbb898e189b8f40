"""The escalation job: unacknowledged alerts past their deadline go up the ladder, and the outbox tells people."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from flask import current_app

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert, StaffUser
from api.services import outbox
from api.services.alert_records import fresh, record_transition
from api.streams import listening
from api.transactions import unit_of_work
from screening.alert_workflow import LEVEL_ADMIN, LEVEL_KABKOTA, NEW, EscalationPolicy, arrival_level


def ack_policy() -> EscalationPolicy:
    """The acknowledgement deadline and escalation ladder configured by SUMBAR_ALERT_ACK_MINUTES."""
    return EscalationPolicy(ack_minutes=float(current_app.config["ALERT_ACK_MINUTES"]))


def _audience(level: int) -> str:
    return "admin" if level >= LEVEL_ADMIN else "satgas_provinsi"


def _attended(*who: sa.ColumnElement[bool]) -> bool:
    """Whether an active officer matching `who` is on duty or has a console open."""
    present = sa.or_(StaffUser.on_duty.is_(True), listening())
    return bool(db.session.scalar(sa.select(sa.exists().where(StaffUser.is_active.is_(True), present, *who))))


def alert_arrived(alert: Alert) -> None:
    """In the new alert's own transaction: raise it at once when nobody attends its region (screening's
    arrival_level), and write its notifications, pushed to the level it starts at."""
    level = LEVEL_KABKOTA
    if alert.region_code is not None:
        region = _attended(StaffUser.role == "satgas_kabkota", StaffUser.region_code == alert.region_code)
        province = region or _attended(StaffUser.role == "satgas_provinsi")
        level = arrival_level(alert.region_code, region, province)
    if level > LEVEL_KABKOTA:
        alert.escalation_level, alert.escalated_at = level, alert.created_at
        note = f"nobody on duty in the region; escalated to {_audience(level)}"
        record_transition(alert, "escalate", NEW, "system", None, note, at=alert.created_at)
    outbox.alert_created(alert)
    if level > LEVEL_KABKOTA:
        # The officers at that level were just pushed the new alert; the escalation is told to the operators'
        # channels (and, at the admins' level, marks them told once delivered).
        outbox.alert_escalated(alert, level, _audience(level), push_officers=False)


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
    audience = _audience(level)
    record_transition(alert, "escalate", NEW, "system", None, f"not acknowledged; escalated to {audience}")
    events.publish_alert(alert, "escalated")
    outbox.alert_escalated(alert, level, audience)
    return True
