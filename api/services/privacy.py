"""Residents' personal data under Law 27 of 2022: how long each kind is kept, the export and the erasure.

Health answers, names, phone numbers and locations are specific personal data. Each is kept only as long as
the retention table below says (every period a setting), then removed by the daily purge; what remains
(categories, regions, dates, outcomes, timings) is what the public statistics and the response-time
figures need, and no longer points at a person.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import (
    Alert,
    AlertEvent,
    AlertLocation,
    AlertPress,
    AlertTransition,
    ChannelContact,
    ChannelMessage,
    Checkin,
    Device,
    IdempotencyRecord,
    IsolationEpisode,
    IsolationEvent,
    LoginFailure,
    Notification,
    ScreeningResponse,
    StaffAccess,
)
from api.transactions import unit_of_work
from screening.alert_workflow import CLOSED_STATUSES, OPEN_STATUSES
from screening.text import localize

# An unfinished WhatsApp/SMS conversation's answers are kept this long after the number's last message.
UNFINISHED_KEPT = dt.timedelta(days=1)


@dataclass(frozen=True)
class Retention:
    """One row of the retention table: what is removed, after how long, from when, and what stays."""

    setting: str
    removed: str
    counted_from: str
    kept: str


RETENTION = (
    Retention(
        "RETENTION_ALERT_DAYS",
        "an alert's phone, notes (the resident's and the press notes) and location trail",
        "its resolution, cancellation or expiry",
        "category, region, status, outcome and timings (for the response-time figures)",
    ),
    Retention(
        "RETENTION_EPISODE_DAYS",
        "an isolation episode's name, phone, address, location pin, check-ins (readings and notes) and note texts of "
        "its audit trail",
        "its closing",
        "reason, region, dates, status and outcome",
    ),
    Retention(
        "RETENTION_SCREENING_LINK_DAYS",
        "the link between a screening response and the device that sent it",
        "the response",
        "answers and result, for the surveillance statistics",
    ),
    Retention("RETENTION_ALERT_EVENT_DAYS", "live-stream events (copies of alerts)", "the event", "nothing"),
    Retention("RETENTION_LOGIN_FAILURE_DAYS", "records of failed staff sign-ins", "the attempt", "nothing"),
    Retention("RETENTION_ACCESS_LOG_DAYS", "records of staff reading personal data", "the read", "nothing"),
    Retention(
        "RETENTION_NOTIFICATION_DAYS",
        "sent and dead notifications with their attempts (ids and codes, no names or phones)",
        "the notification",
        "nothing",
    ),
    Retention(
        "RETENTION_CHANNEL_MESSAGE_DAYS",
        "records of WhatsApp and SMS messages received (their text is cleared once answered)",
        "the message",
        "nothing",
    ),
    Retention(
        "DEVICE_TOKEN_IDLE_DAYS", "a device unused that long (its token no longer works)", "its last use", "nothing"
    ),
)


def _older(days_setting: str, now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(days=float(current_app.config[days_setting]))


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def scrub_alerts(alert_ids: list[uuid.UUID], now: dt.datetime) -> int:
    """Remove the personal fields of these alerts (in the caller's transaction)."""
    if not alert_ids:
        return 0
    db.session.execute(sa.delete(AlertLocation).where(AlertLocation.alert_id.in_(alert_ids)))
    db.session.execute(sa.update(AlertPress).where(AlertPress.alert_id.in_(alert_ids)).values(note=None))
    db.session.execute(sa.update(AlertTransition).where(AlertTransition.alert_id.in_(alert_ids)).values(note=None))
    db.session.execute(sa.delete(AlertEvent).where(AlertEvent.alert_id.in_(alert_ids)))
    result = db.session.execute(
        sa.update(Alert)
        .where(Alert.id.in_(alert_ids))
        .values(phone=None, note=None, reasons=None, lat=None, lon=None, accuracy_m=None, personal_data_removed_at=now)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result)


def _scrub_episodes(episode_ids: list[uuid.UUID], now: dt.datetime) -> int:
    if not episode_ids:
        return 0
    db.session.execute(sa.delete(Checkin).where(Checkin.episode_id.in_(episode_ids)))
    # Details carry health findings (triage reasons) and dates, as the notes once did: they go with the notes.
    db.session.execute(
        sa.update(IsolationEvent).where(IsolationEvent.episode_id.in_(episode_ids)).values(note=None, details=None)
    )
    result = db.session.execute(
        sa.update(IsolationEpisode)
        .where(IsolationEpisode.id.in_(episode_ids))
        .values(name=None, phone=None, address=None, lat=None, lon=None, personal_data_removed_at=now)
        .execution_options(synchronize_session=False)
    )
    return _rowcount(result)


def purge(now: dt.datetime | None = None) -> dict[str, int]:
    """Apply the retention table once (idempotent): what is past its period is removed. Returns counts."""
    now = now or utcnow()
    with unit_of_work():
        closed_at = sa.func.coalesce(Alert.resolved_at, Alert.cancelled_at, Alert.expired_at)
        due_alerts = list(
            db.session.scalars(
                sa.select(Alert.id).where(
                    Alert.status.in_(CLOSED_STATUSES),
                    Alert.personal_data_removed_at.is_(None),
                    sa.or_(closed_at < _older("RETENTION_ALERT_DAYS", now), Alert.erase_requested_at.is_not(None)),
                )
            )
        )
        due_episodes = list(
            db.session.scalars(
                sa.select(IsolationEpisode.id).where(
                    IsolationEpisode.status != "active",
                    IsolationEpisode.personal_data_removed_at.is_(None),
                    IsolationEpisode.closed_at < _older("RETENTION_EPISODE_DAYS", now),
                )
            )
        )
        counts = {
            "alerts": scrub_alerts(due_alerts, now),
            "episodes": _scrub_episodes(due_episodes, now),
            "screening_links": _rowcount(
                db.session.execute(
                    sa.update(ScreeningResponse)
                    .where(
                        ScreeningResponse.device_id.is_not(None),
                        ScreeningResponse.created_at < _older("RETENTION_SCREENING_LINK_DAYS", now),
                    )
                    .values(device_id=None)
                )
            ),
            "alert_events": _rowcount(
                db.session.execute(
                    sa.delete(AlertEvent).where(AlertEvent.created_at < _older("RETENTION_ALERT_EVENT_DAYS", now))
                )
            ),
            "login_failures": _rowcount(
                db.session.execute(
                    sa.delete(LoginFailure).where(LoginFailure.at < _older("RETENTION_LOGIN_FAILURE_DAYS", now))
                )
            ),
            "access_log": _rowcount(
                db.session.execute(
                    sa.delete(StaffAccess).where(StaffAccess.at < _older("RETENTION_ACCESS_LOG_DAYS", now))
                )
            ),
            "notifications": _rowcount(
                db.session.execute(
                    sa.delete(Notification).where(
                        Notification.status.in_(("sent", "dead")),
                        Notification.created_at < _older("RETENTION_NOTIFICATION_DAYS", now),
                    )
                )
            ),
            "channel_messages": _rowcount(
                db.session.execute(
                    sa.delete(ChannelMessage).where(
                        ChannelMessage.handled_at.is_not(None),
                        ChannelMessage.received_at < _older("RETENTION_CHANNEL_MESSAGE_DAYS", now),
                    )
                )
            ),
            "conversations": _forget_unfinished_conversations(now),
            "idle_devices": _erase_idle_devices(now),
        }
    return counts


def _forget_unfinished_conversations(now: dt.datetime) -> int:
    """A WhatsApp/SMS conversation left unfinished keeps its answers so far only until the next day: they are not
    a screening anyone submitted. Numbers silent for one to eight days are looked at (the job runs daily; a week
    covers runs it missed)."""
    forgotten = 0
    quiet = sa.select(ChannelContact).where(
        ChannelContact.last_inbound_at < now - UNFINISHED_KEPT,
        ChannelContact.last_inbound_at >= now - UNFINISHED_KEPT - dt.timedelta(days=7),
    )
    for contact in db.session.scalars(quiet):
        kept = {key: value for key, value in contact.state.items() if key in ("lang", "stopped")}
        if kept != contact.state:
            contact.state = kept
            forgotten += 1
    return forgotten


def _erase_idle_devices(now: dt.datetime) -> int:
    idle = list(
        db.session.scalars(
            sa.select(Device).where(
                sa.func.coalesce(Device.last_used_at, Device.created_at) < _older("DEVICE_TOKEN_IDLE_DAYS", now)
            )
        )
    )
    for device in idle:
        _erase(device, now)
    return len(idle)


# --- the resident's rights ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeviceData:
    """Everything stored for one device, for its export."""

    device: Device
    screening_responses: list[ScreeningResponse]
    alerts: list[Alert]
    presses: dict[uuid.UUID, list[AlertPress]]
    locations: dict[uuid.UUID, list[AlertLocation]]
    episodes: list[IsolationEpisode]
    checkins: dict[uuid.UUID, list[Checkin]]
    # The audit trails, with the notes staff wrote about the resident (who wrote them stays out).
    transitions: dict[uuid.UUID, list[AlertTransition]]
    episode_events: dict[uuid.UUID, list[IsolationEvent]]


def export(device: Device) -> DeviceData:
    responses = db.session.scalars(
        sa.select(ScreeningResponse)
        .where(ScreeningResponse.device_id == device.id)
        .order_by(ScreeningResponse.created_at)
    ).all()
    alerts = db.session.scalars(sa.select(Alert).where(Alert.device_id == device.id).order_by(Alert.created_at)).all()
    alert_ids = [a.id for a in alerts]
    presses: dict[uuid.UUID, list[AlertPress]] = {a: [] for a in alert_ids}
    for press in db.session.scalars(
        sa.select(AlertPress).where(AlertPress.alert_id.in_(alert_ids)).order_by(AlertPress.pressed_at, AlertPress.id)
    ):
        presses[press.alert_id].append(press)
    locations: dict[uuid.UUID, list[AlertLocation]] = {a: [] for a in alert_ids}
    for fix in db.session.scalars(
        sa.select(AlertLocation).where(AlertLocation.alert_id.in_(alert_ids)).order_by(AlertLocation.located_at)
    ):
        locations[fix.alert_id].append(fix)
    episodes = db.session.scalars(
        sa.select(IsolationEpisode).where(IsolationEpisode.device_id == device.id).order_by(IsolationEpisode.created_at)
    ).all()
    checkins: dict[uuid.UUID, list[Checkin]] = {e.id: [] for e in episodes}
    for checkin in db.session.scalars(
        sa.select(Checkin).where(Checkin.episode_id.in_(list(checkins))).order_by(Checkin.measured_at, Checkin.id)
    ):
        checkins[checkin.episode_id].append(checkin)
    transitions: dict[uuid.UUID, list[AlertTransition]] = {a: [] for a in alert_ids}
    for move in db.session.scalars(
        sa.select(AlertTransition).where(AlertTransition.alert_id.in_(alert_ids)).order_by(AlertTransition.id)
    ):
        transitions[move.alert_id].append(move)
    episode_events: dict[uuid.UUID, list[IsolationEvent]] = {e.id: [] for e in episodes}
    for event in db.session.scalars(
        sa.select(IsolationEvent).where(IsolationEvent.episode_id.in_(list(episode_events))).order_by(IsolationEvent.id)
    ):
        episode_events[event.episode_id].append(event)
    return DeviceData(
        device, list(responses), list(alerts), presses, locations, list(episodes), checkins, transitions, episode_events
    )


def erase(device: Device) -> None:
    """The resident's erasure: screenings unlinked, episodes and check-ins deleted, alerts' personal fields
    removed (an alert still open keeps what responders need until it is closed, then it is cleaned), the
    device and its token gone."""
    with unit_of_work():
        _erase(db.session.merge(device), utcnow())


def _erase(device: Device, now: dt.datetime) -> None:
    db.session.execute(
        sa.update(ScreeningResponse).where(ScreeningResponse.device_id == device.id).values(device_id=None)
    )
    episode_ids = list(
        db.session.scalars(sa.select(IsolationEpisode.id).where(IsolationEpisode.device_id == device.id))
    )
    if episode_ids:
        monitoring = list(db.session.scalars(sa.select(Alert.id).where(Alert.episode_id.in_(episode_ids))))
        _close_or_mark(monitoring, now)
        db.session.execute(sa.delete(IsolationEpisode).where(IsolationEpisode.id.in_(episode_ids)))
    _close_or_mark(list(db.session.scalars(sa.select(Alert.id).where(Alert.device_id == device.id))), now)
    db.session.execute(sa.delete(IdempotencyRecord).where(IdempotencyRecord.scope.like(f"device:{device.id}:%")))
    db.session.execute(sa.delete(Device).where(Device.id == device.id))


def _close_or_mark(alert_ids: list[uuid.UUID], now: dt.datetime) -> None:
    """Closed alerts are cleaned now; open ones are marked, and cleaned when they close."""
    if not alert_ids:
        return
    closed = list(
        db.session.scalars(sa.select(Alert.id).where(Alert.id.in_(alert_ids), Alert.status.in_(CLOSED_STATUSES)))
    )
    scrub_alerts(closed, now)
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id.in_(alert_ids), Alert.status.in_(OPEN_STATUSES))
        .values(erase_requested_at=now)
        .execution_options(synchronize_session=False)
    )


def privacy_notice(lang: str) -> dict[str, Any]:
    """The notice in `lang`, with this installation's controller, contact and retention periods in it."""
    raw = json.loads(resources.files("api").joinpath("privacy_notice.json").read_text("utf-8"))
    config = current_app.config
    values = {
        "controller": config["PRIVACY_CONTROLLER"],
        "contact": config["PRIVACY_CONTACT"],
        "alert_days": config["RETENTION_ALERT_DAYS"],
        "episode_days": config["RETENTION_EPISODE_DAYS"],
        "screening_days": config["RETENTION_SCREENING_LINK_DAYS"],
        "device_days": config["DEVICE_TOKEN_IDLE_DAYS"],
    }
    return {
        "version": raw["version"],
        "lang": lang,
        "basis": raw["basis"],
        "title": localize(raw["title"], lang),
        "sections": [
            {"heading": localize(s["heading"], lang), "text": _section_text(s, lang).format(**values)}
            for s in raw["sections"]
        ],
    }


def _section_text(section: dict[str, Any], lang: str) -> str:
    """The section's text, and its sentence naming the contact only when one is configured (the try-out has none)."""
    text = localize(section["text"], lang)
    if "contact" in section and (current_app.config["PRIVACY_CONTACT"] or "").strip():
        text += " " + localize(section["contact"], lang)
    return text


def require_privacy_contact(config: Mapping[str, Any]) -> None:
    """Refuse to serve residents without a way to ask about their data, except in the local try-out."""
    if (config.get("PRIVACY_CONTACT") or "").strip() or config.get("TRY_OUT") or config.get("TESTING"):
        return
    raise RuntimeError(
        "SUMBAR_PRIVACY_CONTACT is not set: the privacy notice must tell residents how to ask about their data. "
        "Set it to the task force's real e-mail address and telephone number, as SUMBAR_PRIVACY_CONTACT=\"<e-mail>, "
        '<telephone>" in the environment or .env; for a local try-out only, set SUMBAR_TRY_OUT=true (make run does), '
        "and the notice then names no contact."
    )
