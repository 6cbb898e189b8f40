"""Inbound WhatsApp and SMS messages: stored when the webhook answers, answered by the channel job through the
conversation engine, the effects done by the API's use cases and the replies sent through the outbox."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from api.clock import local_today, utcnow
from api.extensions import db
from api.models import ChannelContact, ChannelMessage, Region
from api.services.channel_contacts import find_or_create, queue_replies
from api.services.channel_effects import active_episode, perform
from api.transactions import unit_of_work
from screening.conversation import texts
from screening.conversation.engine import Context, step
from screening.conversation.model import Erase, Inbound, Reply, Step
from screening.conversation.results import follow
from screening.text import localize

log = logging.getLogger(__name__)
LEASE = dt.timedelta(minutes=5)


def store_inbound(channel: str, provider_id: str, address: str, body: dict[str, Any]) -> bool:
    """Keep one message to answer after the webhook's reply; False when its provider id was stored before (a
    provider delivers at least once)."""
    try:
        with unit_of_work():
            seen = db.session.scalar(
                sa.select(ChannelMessage.id).where(
                    ChannelMessage.channel == channel, ChannelMessage.provider_id == provider_id
                )
            )
            if seen is not None:
                return False
            now = utcnow()
            contact = find_or_create(channel, address, now)
            contact.last_inbound_at = now
            contact.device.last_used_at = now
            db.session.add(
                ChannelMessage(
                    channel=channel, provider_id=provider_id, contact_id=contact.id, body=body, received_at=now
                )
            )
    except IntegrityError:
        # The same message in two deliveries at once: the other one stored it.
        return False
    return True


def answer_waiting(limit: int = 100) -> int:
    """Answer the messages waiting, oldest first; returns how many were answered."""
    answered = 0
    while True:
        taken = _take(utcnow(), limit)
        for message_id in taken:
            _answer(message_id)
        answered += len(taken)
        if len(taken) < limit:
            return answered


@unit_of_work()
def _take(now: dt.datetime, limit: int) -> list[int]:
    waiting = (
        sa.select(ChannelMessage.id)
        .where(
            ChannelMessage.handled_at.is_(None),
            sa.or_(ChannelMessage.taken_until.is_(None), ChannelMessage.taken_until < now),
        )
        .order_by(ChannelMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list(db.session.scalars(waiting))
    if ids:
        db.session.execute(
            sa.update(ChannelMessage)
            .where(ChannelMessage.id.in_(ids))
            .values(taken_until=now + LEASE)
            .execution_options(synchronize_session=False)
        )
    return ids


def _key(message: ChannelMessage) -> str:
    """An idempotency key and check-in client id from the provider's message id (which may be long)."""
    digest = hashlib.sha256(f"{message.channel}:{message.provider_id}".encode()).hexdigest()
    return f"{message.channel}-{digest[:40]}"


def _answer(message_id: int) -> None:
    message = db.session.get(ChannelMessage, message_id, populate_existing=True)
    if message is None or message.handled_at is not None or message.body is None:
        return  # erased meanwhile, or answered by another job
    contact = db.session.get(ChannelContact, message.contact_id, populate_existing=True)
    if contact is None:
        return
    config = current_app.config
    lang = str(contact.state.get("lang") or "id")
    now = utcnow()
    body = message.body
    limited = _limited(contact, message, now)
    if limited is not None:
        _finish(message, contact, contact.state, [limited] if limited.text else [], lang)
        return
    context = Context(
        now=now,
        today=local_today(),
        idle=dt.timedelta(minutes=float(config["CHANNEL_IDLE_MINUTES"])),
        regions=[(r.code, r.name) for r in db.session.scalars(sa.select(Region).order_by(Region.code))],
        in_isolation=active_episode(contact) is not None,
    )
    inbound = Inbound(
        body.get("kind", "other"), body.get("text") or "", body.get("choice") or "", body.get("lat"), body.get("lon")
    )
    turn = step(contact.state, inbound, context)
    with unit_of_work():
        may_start = not turn.started or _may_start(contact, now)
    if not may_start:
        _finish(message, contact, contact.state, [Reply(localize(texts.SLOW_DOWN, lang))], lang)
        return
    state, replies = turn.state, list(turn.replies)
    key = _key(message)
    for effect in turn.effects:
        outcome = perform(contact, effect, key, str(state.get("lang") or "id"))
        if isinstance(effect, Erase) and outcome.get("erased"):
            return  # the contact, its messages and its state are gone; the goodbye is queued
        after: Step = follow(state, effect, outcome)
        state = after.state
        replies += after.replies
    _finish(message, contact, state, replies, str(state.get("lang") or "id"))


def _limited(contact: ChannelContact, message: ChannelMessage, now: dt.datetime) -> Reply | None:
    """A reply instead of a turn when a message is too long or the number writes too fast (a text-less reply
    means: say nothing, it was told once)."""
    config = current_app.config
    body = message.body or {}
    if len(str(body.get("text") or "")) > int(config["CHANNEL_MAX_INBOUND_CHARS"]):
        return Reply(localize(texts.TOO_LONG, str(contact.state.get("lang") or "id")))
    recent = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(ChannelMessage)
        .where(
            ChannelMessage.contact_id == contact.id,
            ChannelMessage.received_at > now - dt.timedelta(minutes=1),
            ChannelMessage.id <= message.id,
        )
    )
    allowed = int(config["CHANNEL_MESSAGES_PER_MINUTE"])
    if (recent or 0) > allowed:
        first_over = (recent or 0) == allowed + 1
        return Reply(localize(texts.SLOW_DOWN, str(contact.state.get("lang") or "id")) if first_over else "")
    return None


def _may_start(contact: ChannelContact, now: dt.datetime) -> bool:
    """A number may open SUMBAR_CHANNEL_CONVERSATIONS_PER_HOUR conversations an hour."""
    if contact.hour_started_at is None or now - contact.hour_started_at >= dt.timedelta(hours=1):
        contact.hour_started_at, contact.conversations_this_hour = now, 0
    if contact.conversations_this_hour >= int(current_app.config["CHANNEL_CONVERSATIONS_PER_HOUR"]):
        return False
    contact.conversations_this_hour += 1
    return True


def _finish(
    message: ChannelMessage, contact: ChannelContact, state: dict[str, Any], replies: list[Reply], lang: str
) -> None:
    with unit_of_work():
        contact.state = dict(state)
        queue_replies(contact, replies, lang)
        message.handled_at = utcnow()
        message.body = None
