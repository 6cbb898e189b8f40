"""Alerts: raising and locating them (residents), claiming, dispatching and resolving (task force), escalation."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from api import events
from api.clock import utcnow
from api.extensions import db
from api.geo import configured_boundaries, nearest
from api.models import Alert, AlertLocation, AlertTransition, Device, Region, StaffUser
from api.notify import Notification, notify
from api.services.exceptions import Conflict, NotFound
from api.services.idempotency import Reply, run_once
from api.services.regions import check_region, region_exists
from api.services.scope import Scope
from screening.alert_workflow import LEVEL_ADMIN, NEW, OPEN_STATUSES, TRANSITIONS, EscalationPolicy, queue_key
from screening.text import bilingual
from surveillance.response_times import ResponseTimes, by_group, summarise

ALERT_NOT_FOUND = bilingual("Peringatan tidak ditemukan.", "Alert not found.")
# Beyond this distance from every region's centroid a point is not in the province: route to the province queue.
MAX_NEAREST_KM = 150.0

Represent = Callable[[Alert], dict[str, Any]]


def ack_policy() -> EscalationPolicy:
    """The acknowledgement deadline and escalation ladder configured by SUMBAR_ALERT_ACK_MINUTES."""
    return EscalationPolicy(ack_minutes=float(current_app.config["ALERT_ACK_MINUTES"]))


@dataclass(frozen=True)
class Routing:
    region_code: str | None
    routed_by: str


def route(lat: float | None, lon: float | None, declared_region: str | None) -> Routing:
    """Polygon that contains the point; else the nearest centroid; else the declared region; else the province."""
    if lat is not None and lon is not None:
        boundaries = configured_boundaries()
        if boundaries is not None:
            code = boundaries.region_at(lat, lon)
            if code is not None and region_exists(code):
                return Routing(code, "polygon")
        centroids = db.session.execute(sa.select(Region.code, Region.centroid_lat, Region.centroid_lon)).all()
        if centroids:
            code, km = nearest(((c.code, c.centroid_lat, c.centroid_lon) for c in centroids), lat, lon)
            if km <= MAX_NEAREST_KM:
                return Routing(code, "nearest")
    if declared_region:
        return Routing(declared_region, "declared")
    return Routing(None, "none")


def _audit(
    alert: Alert, action: str, from_status: str | None, actor: str, staff: StaffUser | None, note: str | None
) -> None:
    db.session.add(
        AlertTransition(
            alert_id=alert.id,
            action=action,
            from_status=from_status,
            to_status=alert.status,
            actor=actor,
            staff_id=staff.id if staff else None,
            note=note,
            at=utcnow(),
        )
    )


def _add_location(
    alert: Alert, lat: float, lon: float, accuracy_m: float | None, located_at: dt.datetime | None
) -> None:
    now = utcnow()
    located_at = located_at or now
    db.session.add(
        AlertLocation(
            alert_id=alert.id, lat=lat, lon=lon, accuracy_m=accuracy_m, located_at=located_at, received_at=now
        )
    )
    # Fixes can arrive out of order; the alert shows the most recent one.
    if alert.located_at is None or located_at >= alert.located_at:
        alert.lat, alert.lon, alert.accuracy_m, alert.located_at = lat, lon, accuracy_m, located_at


def _open_panic_alert(device: Device) -> Alert | None:
    alert: Alert | None = db.session.scalar(
        sa.select(Alert).where(Alert.device_id == device.id, Alert.type == "panic", Alert.status.in_(OPEN_STATUSES))
    )
    return alert


def raise_alert(
    device: Device, data: dict[str, Any], represent: Represent, idempotency_key: str | None = None
) -> Reply:
    """Store a panic alert (committed before the reply) or join the device's open one (201 new, 200 joined)."""
    check_region(data.get("region"))

    def create() -> tuple[dict[str, Any], int]:
        now = utcnow()
        alert = _open_panic_alert(device)
        if alert is not None:
            alert.press_count += 1
            alert.last_pressed_at = alert.updated_at = now
            if data.get("note"):
                alert.note = f"{alert.note}\n{data['note']}" if alert.note else data["note"]
            if data.get("phone"):
                alert.phone = data["phone"]
            if data.get("lat") is not None:
                _add_location(alert, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
            events.publish_alert(alert, "pressed")
            return represent(alert), 200
        routing = route(data.get("lat"), data.get("lon"), data.get("region"))
        alert = Alert(
            id=uuid.uuid4(),
            type="panic",
            category=data["category"],
            status=NEW,
            region_code=routing.region_code,
            routed_by=routing.routed_by,
            note=data.get("note"),
            phone=data.get("phone"),
            device_id=device.id,
            press_count=1,
            last_pressed_at=now,
            created_at=now,
            updated_at=now,
        )
        db.session.add(alert)
        if data.get("lat") is not None:
            _add_location(alert, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
        db.session.flush()
        _audit(alert, "raise", None, "resident", None, data.get("note"))
        events.publish_alert(alert, "created")
        return represent(alert), 201

    payload = {key: str(value) if isinstance(value, dt.datetime) else value for key, value in data.items()}
    try:
        reply = run_once(f"{device.id}:alerts", idempotency_key, payload, create)
    except IntegrityError:
        # Two presses raced past the open-alert check: the unique index kept one; join it.
        db.session.rollback()
        reply = run_once(f"{device.id}:alerts", idempotency_key, payload, create)
    events.announce_committed()
    return reply


def open_monitoring_alert(
    *,
    region_code: str | None,
    note: str,
    phone: str | None,
    episode_id: uuid.UUID | None = None,
    device_id: uuid.UUID | None = None,
) -> Alert:
    """An alert raised by the rules (isolation monitoring); added to the caller's transaction."""
    now = utcnow()
    alert = Alert(
        id=uuid.uuid4(),
        type="monitoring",
        category="monitoring",
        status=NEW,
        region_code=region_code,
        routed_by="declared" if region_code else "none",
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
    _audit(alert, "raise", None, "system", None, note)
    events.publish_alert(alert, "created")
    return alert


def get_own_alert(alert_id: uuid.UUID, device: Device) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or alert.device_id != device.id:
        raise NotFound(ALERT_NOT_FOUND)
    return alert


def add_location(alert_id: uuid.UUID, device: Device, data: dict[str, Any]) -> Alert:
    alert = get_own_alert(alert_id, device)
    if alert.status not in OPEN_STATUSES:
        raise Conflict(bilingual("Peringatan ini sudah ditutup.", "This alert is already closed."))
    _add_location(alert, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
    if alert.status == NEW and alert.routed_by in ("declared", "none"):
        # The first real fix beats a declared region, as long as nobody has taken the alert yet.
        routing = route(alert.lat, alert.lon, alert.region_code)
        alert.region_code, alert.routed_by = routing.region_code, routing.routed_by
    alert.updated_at = utcnow()
    events.publish_alert(alert, "located")
    db.session.commit()
    events.announce_committed()
    return alert


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
) -> Alert:
    """Apply one workflow action atomically: a conditional UPDATE, so of two racing callers exactly one wins."""
    alert = db.session.get(Alert, alert_id)
    if alert is None or (scope is not None and not scope.allows(alert.region_code)):
        raise NotFound(ALERT_NOT_FOUND)
    if device is not None and alert.device_id != device.id:
        raise NotFound(ALERT_NOT_FOUND)
    sources, target = TRANSITIONS[action]
    now = utcnow()
    changes = {"status": target, "updated_at": now, **(values or {})}
    result = db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert_id, Alert.status.in_(sources))
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        db.session.rollback()
        current = db.session.get(Alert, alert_id)
        holder = f" ({current.acknowledged_by.username})" if current and current.acknowledged_by else ""
        status = current.status if current else "?"
        raise Conflict(
            bilingual(
                f"Tidak bisa '{action}': status peringatan sekarang '{status}'{holder}.",
                f"Cannot '{action}': the alert is now '{status}'{holder}.",
            )
        )
    from_status = alert.status
    db.session.refresh(alert)
    _audit(alert, action, from_status, actor, staff, note)
    events.publish_alert(alert, action)
    db.session.commit()
    events.announce_committed()
    return alert


def claim_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str | None = None) -> Alert:
    now = utcnow()
    return _move(
        alert_id, "claim", actor="staff", staff=staff, scope=scope, note=note,
        values={"acknowledged_at": now, "acknowledged_by_id": staff.id},
    )  # fmt: skip


def dispatch_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str | None = None) -> Alert:
    return _move(
        alert_id, "dispatch", actor="staff", staff=staff, scope=scope, note=note, values={"dispatched_at": utcnow()}
    )


def resolve_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, outcome: str, note: str | None = None) -> Alert:
    return _move(
        alert_id, "resolve", actor="staff", staff=staff, scope=scope, note=note,
        values={"resolved_at": utcnow(), "outcome": outcome},
    )  # fmt: skip


def cancel_alert(alert_id: uuid.UUID, device: Device, note: str | None = None) -> Alert:
    return _move(alert_id, "cancel", actor="resident", device=device, note=note, values={"cancelled_at": utcnow()})


def list_alerts(
    scope: Scope, *, status: str | None = None, region_code: str | None = None, alert_type: str | None = None
) -> list[Alert]:
    """Alerts the caller may see, in queue order (escalated, urgent, oldest first) for open ones."""
    query = sa.select(Alert)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(Alert.region_code.in_(regions))
    if status == "open":
        query = query.where(Alert.status.in_(OPEN_STATUSES))
    elif status:
        query = query.where(Alert.status == status)
    if alert_type:
        query = query.where(Alert.type == alert_type)
    rows: Sequence[Alert] = db.session.scalars(query.order_by(Alert.created_at.desc()).limit(500)).all()
    return sorted(
        rows, key=lambda a: (a.status not in OPEN_STATUSES, *queue_key(a.category, a.escalation_level, a.created_at))
    )


def get_alert(alert_id: uuid.UUID, scope: Scope) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or not scope.allows(alert.region_code):
        raise NotFound(ALERT_NOT_FOUND)
    return alert


def alert_history(alert: Alert) -> tuple[list[AlertTransition], list[AlertLocation]]:
    transitions = db.session.scalars(
        sa.select(AlertTransition).where(AlertTransition.alert_id == alert.id).order_by(AlertTransition.id)
    ).all()
    locations = db.session.scalars(
        sa.select(AlertLocation).where(AlertLocation.alert_id == alert.id).order_by(AlertLocation.located_at)
    ).all()
    return list(transitions), list(locations)


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
        updated = db.session.execute(
            sa.update(Alert)
            .where(Alert.id == alert.id, Alert.status == NEW, Alert.escalation_level < level)
            .values(escalation_level=level, escalated_at=alert.escalated_at or now, updated_at=now,
                    admins_notified_at=now if level >= LEVEL_ADMIN else None)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        if getattr(updated, "rowcount", 0) != 1:
            db.session.rollback()
            continue
        db.session.refresh(alert)
        audience = "admin" if level >= LEVEL_ADMIN else "satgas_provinsi"
        _audit(alert, "escalate", NEW, "system", None, f"not acknowledged; escalated to {audience}")
        events.publish_alert(alert, "escalated")
        db.session.commit()
        events.announce_committed()
        minutes = int((now - alert.created_at).total_seconds() // 60)
        notify(
            Notification(
                kind="alert_unacknowledged" if level >= LEVEL_ADMIN else "alert_escalated",
                subject=f"Alert {alert.id} ({alert.category}) not acknowledged after {minutes} min",
                body=f"Region {alert.region_code or 'province queue'}; pressed {alert.press_count} time(s).",
                audience=audience,
                region_code=alert.region_code,
                data={"alert_id": str(alert.id), "level": level},
            )
        )
        counts["admin" if level >= LEVEL_ADMIN else "provinsi"] += 1
    return counts


def response_times(scope: Scope, days: int = 7) -> dict[str | None, ResponseTimes]:
    """Median and 90th percentile time to acknowledge, per region, for alerts raised in the last `days`."""
    since = utcnow() - dt.timedelta(days=days)
    query = sa.select(Alert.region_code, Alert.created_at, Alert.acknowledged_at).where(
        Alert.created_at >= since, Alert.acknowledged_at.is_not(None)
    )
    if scope.regions is not None:
        query = query.where(Alert.region_code.in_(scope.regions))
    pairs = [
        (row.region_code or "13", (row.acknowledged_at - row.created_at).total_seconds())
        for row in db.session.execute(query)
    ]
    groups: dict[str | None, ResponseTimes] = dict(by_group(pairs).items())
    groups[None] = summarise(seconds for _, seconds in pairs)
    return groups
