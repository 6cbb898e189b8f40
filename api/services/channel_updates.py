"""Reading the providers' webhook bodies: WhatsApp Cloud API notifications (messages and statuses) and Twilio's
inbound SMS form, into the engine's inbound messages and the outbox's receipts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from api.extensions import db
from api.models import Notification
from api.transactions import unit_of_work


@dataclass(frozen=True)
class Incoming:
    provider_id: str
    address: str
    body: dict[str, Any]


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _items(value: object) -> list[Mapping[str, Any]]:
    """The objects of a list in a notification; anything else there counts as none (a signed body is Meta's, but
    an unexpected shape is still no reason to fail)."""
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _whatsapp_body(message: Mapping[str, Any]) -> dict[str, Any]:
    """A message as the engine reads it (text, a button or list row's id, a location), or "other"."""
    kind = message.get("type")
    if kind == "text":
        return {"kind": "text", "text": str(_mapping(message.get("text")).get("body") or "")}
    if kind == "interactive":
        interactive = _mapping(message.get("interactive"))
        reply = _mapping(interactive.get("button_reply") or interactive.get("list_reply"))
        return {"kind": "choice", "choice": str(reply.get("id") or ""), "text": str(reply.get("title") or "")}
    if kind == "button":  # a quick-reply button of a template
        button = _mapping(message.get("button"))
        return {"kind": "text", "text": str(button.get("text") or button.get("payload") or "")}
    if kind == "location":
        place = _mapping(message.get("location"))
        try:
            lat, lon = float(place["latitude"]), float(place["longitude"])
        except (KeyError, TypeError, ValueError):
            return {"kind": "other"}
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return {"kind": "location", "lat": lat, "lon": lon}
    return {"kind": "other"}


def _values(update: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if update.get("object") != "whatsapp_business_account":
        return
    for entry in _items(update.get("entry")):
        for change in _items(entry.get("changes")):
            if change.get("field") == "messages" and isinstance(change.get("value"), Mapping):
                yield change["value"]


def whatsapp_messages(update: Mapping[str, Any]) -> list[Incoming]:
    found = []
    for value in _values(update):
        for message in _items(value.get("messages")):
            if message.get("id") and message.get("from"):
                address = "".join(ch for ch in str(message["from"]) if ch.isdigit())
                found.append(Incoming(str(message["id"])[:128], address[:32], _whatsapp_body(message)))
    return found


def whatsapp_statuses(update: Mapping[str, Any]) -> list[tuple[str, str, dt.datetime | None]]:
    """(provider message id, status, when) for each status notification."""
    found = []
    for value in _values(update):
        for status in _items(value.get("statuses")):
            if status.get("id") and status.get("status"):
                try:
                    when = dt.datetime.fromtimestamp(int(str(status.get("timestamp"))), dt.UTC)
                except (TypeError, ValueError, OverflowError):
                    when = None
                found.append((str(status["id"])[:128], str(status["status"]), when))
    return found


def sms_message(form: Mapping[str, str]) -> Incoming | None:
    """Twilio's inbound SMS: From (E.164 with "+"), Body, MessageSid."""
    sid, sender = form.get("MessageSid") or form.get("SmsSid"), form.get("From") or ""
    address = "".join(ch for ch in sender if ch.isdigit())
    if not sid or not address:
        return None
    return Incoming(sid[:128], address[:32], {"kind": "text", "text": form.get("Body") or ""})


def record_statuses(statuses: list[tuple[str, str, dt.datetime | None]], now: dt.datetime) -> int:
    """Delivery and read receipts on the outbox rows they name; receipts of unknown messages are ignored."""
    if not statuses:
        return 0
    recorded = 0
    with unit_of_work():
        for provider_id, status, when in statuses:
            at = when or now
            row = db.session.scalar(sa.select(Notification).where(Notification.provider_message_id == provider_id))
            if row is None:
                continue
            recorded += 1
            if status in ("delivered", "read") and row.delivered_at is None:
                row.delivered_at = at
            if status == "read" and row.read_at is None:
                row.read_at = at
            if status == "failed":
                row.last_error = "provider: failed"
    return recorded
