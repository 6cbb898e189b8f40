"""What the task force and residents read of an alert: views with everything the schemas dump, read per page."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from typing import Any

import sqlalchemy as sa

from api.extensions import db
from api.models import CHANNELS, Alert, AlertLocation, AlertPress, AlertTransition, Device, IsolationEpisode, StaffUser
from api.services.alert_escalation import ack_policy
from api.services.alert_locations import outside_province
from api.services.alert_status import ack_minutes, alert_state
from api.services.isolation_context import AlertIsolation, alert_isolations
from api.services.regions import region_name
from screening.alert_messages import AlertState
from screening.alert_workflow import severity
from screening.monitoring_alerts import is_emergency


@dataclass(frozen=True, kw_only=True)
class AlertColumns:
    """The alert's own columns that residents and the task force both read, as they are stored."""

    id: uuid.UUID
    type: str
    category: str
    status: str
    outcome: str | None
    region_code: str | None
    routed_by: str
    press_count: int
    created_at: dt.datetime
    acknowledged_at: dt.datetime | None
    dispatched_at: dt.datetime | None
    resolved_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    expired_at: dt.datetime | None


RESIDENT_COLUMNS = tuple(f.name for f in fields(AlertColumns))
# The task force's view shows these columns as well.
STAFF_COLUMNS = (
    *RESIDENT_COLUMNS,
    "note",
    "phone",
    "lat",
    "lon",
    "accuracy_m",
    "located_at",
    "episode_id",
    "reasons",
    "escalation_level",
    "escalated_at",
    "updated_at",
    "last_pressed_at",
)


@dataclass(frozen=True, kw_only=True)
class ResidentAlertView(AlertColumns):
    """A resident's alert as its device reads it back: the state the message is told from, and the wait."""

    state: AlertState
    has_phone: bool
    outside_province: bool
    ack_minutes: int
    # A press joined the device's open alert (the reply to a press says so).
    joined: bool = False


def resident_view(alert: Alert, joined: bool = False) -> ResidentAlertView:
    """The device's own alert with what the app should show; the polygon test runs once per reply."""
    outside = outside_province(alert.lat, alert.lon, alert.accuracy_m)
    return ResidentAlertView(
        **{name: getattr(alert, name) for name in RESIDENT_COLUMNS},
        state=alert_state(alert, outside),
        has_phone=bool(alert.phone),
        outside_province=outside,
        ack_minutes=ack_minutes(),
        joined=joined,
    )


@dataclass(frozen=True, kw_only=True)
class StaffAlertView(AlertColumns):
    """An alert as the task force reads it: the stored record, the resident's name, the region's name, the queue
    rank and who holds it; the words are the reader's, made from `routed_by`, `region_name` and `reasons`."""

    note: str | None
    phone: str | None
    lat: float | None
    lon: float | None
    accuracy_m: float | None
    located_at: dt.datetime | None
    episode_id: uuid.UUID | None
    reasons: list[str] | None
    escalation_level: int
    escalated_at: dt.datetime | None
    updated_at: dt.datetime
    last_pressed_at: dt.datetime
    region_name: str | None
    resident_name: str | None
    severity: int
    outside_province: bool
    acknowledged_by: str | None
    sla_deadline: dt.datetime
    # "whatsapp" or "sms" when the resident pressed in a conversation (the device is a number's); None from the app.
    channel: str | None = None
    # The resident's isolation behind the alert: address, pin, age, risk factors, last readings.
    isolation: AlertIsolation | None = None

    @property
    def whatsapp_url(self) -> str | None:
        """https://wa.me/<number>: a chat with the resident, for an alert raised over WhatsApp with its number."""
        if not self.phone or self.channel != "whatsapp":
            return None
        return "https://wa.me/" + "".join(ch for ch in self.phone if ch.isdigit())

    @property
    def escalated(self) -> bool:
        return self.escalation_level > 0


@dataclass(frozen=True, kw_only=True)
class AlertDetailView(StaffAlertView):
    """One alert with its audit trail, fixes and presses (staff), or the same record for the device that raised
    it (`resident` set), which the schema cuts down to the resident's fields."""

    transitions: list[AlertTransition] = field(default_factory=list)
    locations: list[AlertLocation] = field(default_factory=list)
    presses: list[AlertPress] = field(default_factory=list)
    # Where to take the resident: the nearest hospitals whose latest report shows a free bed.
    nearest_hospitals: list[dict[str, Any]] = field(default_factory=list)
    resident: ResidentAlertView | None = None


def alert_severity(alert: Alert) -> int:
    """Panic alerts by category; monitoring alerts by cause (an emergency check-in ranks with trouble breathing)."""
    return severity(alert.category, alert.type == "monitoring" and is_emergency(alert.cause))


def staff_views(alerts: Sequence[Alert]) -> list[StaffAlertView]:
    """The staff views of a page of alerts, in their order, in a fixed number of queries whatever the page's
    size: the residents' names (by episode, by device), who claimed them, the channels and the isolations."""
    names = _resident_names(alerts)
    channels = _channels({a.device_id for a in alerts if a.device_id is not None})
    isolations = alert_isolations(alerts)
    holders = _usernames({a.acknowledged_by_id for a in alerts if a.acknowledged_by_id is not None})
    policy = ack_policy()
    return [
        StaffAlertView(
            **{name: getattr(alert, name) for name in STAFF_COLUMNS},
            region_name=region_name(alert.region_code) if alert.region_code else None,
            resident_name=names.get(alert.id),
            severity=alert_severity(alert),
            outside_province=outside_province(alert.lat, alert.lon, alert.accuracy_m),
            acknowledged_by=holders.get(alert.acknowledged_by_id) if alert.acknowledged_by_id else None,
            sla_deadline=policy.deadline(alert.created_at),
            channel=channels.get(alert.device_id) if alert.device_id else None,
            isolation=isolations.get(alert.id),
        )
        for alert in alerts
    ]


def staff_view(alert: Alert) -> StaffAlertView:
    return staff_views([alert])[0]


def detail_view(
    alert: Alert,
    transitions: list[AlertTransition],
    locations: list[AlertLocation],
    presses: list[AlertPress],
    nearest_hospitals: list[dict[str, Any]],
) -> AlertDetailView:
    """The staff view of one alert with its history and where to take the resident."""
    return AlertDetailView(
        **vars(staff_view(alert)),
        transitions=transitions,
        locations=locations,
        presses=presses,
        nearest_hospitals=nearest_hospitals,
    )


def own_detail_view(alert: Alert) -> AlertDetailView:
    """The record of a device's own alert, for the schema to cut down to what the resident reads."""
    return AlertDetailView(**vars(staff_view(alert)), resident=resident_view(alert))


def _usernames(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = db.session.execute(sa.select(StaffUser.id, StaffUser.username).where(StaffUser.id.in_(ids)))
    return {row.id: row.username for row in rows}


def _channels(device_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The conversation channel of each device that is a WhatsApp or SMS number (app devices are left out)."""
    if not device_ids:
        return {}
    rows = db.session.execute(
        sa.select(Device.id, Device.platform).where(Device.id.in_(device_ids), Device.platform.in_(CHANNELS))
    )
    return {row.id: row.platform for row in rows}


def _resident_names(alerts: Sequence[Alert]) -> dict[uuid.UUID, str | None]:
    """The residents' names when known: from the isolation episode that raised the alert, else from the latest
    episode registered on the device that pressed; none once the alert's personal data was removed."""
    kept = [a for a in alerts if a.personal_data_removed_at is None]
    episode_ids = {a.episode_id for a in kept if a.episode_id is not None}
    device_ids = {a.device_id for a in kept if a.episode_id is None and a.device_id is not None}
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
    names: dict[uuid.UUID, str | None] = {}
    for alert in kept:
        if alert.episode_id is not None:
            names[alert.id] = by_episode.get(alert.episode_id)
        elif alert.device_id is not None:
            names[alert.id] = by_device.get(alert.device_id)
    return names
