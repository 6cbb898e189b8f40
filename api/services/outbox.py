"""The outbox: who is told of an event, written as notification rows in the event's own transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, ChannelContact, IsolationEpisode, Notification, PushSubscription, StaffUser
from screening.conversation.results import status_text
from screening.push_audience import ADMIN, KABKOTA, officers_to_push
from screening.text import bilingual

KINDS = (
    "alert_created",
    "alert_claimed",
    "alert_dispatched",
    "alert_resolved",
    "alert_escalated",
    "checkin_reminder",
    "isolation_extended",
    "isolation_ended",
    "monitoring_alert_opened",
    "conversation_reply",
)
# The channels that reach the operators' own systems; every kind goes to each one configured.
OPS_CHANNELS = ("log", "webhook")
OPS = "ops"
WEBPUSH = "webpush"
# Push titles say what happened and nothing about whom: they show on locked screens.
TITLES = {
    "alert_created": bilingual("Peringatan baru", "New alert"),
    "alert_claimed": bilingual("Petugas menerima panggilan Anda", "A responder took your call"),
    "alert_dispatched": bilingual("Bantuan sedang menuju Anda", "Help is on the way"),
    "alert_resolved": bilingual("Panggilan Anda selesai ditangani", "Your call has been handled"),
    "alert_escalated": bilingual("Peringatan belum ditangani", "Alert not yet handled"),
    "checkin_reminder": bilingual("Waktunya laporan isolasi harian", "Time for your daily isolation check-in"),
    "isolation_extended": bilingual("Masa isolasi Anda diperpanjang", "Your isolation has been extended"),
    "isolation_ended": bilingual("Masa isolasi Anda selesai", "Your isolation has ended"),
    "monitoring_alert_opened": bilingual("Darurat pemantauan isolasi", "Isolation monitoring emergency"),
}
# A WhatsApp or SMS number's replies in a conversation; its updates carry the kind of the event.
REPLY = "conversation_reply"
# Updates to a WhatsApp number outside its 24-hour window go as the approved template named in this setting.
TEMPLATE_FOR = {
    "checkin_reminder": "WHATSAPP_TEMPLATE_REMINDER",
    "alert_claimed": "WHATSAPP_TEMPLATE_STATUS",
    "alert_dispatched": "WHATSAPP_TEMPLATE_STATUS",
    "alert_resolved": "WHATSAPP_TEMPLATE_STATUS",
    "isolation_extended": "WHATSAPP_TEMPLATE_STATUS",
    "isolation_ended": "WHATSAPP_TEMPLATE_STATUS",
}
RESIDENT_ALERT_URL = "/app#/alert"
RESIDENT_ISOLATION_URL = "/app#/checkin"
_MOVES = {"claim": "alert_claimed", "dispatch": "alert_dispatched", "resolve": "alert_resolved"}


def ops_channels() -> list[str]:
    """The channels named in SUMBAR_NOTIFIERS that are configured (webhook needs SUMBAR_NOTIFY_WEBHOOK_URL)."""
    names = [name.strip() for name in str(current_app.config.get("NOTIFIERS") or "").split(",") if name.strip()]
    return [
        name
        for name in names
        if name in OPS_CHANNELS and (name != "webhook" or current_app.config.get("NOTIFY_WEBHOOK_URL"))
    ]


def enqueue(kind: str, payload: dict[str, Any], *, channel: str, recipient: str) -> Notification:
    """Add one notification to the caller's transaction: it is sent only if that transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    now = utcnow()
    hours = float(current_app.config["NOTIFY_GIVE_UP_HOURS"])
    row = Notification(
        channel=channel,
        recipient=recipient,
        kind=kind,
        payload=payload,
        status="queued",
        attempts=0,
        next_attempt_at=now,
        give_up_at=now + dt.timedelta(hours=hours),
        created_at=now,
    )
    db.session.add(row)
    return row


def tell(kind: str, payload: dict[str, Any]) -> None:
    """Queue `kind` for every configured operators' channel."""
    for channel in ops_channels():
        enqueue(kind, payload, channel=channel, recipient=OPS)


def push(kind: str, subscription_ids: list[int], content: dict[str, Any]) -> None:
    """Queue one Web Push per subscription: kind, generic title, the screen to open, ids."""
    for subscription_id in subscription_ids:
        payload = {"kind": kind, "title": TITLES[kind], **content}
        enqueue(kind, payload, channel=WEBPUSH, recipient=str(subscription_id))


def device_subscriptions(device_id: uuid.UUID | None) -> list[int]:
    if device_id is None:
        return []
    query = sa.select(PushSubscription.id).where(PushSubscription.device_id == device_id)
    return list(db.session.scalars(query))


def officer_subscriptions(level: int, region_code: str | None) -> list[int]:
    """Subscriptions of the officers an alert at `level` is pushed to (screening.push_audience decides which)."""
    on_duty = sa.and_(StaffUser.is_active.is_(True), StaffUser.on_duty.is_(True))
    kabkota = sa.and_(on_duty, StaffUser.role == KABKOTA, StaffUser.region_code == region_code)
    anyone_there = region_code is not None and db.session.scalar(sa.select(sa.exists().where(kabkota)))
    role = officers_to_push(level, region_code, bool(anyone_there))
    if role == KABKOTA:
        who = kabkota
    elif role == ADMIN:
        # Admins are told of what nobody handled whether or not they are on duty.
        who = sa.and_(StaffUser.is_active.is_(True), StaffUser.role == ADMIN)
    else:
        who = sa.and_(on_duty, StaffUser.role == role)
    query = sa.select(PushSubscription.id).join(StaffUser, PushSubscription.staff_id == StaffUser.id).where(who)
    return list(db.session.scalars(query.order_by(PushSubscription.id)))


def _officer_push(kind: str, alert: Alert, level: int) -> None:
    content = {"alert": str(alert.id), "url": f"/satgas?alert={alert.id}"}
    push(kind, officer_subscriptions(level, alert.region_code), content)


def _alert_payload(alert: Alert, **extra: Any) -> dict[str, Any]:
    # Ids and codes only: a payload may be shown on a locked screen or kept in a log.
    return {
        "alert": str(alert.id),
        "type": alert.type,
        "category": alert.category,
        "region": alert.region_code,
        **extra,
    }


def alert_created(alert: Alert) -> None:
    kind = "monitoring_alert_opened" if alert.type == "monitoring" else "alert_created"
    tell(kind, _alert_payload(alert, cause=alert.cause))
    # A new alert in a region nobody attends starts higher up the ladder (alert_escalation.alert_arrived).
    _officer_push(kind, alert, alert.escalation_level)


def alert_moved(alert: Alert, action: str) -> None:
    """Claim, dispatch and resolve are told; a resident's cancel and the expiry job are not."""
    if action in _MOVES:
        tell(_MOVES[action], _alert_payload(alert, status=alert.status))
        if alert.type == "panic":
            push(
                _MOVES[action],
                device_subscriptions(alert.device_id),
                {"alert": str(alert.id), "url": RESIDENT_ALERT_URL},
            )
            tell_contact(_MOVES[action], alert.device_id)


def alert_escalated(alert: Alert, level: int, audience: str, *, push_officers: bool = True) -> None:
    tell("alert_escalated", _alert_payload(alert, level=level, audience=audience))
    if push_officers:
        _officer_push("alert_escalated", alert, level)


def checkin_reminder(episode: IsolationEpisode, quiet_hours: int) -> None:
    tell("checkin_reminder", {"episode": str(episode.id), "hours": quiet_hours})
    _resident_isolation_push("checkin_reminder", episode)


def isolation_extended(episode: IsolationEpisode) -> None:
    tell("isolation_extended", {"episode": str(episode.id), "end_date": episode.end_date.isoformat()})
    _resident_isolation_push("isolation_extended", episode)


def isolation_ended(episode: IsolationEpisode) -> None:
    tell("isolation_ended", {"episode": str(episode.id), "status": episode.status})
    _resident_isolation_push("isolation_ended", episode)


def _resident_isolation_push(kind: str, episode: IsolationEpisode) -> None:
    push(kind, device_subscriptions(episode.device_id), {"episode": str(episode.id), "url": RESIDENT_ISOLATION_URL})
    tell_contact(kind, episode.device_id, end_date=episode.end_date.isoformat())


def tell_contact(kind: str, device_id: uuid.UUID | None, **values: str) -> None:
    """An update the resident did not ask for in a conversation (their alert taken, a reminder) to the device's
    WhatsApp or SMS number, unless it stopped; outside WhatsApp's window as the template named in settings."""
    if device_id is None:
        return
    contact = db.session.scalar(sa.select(ChannelContact).where(ChannelContact.device_id == device_id))
    if contact is None or contact.stopped_at is not None:
        return
    lang = str(contact.state.get("lang") or "id")
    setting = TEMPLATE_FOR.get(kind)
    template = current_app.config.get(setting) if setting else None
    payload: dict[str, Any] = {
        "text": status_text(kind, lang, **values),
        "choices": [],
        "lang": lang,
        "template": template,
    }
    enqueue(kind, payload, channel=contact.channel, recipient=str(contact.id))


def alert_id_of(payload: dict[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(payload["alert"]))
    except (KeyError, ValueError):
        return None
