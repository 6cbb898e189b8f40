"""What the task force reads: the queue in order, one alert, its history, and the residents' names."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from api.extensions import db
from api.models import CHANNELS, Alert, AlertLocation, AlertPress, AlertTransition, Device, IsolationEpisode
from api.services.alert_records import ALERT_NOT_FOUND
from api.services.exceptions import NotFound
from api.services.regions import region_name
from api.services.scope import Scope
from screening.alert_routing import routed_by_text
from screening.alert_workflow import CLOSED_STATUSES, OPEN_STATUSES, queue_key, severity
from screening.monitoring_alerts import is_emergency
from screening.reasons import reason_text
from screening.text import localize


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
    return severity(alert.category, alert.type == "monitoring" and is_emergency(alert.cause))


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


def resident_channel(alert: Alert) -> str | None:
    """The channel of an alert raised in a conversation ("whatsapp", "sms": its device is a number's), else None."""
    if alert.device_id is None:
        return None
    device = db.session.get(Device, alert.device_id)
    return device.platform if device is not None and device.platform in CHANNELS else None


def whatsapp_link(alert: Alert) -> str | None:
    """https://wa.me/<number>: a chat with the resident, for an alert raised over WhatsApp with its number."""
    if not alert.phone or resident_channel(alert) != "whatsapp":
        return None
    return "https://wa.me/" + "".join(ch for ch in alert.phone if ch.isdigit())


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
    return [localize(reason_text(code), lang) for code in alert.reasons or []]


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
