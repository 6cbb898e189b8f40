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
from api.geo import configured_boundaries
from api.models import (
    PROVINCE_CODE,
    Alert,
    AlertLocation,
    AlertPress,
    AlertTransition,
    Device,
    IsolationEpisode,
    StaffUser,
)
from api.notify import Notification, notify
from api.services.exceptions import Conflict, InvalidInput, NotFound
from api.services.idempotency import Reply, run_once
from api.services.privacy import scrub_alerts
from api.services.regions import check_region, region_centroids, region_exists, region_name
from api.services.scope import Scope
from api.transactions import unit_of_work
from screening.alert_routing import (
    Polygon,
    Routing,
    choose_route,
    inside_any,
    nearest,
    routed_by_text,
    should_reroute,
)
from screening.alert_workflow import (
    CANCEL_WINDOW,
    CANCELLED,
    CLOSED_STATUSES,
    LEVEL_ADMIN,
    NEW,
    OPEN_STATUSES,
    REOPENED_NOT_CANCELLABLE,
    TRANSITIONS,
    URGENCY,
    EscalationPolicy,
    is_stale,
    queue_key,
    reopens_instead,
    rings,
    severity,
    transition,
)
from screening.monitoring_alerts import is_emergency_note, note_reasons
from screening.reasons import reason_text
from screening.text import bilingual, localize
from surveillance.response_times import ResponseTimes, by_group, summarise

ALERT_NOT_FOUND = bilingual("Peringatan tidak ditemukan.", "Alert not found.")
INVALID = bilingual("Isian tidak valid.", "Invalid input.")
EARLIEST_FIX = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
FIX_CLOCK_TOLERANCE = dt.timedelta(minutes=5)

# Turns the alert a press raised (joined=False) or joined (True) into the reply body.
Represent = Callable[[Alert, bool], dict[str, Any]]


def ack_policy() -> EscalationPolicy:
    """The acknowledgement deadline and escalation ladder configured by SUMBAR_ALERT_ACK_MINUTES."""
    return EscalationPolicy(ack_minutes=float(current_app.config["ALERT_ACK_MINUTES"]))


def route(lat: float | None, lon: float | None, declared_region: str | None) -> Routing:
    """Gather what the routing rule needs (the polygon hit, the nearest centroid) and apply it."""
    polygon_code = nearest_region = None
    if lat is not None and lon is not None:
        boundaries = configured_boundaries()
        if boundaries is not None:
            hit = boundaries.region_at(lat, lon)
            polygon_code = hit if hit is not None and region_exists(hit) else None
        nearest_region = nearest(region_centroids(), lat, lon)
    return choose_route(polygon_code, nearest_region, declared_region)


def outside_province(lat: float | None, lon: float | None) -> bool:
    """A fix in none of the kabupaten/kota the maps draw: the resident should call 112 where they are.

    Judged on the map boundaries (the shipped ones unless SUMBAR_BOUNDARIES is set), not on the routing,
    which sends a press just across the border to the nearest task force.
    """
    if lat is None or lon is None:
        return False
    from api.services.maps import map_boundaries  # shapely loads only when a press has a location

    return not inside_any(lat, lon, _polygons(map_boundaries()["features"]))


def _polygons(features: list[dict[str, Any]]) -> list[Polygon]:
    shapes = [feature["geometry"] for feature in features]
    return [p for g in shapes for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])]


def _audit(
    alert: Alert,
    action: str,
    from_status: str | None,
    actor: str,
    staff: StaffUser | None,
    note: str | None,
    at: dt.datetime | None = None,
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
            at=at or utcnow(),
        )
    )


def _add_location(
    alert_id: uuid.UUID, lat: float, lon: float, accuracy_m: float | None, located_at: dt.datetime | None
) -> None:
    """Keep every fix; the alert shows the most recent one (fixes can arrive out of order)."""
    now = utcnow()
    located_at = located_at or now
    db.session.add(
        AlertLocation(
            alert_id=alert_id, lat=lat, lon=lon, accuracy_m=accuracy_m, located_at=located_at, received_at=now
        )
    )
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert_id, sa.or_(Alert.located_at.is_(None), Alert.located_at <= located_at))
        .values(lat=lat, lon=lon, accuracy_m=accuracy_m, located_at=located_at)
        .execution_options(synchronize_session=False)
    )


def check_fix_time(located_at: dt.datetime | None, field: str = "located_at") -> None:
    """A fix from before 2020 or more than a few minutes ahead of the server's clock is a broken phone clock."""
    if located_at is None:
        return
    if located_at < EARLIEST_FIX or located_at > utcnow() + FIX_CLOCK_TOLERANCE:
        raise InvalidInput(
            INVALID,
            {
                "json": {
                    field: [
                        bilingual(
                            "Waktu lokasi tidak masuk akal (sebelum 2020 atau di masa depan); periksa jam ponsel.",
                            "The fix time is implausible (before 2020 or in the future); check the phone's clock.",
                        )
                    ]
                }
            },
        )


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
    db.session.add(AlertPress(alert_id=last, category=data["category"], note=_press_note(last, data.get("note")),
                              pressed_at=now))  # fmt: skip
    if data.get("lat") is not None:
        _add_location(last, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
    alert = _fresh(last)
    reason = f"{len(cancelled)} cancelled presses within {int(CANCEL_WINDOW.total_seconds() // 60)} minutes"
    _audit(alert, "reopen", CANCELLED, "resident", None, f"reopened after {reason}", at=now)
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
                    _add_location(joined, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
                alert = _fresh(joined)
                events.publish_alert(alert, "pressed", press=_press_view(press))
            else:
                alert = _fresh(joined)
            return represent(alert, True), 200
        reopened = _reopen_last_cancelled(device, data, now)
        if reopened is not None:
            alert = _fresh(reopened)
            events.publish_alert(alert, "reopened", alarm=_rings_for(device, now))
            return represent(alert, True), 200
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
        db.session.flush()
        db.session.add(AlertPress(alert_id=alert.id, category=alert.category, note=alert.note, pressed_at=now))
        if data.get("lat") is not None:
            _add_location(alert.id, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
        _audit(alert, "raise", None, "resident", None, data.get("note"))
        alert = _fresh(alert.id)
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


def _fresh(alert_id: uuid.UUID) -> Alert:
    """The alert as stored now (after conditional UPDATEs the session's copy would be stale)."""
    db.session.flush()
    alert = db.session.get(Alert, alert_id, populate_existing=True)
    assert alert is not None
    return alert


def _press_view(press: AlertPress) -> dict[str, Any]:
    return {"category": press.category, "note": press.note, "pressed_at": press.pressed_at.isoformat()}


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
    """A later fix for the device's open alert; it reroutes the alert while the rule allows (see should_reroute).

    Raises NotFound (not the device's alert), Conflict (closed) or InvalidInput (implausible fix time).
    """
    check_fix_time(data.get("located_at"))
    alert = _locate(alert_id, device, data)
    events.announce_committed()
    return alert


@unit_of_work()
def _locate(alert_id: uuid.UUID, device: Device, data: dict[str, Any]) -> Alert:
    alert = get_own_alert(alert_id, device)
    if alert.status not in OPEN_STATUSES:
        raise Conflict(bilingual("Peringatan ini sudah ditutup.", "This alert is already closed."))
    _add_location(alert.id, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
    alert = _fresh(alert.id)
    if should_reroute(alert.status, alert.routed_by):
        routing = route(alert.lat, alert.lon, alert.region_code)
        db.session.execute(
            sa.update(Alert)
            .where(Alert.id == alert.id, Alert.status == alert.status, Alert.routed_by == alert.routed_by)
            .values(region_code=routing.region_code, routed_by=routing.routed_by)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert.id)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    alert = _fresh(alert.id)
    events.publish_alert(alert, "located")
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
    stamps: tuple[str, ...] = (),
    unchanged_since: dt.datetime | None = None,
) -> Alert:
    alert = _move_in_unit(
        alert_id, action, actor=actor, staff=staff, scope=scope, device=device, note=note, values=values,
        stamps=stamps, unchanged_since=unchanged_since,
    )  # fmt: skip
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
    _audit(alert, action, from_status, actor, staff, note, at=now)
    if alert.erase_requested_at is not None and alert.status in CLOSED_STATUSES:
        # The resident asked for erasure while responders still needed the details; now they do not.
        db.session.flush()
        scrub_alerts([alert.id], now)
        db.session.refresh(alert)
    events.publish_alert(alert, action)
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
        alert_id, "claim", actor="staff", staff=staff, scope=scope, note=note,
        values={"acknowledged_by_id": staff.id}, stamps=("acknowledged_at",),
    )  # fmt: skip


def dispatch_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str | None = None) -> Alert:
    return _move(alert_id, "dispatch", actor="staff", staff=staff, scope=scope, note=note, stamps=("dispatched_at",))


def resolve_alert(alert_id: uuid.UUID, staff: StaffUser, scope: Scope, outcome: str, note: str | None = None) -> Alert:
    return _move(
        alert_id, "resolve", actor="staff", staff=staff, scope=scope, note=note,
        values={"outcome": outcome}, stamps=("resolved_at",),
    )  # fmt: skip


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
                alert_id, "expire", actor="system", stamps=("expired_at",), unchanged_since=updated_at,
                note=f"{job}: no activity for {hours:g} hours",
            )  # fmt: skip
        except Conflict:
            continue  # touched since it was read: no longer stale
        expired += 1
    return expired


@dataclass(frozen=True)
class AlertListing:
    """One page of the queue and how many alerts the whole list holds."""

    rows: list[Alert]
    total: int


def list_alerts(
    scope: Scope,
    *,
    status: str | None = None,
    region_code: str | None = None,
    alert_type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> AlertListing:
    """Alerts the caller may see: open ones in queue order (unclaimed, severity, age: see queue_key), then closed
    ones, latest first.

    Open alerts are few at any time and sorted by the domain's rule; closed ones are paged in the database.
    Raises PermissionDenied for a region outside the caller's scope.
    """
    query = sa.select(Alert)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(Alert.region_code.in_(regions))
    if alert_type:
        query = query.where(Alert.type == alert_type)
    open_statuses: tuple[str, ...]
    closed_statuses: tuple[str, ...]
    if status is None or status == "open":
        open_statuses, closed_statuses = OPEN_STATUSES, (() if status else CLOSED_STATUSES)
    elif status in OPEN_STATUSES:
        open_statuses, closed_statuses = (status,), ()
    else:
        open_statuses, closed_statuses = (), (status,)
    open_rows = sorted(
        db.session.scalars(query.where(Alert.status.in_(open_statuses))).all() if open_statuses else [],
        key=lambda a: queue_key(a.status, alert_severity(a), a.created_at),
    )
    closed_total = 0
    closed: Sequence[Alert] = []
    if closed_statuses:
        closed_query = query.where(Alert.status.in_(closed_statuses))
        closed_total = int(db.session.scalar(sa.select(sa.func.count()).select_from(closed_query.subquery())) or 0)
        skip = max(0, offset - len(open_rows))
        room = limit - len(open_rows[offset : offset + limit])
        if room > 0:
            closed = db.session.scalars(
                closed_query.order_by(Alert.updated_at.desc(), Alert.id).offset(skip).limit(room)
            ).all()
    rows = open_rows[offset : offset + limit] + list(closed)
    _prefetch_names(rows)
    return AlertListing(rows, len(open_rows) + closed_total)


def alert_severity(alert: Alert) -> int:
    """Panic alerts by category; monitoring alerts by cause (an emergency check-in ranks with trouble breathing)."""
    return severity(alert.category, alert.type == "monitoring" and is_emergency_note(alert.note))


_NAMES_KEY = "sumbar.alert_resident_names"


def _prefetch_names(alerts: Sequence[Alert]) -> None:
    """Look the residents' names of a whole page of alerts up in two queries (see resident_name), for the
    listing's replies; each listing starts afresh, and the session ends with the request."""
    names: dict[uuid.UUID, str | None] = {}
    db.session.info[_NAMES_KEY] = names
    episode_ids = {a.episode_id for a in alerts if a.episode_id is not None}
    device_ids = {a.device_id for a in alerts if a.episode_id is None and a.device_id is not None}
    by_episode: dict[uuid.UUID, str | None] = {}
    by_device: dict[uuid.UUID, str | None] = {}
    if episode_ids:
        rows = db.session.execute(
            sa.select(IsolationEpisode.id, IsolationEpisode.name).where(IsolationEpisode.id.in_(episode_ids))
        )
        by_episode = {row.id: row.name for row in rows}
    if device_ids:
        rows = db.session.execute(
            sa.select(IsolationEpisode.device_id, IsolationEpisode.name)
            .where(IsolationEpisode.device_id.in_(device_ids), IsolationEpisode.name.is_not(None))
            .order_by(IsolationEpisode.created_at)
        )
        # Ordered oldest first, so the latest episode of each device is the one kept.
        by_device = {row.device_id: row.name for row in rows if row.device_id is not None}
    for alert in alerts:
        if alert.personal_data_removed_at is not None:
            names[alert.id] = None
        elif alert.episode_id is not None:
            names[alert.id] = by_episode.get(alert.episode_id)
        elif alert.device_id is not None:
            names[alert.id] = by_device.get(alert.device_id)
        else:
            names[alert.id] = None


def resident_name(alert: Alert) -> str | None:
    """The resident's name when known: from the isolation episode that raised the alert, else from the latest
    episode registered on the device that pressed."""
    if alert.personal_data_removed_at is not None:
        return None
    known: dict[uuid.UUID, str | None] = db.session.info.get(_NAMES_KEY, {})
    if alert.id in known:
        return known[alert.id]
    episode: IsolationEpisode | None = None
    if alert.episode_id is not None:
        episode = db.session.get(IsolationEpisode, alert.episode_id)
    elif alert.device_id is not None:
        episode = db.session.scalar(
            sa.select(IsolationEpisode)
            .where(IsolationEpisode.device_id == alert.device_id, IsolationEpisode.name.is_not(None))
            .order_by(IsolationEpisode.created_at.desc())
            .limit(1)
        )
    return episode.name if episode is not None else None


def routing_text(alert: Alert, lang: str) -> str:
    """How the alert reached its queue, in words ("inside Kota Padang's boundary", "province queue")."""
    name = region_name(alert.region_code) if alert.region_code else None
    return routed_by_text(alert.routed_by, name, lang, alert.type == "monitoring")


def reason_texts(alert: Alert, lang: str) -> list[str]:
    """What made the rules open a monitoring alert, as sentences; empty for panic alerts."""
    if alert.type != "monitoring":
        return []
    return [localize(reason_text(code), lang) for code in note_reasons(alert.note)]


def get_alert(alert_id: uuid.UUID, scope: Scope) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or not scope.allows(alert.region_code):
        raise NotFound(ALERT_NOT_FOUND)
    return alert


@dataclass(frozen=True)
class AlertHistory:
    transitions: list[AlertTransition]
    locations: list[AlertLocation]
    presses: list[AlertPress]


def alert_history(alert: Alert) -> AlertHistory:
    """The audit trail, every location fix and every stored press, each in order."""
    transitions = db.session.scalars(
        sa.select(AlertTransition).where(AlertTransition.alert_id == alert.id).order_by(AlertTransition.id)
    ).all()
    locations = db.session.scalars(
        sa.select(AlertLocation).where(AlertLocation.alert_id == alert.id).order_by(AlertLocation.located_at)
    ).all()
    presses = db.session.scalars(
        sa.select(AlertPress).where(AlertPress.alert_id == alert.id).order_by(AlertPress.pressed_at, AlertPress.id)
    ).all()
    return AlertHistory(list(transitions), list(locations), list(presses))


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
    alert = _fresh(alert_id)
    audience = "admin" if level >= LEVEL_ADMIN else "satgas_provinsi"
    _audit(alert, "escalate", NEW, "system", None, f"not acknowledged; escalated to {audience}")
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


def response_times(scope: Scope, days: int = 7) -> dict[str | None, ResponseTimes]:
    """Median and 90th percentile time to acknowledge, per region, for alerts raised in the last `days`."""
    since = utcnow() - dt.timedelta(days=days)
    query = sa.select(Alert.region_code, Alert.created_at, Alert.acknowledged_at).where(
        Alert.created_at >= since, Alert.acknowledged_at.is_not(None)
    )
    if scope.regions is not None:
        query = query.where(Alert.region_code.in_(scope.regions))
    pairs = [
        (row.region_code or PROVINCE_CODE, (row.acknowledged_at - row.created_at).total_seconds())
        for row in db.session.execute(query)
    ]
    groups: dict[str | None, ResponseTimes] = dict(by_group(pairs).items())
    groups[None] = summarise(seconds for _, seconds in pairs)
    return groups
