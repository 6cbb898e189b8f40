"""WhatsApp and SMS numbers as residents: each has a device row of its own; replies and updates to them go out
through the outbox."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from dataclasses import asdict
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import ChannelContact, Device, Notification
from api.services.outbox import REPLY, enqueue
from api.services.tokens import hash_token
from screening.conversation.model import Reply

# WhatsApp's customer-service window: free-form messages within 24 hours of the resident's last message.
WINDOW = dt.timedelta(hours=24)
# The recipient of a goodbye to an erased number, which carries the number itself: each such row is a conversation
# of its own (one row), so these never wait on one another.
ERASED = "erased"


def find_or_create(channel: str, address: str, now: dt.datetime) -> ChannelContact:
    """The contact for a number; a new number gets a device of its own, whose token nobody holds (the number is
    its only way in)."""
    contact: ChannelContact | None = db.session.scalar(
        sa.select(ChannelContact).where(ChannelContact.channel == channel, ChannelContact.address == address)
    )
    if contact is not None:
        return contact
    device = Device(
        id=uuid.uuid4(),
        token_hash=hash_token(secrets.token_urlsafe(32)),
        platform=channel,
        created_at=now,
        last_used_at=now,
    )
    contact = ChannelContact(
        channel=channel, address=address, device=device, state={}, last_inbound_at=now, created_at=now
    )
    db.session.add_all([device, contact])
    db.session.flush()
    return contact


def queue_replies(contact: ChannelContact, replies: list[Reply], lang: str) -> None:
    """Each reply as one outbox row, in the caller's transaction (a reply is sent only if the turn commits)."""
    for reply in replies:
        payload = asdict(reply)
        payload["choices"] = [[c["id"], c["title"]] for c in payload["choices"]]
        payload["lang"] = lang
        enqueue(REPLY, payload, channel=contact.channel, recipient=str(contact.id))


def queue_goodbye(channel: str, address: str, reply: Reply, lang: str) -> None:
    """The last reply to a number whose data was just erased: the row carries the number itself, since nothing
    else does any more (and loses it once sent)."""
    payload = {"text": reply.text, "choices": [], "lang": lang, "to": address}
    enqueue(REPLY, payload, channel=channel, recipient=ERASED)


def drop_queued(contact: ChannelContact) -> None:
    """BERHENTI/STOP and erasure: nothing still waiting for the number goes out."""
    db.session.execute(
        sa.delete(Notification).where(
            Notification.channel == contact.channel,
            Notification.recipient == str(contact.id),
            Notification.status.in_(("queued", "sending")),
        )
    )


def channel_address(recipient: str, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """Where a WhatsApp or SMS row goes now, or None when the number stopped (updates) or was erased."""
    if recipient == ERASED:
        return {"to": payload["to"], "window_open": True} if payload.get("to") else None
    contact = db.session.get(ChannelContact, int(recipient))
    if contact is None or (contact.stopped_at is not None and kind != REPLY):
        return None
    return {"to": contact.address, "window_open": utcnow() - contact.last_inbound_at < WINDOW}
