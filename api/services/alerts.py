"""Alerts: raising them (the panic press, new, joined or reopened, and alerts the monitoring rules open).

The other alert use cases live beside it (alert_locations, alert_moves, alert_queue, alert_escalation,
alert_stats); their public names are importable from here too, for the resources and the console.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert, AlertPress, Device
from api.services.alert_escalation import ack_policy, alert_arrived, escalate_overdue
from api.services.alert_locations import add_fix, add_location, check_fix_time, outside_province, route
from api.services.alert_moves import cancel_alert, claim_alert, dispatch_alert, expire_stale_alerts, resolve_alert
from api.services.alert_queue import (
    AlertHistory,
    AlertListing,
    alert_history,
    get_alert,
    list_alerts,
)
from api.services.alert_records import ALERT_NOT_FOUND, fresh, get_own_alert, record_transition
from api.services.alert_stats import response_times
from api.services.alert_views import alert_severity
from api.services.idempotency import Reply, run_once
from api.services.isolation_records import active_episode_of
from api.services.regions import check_region
from screening.alert_workflow import CANCEL_WINDOW, CANCELLED, NEW, OPEN_STATUSES, URGENCY, reopens_instead, rings

__all__ = [
    "ALERT_NOT_FOUND",
    "AlertHistory",
    "AlertListing",
    "Represent",
    "ack_policy",
    "add_location",
    "alert_history",
    "alert_severity",
    "cancel_alert",
    "check_fix_time",
    "claim_alert",
    "dispatch_alert",
    "escalate_overdue",
    "expire_stale_alerts",
    "get_alert",
    "get_own_alert",
    "list_alerts",
    "open_monitoring_alert",
    "outside_province",
    "raise_alert",
    "resolve_alert",
    "response_times",
    "route",
]

# Turns the alert a press raised (joined=False) or joined (True) into the reply body.
Represent = Callable[[Alert, bool], dict[str, Any]]


def _more_urgent_category(category: str) -> Any:
    """SQL: the press's category when it is more urgent than the alert's, else the alert's (never downgraded)."""
    current = sa.case(URGENCY, value=Alert.category, else_=max(URGENCY.values()))
    return sa.case((current > URGENCY.get(category, max(URGENCY.values())), category), else_=Alert.category)


def _join_open_alert(device: Device, data: dict[str, Any], now: dt.datetime) -> uuid.UUID | None:
    """Count a press on the device's open panic alert in one conditional UPDATE; None when none is open.

    The count is an atomic increment and the condition re-checks the status, so concurrent presses are all
    counted and a press never joins an alert that was closed meanwhile (it raises a new one instead).
    """
    values: dict[str, Any] = {
        "press_count": Alert.press_count + 1,
        "last_pressed_at": now,
        "updated_at": now,
        "category": _more_urgent_category(data["category"]),
    }
    if data.get("phone"):
        values["phone"] = data["phone"]
    joined: uuid.UUID | None = db.session.execute(
        sa.update(Alert)
        .where(Alert.device_id == device.id, Alert.type == "panic", Alert.status.in_(OPEN_STATUSES))
        .values(**values)
        .returning(Alert.id)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    return joined


def _press_note(alert_id: uuid.UUID, note: str | None) -> str | None:
    """The note within what is left of the alert's notes budget (one device cannot grow an alert without end)."""
    if not note:
        return None
    used = db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(sa.func.length(AlertPress.note)), 0)).where(
            AlertPress.alert_id == alert_id
        )
    )
    room = int(current_app.config["ALERT_NOTES_MAX_CHARS"]) - int(used or 0)
    return note[:room] if room > 0 else None


def _recent_presses(alert_id: uuid.UUID, now: dt.datetime) -> int:
    return int(
        db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AlertPress)
            .where(AlertPress.alert_id == alert_id, AlertPress.pressed_at > now - dt.timedelta(minutes=1))
        )
        or 0
    )


def _reopen_last_cancelled(device: Device, data: dict[str, Any], now: dt.datetime) -> uuid.UUID | None:
    """After repeated cancels (see reopens_instead), bring the device's last cancelled alert back with this press;
    None when the device has not cancelled that often, or another press reopened it first."""
    cancelled = db.session.scalars(
        sa.select(Alert.id)
        .where(
            Alert.device_id == device.id,
            Alert.type == "panic",
            Alert.status == CANCELLED,
            Alert.cancelled_at > now - CANCEL_WINDOW,
        )
        .order_by(Alert.cancelled_at.desc())
    ).all()
    if not reopens_instead(len(cancelled)):
        return None
    last: uuid.UUID = cancelled[0]
    values: dict[str, Any] = {
        "status": NEW,
        "cancelled_at": None,
        "press_count": Alert.press_count + 1,
        "last_pressed_at": now,
        "updated_at": now,
        "category": _more_urgent_category(data["category"]),
    }
    if data.get("phone"):
        values["phone"] = data["phone"]
    reopened = db.session.execute(
        sa.update(Alert)
        .where(Alert.id == last, Alert.status == CANCELLED)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if getattr(reopened, "rowcount", 0) != 1:
        return None
    db.session.add(
        AlertPress(alert_id=last, category=data["category"], note=_press_note(last, data.get("note")), pressed_at=now)
    )
    if data.get("lat") is not None:
        add_fix(last, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
    alert = fresh(last)
    # The action says what happened, in every language at the edge; a note is for what people write.
    record_transition(alert, "reopen", CANCELLED, "resident", None, None, at=now)
    return last


def _rings_for(device: Device, now: dt.datetime, new_alert: uuid.UUID | None = None) -> bool:
    """Whether the device's new (or reopened) alert sounds the consoles (see rings): once for a device's burst of
    alerts, counted from the newest alert it raised before (`new_alert` itself left out)."""
    previous = db.session.scalar(
        sa.select(sa.func.max(Alert.created_at)).where(
            Alert.device_id == device.id, Alert.type == "panic", Alert.id != new_alert
        )
    )
    return rings(previous, now)


def raise_alert(
    device: Device, data: dict[str, Any], represent: Represent, idempotency_key: str | None = None
) -> Reply:
    """Store a panic alert (committed before the reply) or join the device's open one (201 new, 200 joined).

    Every press is counted. Each is stored as a row with its note and published to the live streams, up
    to SUMBAR_ALERT_PRESSES_PER_MINUTE per alert; presses beyond that in the same minute are counted and
    answered like the others, without a row of their own. Raises InvalidInput for an unknown region or
    an implausible fix time.
    """
    check_region(data.get("region"))
    check_fix_time(data.get("located_at"))

    def create() -> tuple[dict[str, Any], int]:
        now = utcnow()
        joined = _join_open_alert(device, data, now)
        if joined is not None:
            if _recent_presses(joined, now) < int(current_app.config["ALERT_PRESSES_PER_MINUTE"]):
                press = AlertPress(
                    alert_id=joined,
                    category=data["category"],
                    note=_press_note(joined, data.get("note")),
                    pressed_at=now,
                )
                db.session.add(press)
                if data.get("lat") is not None:
                    add_fix(joined, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
                alert = fresh(joined)
                events.publish_alert(alert, "pressed", press=_press_view(press))
            else:
                alert = fresh(joined)
            return represent(alert, True), 200
        reopened = _reopen_last_cancelled(device, data, now)
        if reopened is not None:
            alert = fresh(reopened)
            events.publish_alert(alert, "reopened", alarm=_rings_for(device, now))
            return represent(alert, True), 200
        # A resident in home isolation: the officer sees the episode's address, readings and risk factors, and
        # without a fix or a region in the press the episode's kabupaten/kota takes the call.
        episode = active_episode_of(device)
        region = data.get("region") or (episode.region_code if episode is not None else None)
        routing = route(data.get("lat"), data.get("lon"), region)
        alert = Alert(
            id=uuid.uuid4(),
            type="panic",
            category=data["category"],
            status=NEW,
            region_code=routing.region_code,
            routed_by=routing.routed_by,
            note=data.get("note"),
            phone=data.get("phone") or (episode.phone if episode is not None else None),
            device_id=device.id,
            episode_id=episode.id if episode is not None else None,
            press_count=1,
            last_pressed_at=now,
            created_at=now,
            updated_at=now,
        )
        db.session.add(alert)
        db.session.flush()
        db.session.add(AlertPress(alert_id=alert.id, category=alert.category, note=alert.note, pressed_at=now))
        if data.get("lat") is not None:
            add_fix(alert.id, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
        record_transition(alert, "raise", None, "resident", None, data.get("note"))
        alert_arrived(alert)
        alert = fresh(alert.id)
        events.publish_alert(alert, "created", alarm=_rings_for(device, now, alert.id))
        return represent(alert, False), 201

    payload = {key: str(value) if isinstance(value, dt.datetime) else value for key, value in data.items()}
    try:
        reply = run_once(f"device:{device.id}:alerts", idempotency_key, payload, create)
    except IntegrityError:
        # Two first presses raced: the unique index on open alerts per device kept one; this press joins it.
        reply = run_once(f"device:{device.id}:alerts", idempotency_key, payload, create)
    events.announce_committed()
    return reply


def _press_view(press: AlertPress) -> dict[str, Any]:
    return {"category": press.category, "note": press.note, "pressed_at": press.pressed_at.isoformat()}


def open_monitoring_alert(
    *,
    region_code: str | None,
    cause: str,
    reasons: Sequence[str],
    note: str,
    phone: str | None,
    episode_id: uuid.UUID | None = None,
    device_id: uuid.UUID | None = None,
) -> Alert:
    """An alert raised by the rules (isolation monitoring) for `cause` (monitoring_alerts.CAUSES) with the rules'
    reason codes, which order the queue and become its sentences; `note` is for people. Added to the caller's
    transaction."""
    now = utcnow()
    alert = Alert(
        id=uuid.uuid4(),
        type="monitoring",
        category="monitoring",
        status=NEW,
        region_code=region_code,
        routed_by="declared" if region_code else "none",
        cause=cause,
        reasons=list(reasons),
        note=note,
        phone=phone,
        device_id=device_id,
        episode_id=episode_id,
        press_count=1,
        last_pressed_at=now,
        created_at=now,
        updated_at=now,
    )
    db.session.add(alert)
    db.session.flush()
    record_transition(alert, "raise", None, "system", None, note)
    alert_arrived(alert)
    events.publish_alert(alert, "created")
    return alert
