"""The alert workflow's moves: claim, dispatch, resolve (task force), cancel (resident), expire (job)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from flask import current_app

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert, AlertTransition, Device, StaffUser
from api.services import outbox
from api.services.alert_records import ALERT_NOT_FOUND, record_transition
from api.services.exceptions import Conflict, NotFound
from api.services.privacy import scrub_alerts
from api.services.scope import Scope
from api.transactions import unit_of_work
from screening.alert_workflow import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    REOPENED_NOT_CANCELLABLE,
    TRANSITIONS,
    is_stale,
    transition,
)
from screening.text import bilingual


def _move(
    alert_id: uuid.UUID,
    action: str,
    *,
    actor: str,
    staff: StaffUser | None = None,
    scope: Scope | None = None,
    device: Device | None = None,
    note: str | None = None,
    values: dict[str, Any] | None = None,
    stamps: tuple[str, ...] = (),
    unchanged_since: dt.datetime | None = None,
) -> Alert:
    alert = _move_in_unit(
        alert_id,
        action,
        actor=actor,
        staff=staff,
        scope=scope,
        device=device,
        note=note,
        values=values,
        stamps=stamps,
        unchanged_since=unchanged_since,
    )
    events.announce_committed()
    return alert


@unit_of_work()
def _move_in_unit(
    alert_id: uuid.UUID,
    action: str,
    *,
    actor: str,
    staff: StaffUser | None,
    scope: Scope | None,
    device: Device | None,
    note: str | None,
    values: dict[str, Any] | None,
    stamps: tuple[str, ...],
    unchanged_since: dt.datetime | None,
) -> Alert:
    """Apply one workflow action atomically: a conditional UPDATE, so of two racing callers exactly one wins.

    The columns named in `stamps` get the time of the move, read once the write lock is held: a time read
    before it would precede presses stored while this move waited, and the audit trail would show them after
    the alert was closed. With `unchanged_since`, the move happens only if the alert was not touched after it.
    """
    alert = db.session.get(Alert, alert_id)
    if alert is None or (scope is not None and not scope.allows(alert.region_code)):
        raise NotFound(ALERT_NOT_FOUND)
    if device is not None and alert.device_id != device.id:
        raise NotFound(ALERT_NOT_FOUND)
    if transition(action, alert.status) is None:
        raise _cannot(action, alert)
    sources, target = TRANSITIONS[action]
    now = utcnow()
    changes = {"status": target, "updated_at": now, **dict.fromkeys(stamps, now), **(values or {})}
    condition = [Alert.id == alert_id, Alert.status.in_(sources)]
    if unchanged_since is not None:
        condition.append(Alert.updated_at == unchanged_since)
    result = db.session.execute(
        sa.update(Alert).where(*condition).values(**changes).execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        # Someone else moved it between our read and our update (PostgreSQL reads what they committed).
        raise _cannot(action, db.session.get(Alert, alert_id, populate_existing=True))
    from_status = alert.status
    db.session.refresh(alert)
    record_transition(alert, action, from_status, actor, staff, note, at=now)
    if alert.erase_requested_at is not None and alert.status in CLOSED_STATUSES:
        # The resident asked for erasure while responders still needed the details; now they do not.
        db.session.flush()
        scrub_alerts([alert.id], now)
        db.session.refresh(alert)
    events.publish_alert(alert, action)
    outbox.alert_moved(alert, action)
    return alert


def _cannot(action: str, current: Alert | None) -> Conflict:
    holder = f" ({current.acknowledged_by.username})" if current and current.acknowledged_by else ""
    status = current.status if current else "?"
    return Conflict(
        bilingual(
            f"Tidak bisa '{action}': status peringatan sekarang '{status}'{holder}.",
            f"Cannot '{action}': the alert is now '{status}'{holder}.",
        )
    )


def claim_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str | None = None) -> Alert:
    return _move(
        alert_id,
        "claim",
        actor="staff",
        staff=staff,
        scope=scope,
        note=note,
        values={"acknowledged_by_id": staff.id},
        stamps=("acknowledged_at",),
    )


def dispatch_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str | None = None) -> Alert:
    return _move(alert_id, "dispatch", actor="staff", staff=staff, scope=scope, note=note, stamps=("dispatched_at",))


def resolve_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, outcome: str, note: str | None = None) -> Alert:
    return _move(
        alert_id,
        "resolve",
        actor="staff",
        staff=staff,
        scope=scope,
        note=note,
        values={"outcome": outcome},
        stamps=("resolved_at",),
    )


def cancel_alert(alert_id: uuid.UUID, device: Device, note: str | None = None) -> Alert:
    """The resident's cancel; raises Conflict for an alert reopened after repeated cancels (staff close it)."""
    reopened = db.session.scalar(
        sa.select(AlertTransition.id).where(AlertTransition.alert_id == alert_id, AlertTransition.action == "reopen")
    )
    if reopened is not None:
        alert = db.session.get(Alert, alert_id)
        if alert is not None and alert.device_id == device.id and alert.status in OPEN_STATUSES:
            raise Conflict(REOPENED_NOT_CANCELLABLE)
    return _move(alert_id, "cancel", actor="resident", device=device, note=note, stamps=("cancelled_at",))


def expire_stale_alerts(job: str) -> int:
    """Close open alerts nothing happened to for SUMBAR_ALERT_EXPIRY_HOURS (see is_stale), audited as done by
    `job`; an alert pressed, located or moved meanwhile is left open. Returns how many expired."""
    hours = float(current_app.config["ALERT_EXPIRY_HOURS"])
    now = utcnow()
    candidates = db.session.execute(sa.select(Alert.id, Alert.updated_at).where(Alert.status.in_(OPEN_STATUSES))).all()
    db.session.rollback()
    expired = 0
    for alert_id, updated_at in candidates:
        if not is_stale(updated_at, now, hours):
            continue
        try:
            _move(
                alert_id,
                "expire",
                actor="system",
                stamps=("expired_at",),
                unchanged_since=updated_at,
                note=job,  # which job closed it (an identifier, not a sentence: the action says what happened)
            )
        except Conflict:
            continue  # touched since it was read: no longer stale
        expired += 1
    return expired
