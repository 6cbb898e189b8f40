"""Delivery channels behind one small interface: each sends one message and says what came of it, nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any, Literal, Protocol

Outcome = Literal["sent", "retry", "failed", "gone"]


@dataclass(frozen=True)
class Message:
    """What a channel sends: the notification's id (receivers drop repeats by it), kind, recipient and payload."""

    id: int
    kind: str
    recipient: str
    payload: dict[str, Any] = field(default_factory=dict)
    # What the dispatcher looked up for the recipient (a push subscription's endpoint and keys).
    address: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Delivery:
    """sent; retry (429, 5xx, time-out, refused: it may work later); failed (it never will); gone (the recipient's
    address no longer exists, e.g. a push subscription answered 404/410)."""

    outcome: Outcome
    status_code: int | None = None
    retry_after_seconds: float | None = None
    error: str | None = None
    # The id the provider gave the message (WhatsApp, SMS): its delivery and read receipts name it.
    provider_id: str | None = None


class Channel(Protocol):
    def send(self, message: Message) -> Delivery: ...


def http_outcome(status: int) -> Outcome:
    """How a push service or webhook receiver's status code reads: retried on 429 and 5xx."""
    if 200 <= status < 300:
        return "sent"
    if status == 429 or status >= 500:
        return "retry"
    return "failed"


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return max(0.0, (moment - dt.datetime.now(dt.UTC)).total_seconds())
