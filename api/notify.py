"""Notifications to people (escalations, reminders) through pluggable channels: log and webhook now, SMS later."""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from flask import current_app

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notification:
    kind: str  # e.g. alert_escalated, alert_unacknowledged, checkin_reminder
    subject: str
    body: str
    audience: str  # who should act: "satgas_provinsi", "admin", "resident", ...
    region_code: str | None = None
    data: dict[str, Any] = field(default_factory=dict)


class Channel(Protocol):
    def send(self, notification: Notification) -> None: ...


class LogChannel:
    def send(self, notification: Notification) -> None:
        log.warning("NOTIFY %s to %s: %s", notification.kind, notification.audience, notification.subject)


@dataclass
class WebhookChannel:
    url: str
    timeout_seconds: float = 5.0

    def send(self, notification: Notification) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps(asdict(notification), default=str).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout_seconds) as reply:
            reply.read()


def channels() -> list[Channel]:
    """Channels named in SUMBAR_NOTIFIERS (comma-separated: log, webhook)."""
    names = [n.strip() for n in str(current_app.config.get("NOTIFIERS", "log")).split(",") if n.strip()]
    found: list[Channel] = []
    for name in names:
        if name == "log":
            found.append(LogChannel())
        elif name == "webhook" and current_app.config.get("NOTIFY_WEBHOOK_URL"):
            found.append(WebhookChannel(current_app.config["NOTIFY_WEBHOOK_URL"]))
        else:
            log.error("notifier %r is unknown or not configured", name)
    # Channel objects plugged in by the deployment (an SMS gateway, say) or by tests.
    found.extend(current_app.config.get("NOTIFY_EXTRA_CHANNELS", []))
    return found


def notify(notification: Notification) -> int:
    """Send through every channel; a failing channel is logged and does not stop the others. Returns successes."""
    delivered = 0
    for channel in channels():
        try:
            channel.send(notification)
            delivered += 1
        except Exception:
            log.exception("notifier %s failed for %s", type(channel).__name__, notification.kind)
    return delivered
