"""The outbox: who is told of an event, written as notification rows in the event's own transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, IsolationEpisode, Notification

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
)
# The channels that reach the operators' own systems; every kind goes to each one configured.
OPS_CHANNELS = ("log", "webhook")
OPS = "ops"
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


def _alert_payload(alert: Alert, **extra: Any) -> dict[str, Any]:
    # Ids and codes only: a payload may be shown on a locked screen or kept in a log.
    return {"alert": str(alert.id), "type": alert.type, "category": alert.category, "region": alert.region_code,
            **extra}  # fmt: skip


def alert_created(alert: Alert) -> None:
    kind = "monitoring_alert_opened" if alert.type == "monitoring" else "alert_created"
    tell(kind, _alert_payload(alert, cause=alert.cause))


def alert_moved(alert: Alert, action: str) -> None:
    """Claim, dispatch and resolve are told; a resident's cancel and the expiry job are not."""
    if action in _MOVES:
        tell(_MOVES[action], _alert_payload(alert, status=alert.status))


def alert_escalated(alert: Alert, level: int, audience: str) -> None:
    tell("alert_escalated", _alert_payload(alert, level=level, audience=audience))


def checkin_reminder(episode: IsolationEpisode, quiet_hours: int) -> None:
    tell("checkin_reminder", {"episode": str(episode.id), "hours": quiet_hours})


def isolation_extended(episode: IsolationEpisode) -> None:
    tell("isolation_extended", {"episode": str(episode.id), "end_date": episode.end_date.isoformat()})


def isolation_ended(episode: IsolationEpisode) -> None:
    tell("isolation_ended", {"episode": str(episode.id), "status": episode.status})


def alert_id_of(payload: dict[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(payload["alert"]))
    except (KeyError, ValueError):
        return None
