"""The webhook channel: POST the notification as JSON to SUMBAR_NOTIFY_WEBHOOK_URL."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from api.notify import Delivery, Message, http_outcome, retry_after


@dataclass
class WebhookChannel:
    url: str
    timeout_seconds: float = 5.0

    def send(self, message: Message) -> Delivery:
        body = {"id": message.id, "kind": message.kind, "payload": message.payload}
        request = urllib.request.Request(
            self.url,
            data=json.dumps(body, default=str).encode(),
            # A retry after a lost reply repeats the id, so the receiver can drop what it already has.
            headers={"Content-Type": "application/json", "Sumbar-Notification-Id": str(message.id)},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_seconds) as reply:
                reply.read()
                return Delivery(http_outcome(reply.status), reply.status)
        except urllib.error.HTTPError as error:
            wait = retry_after(error.headers.get("Retry-After"))
            return Delivery(http_outcome(error.code), error.code, wait, f"HTTP {error.code}")
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            reason = getattr(error, "reason", error)
            return Delivery("retry", error=type(reason).__name__)
