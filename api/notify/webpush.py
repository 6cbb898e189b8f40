"""The Web Push channel: the payload encrypted for the subscription (RFC 8291, aes128gcm), signed with VAPID (RFC 8292),
POSTed to its push service (RFC 8030) through pywebpush."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any

import requests
from py_vapid import Vapid02
from pywebpush import WebPusher

from api.notify import Delivery, Message, http_outcome, retry_after
from api.push_services import allowed, origin_of

# How long a push service keeps a message for a phone that is offline: a reminder or an alert older than this is
# no longer news. Alerts go as high urgency (RFC 8030, 5.3), so a phone in power saving still wakes for them.
TTL_SECONDS = 12 * 3600
URGENT_KINDS = frozenset({"alert_created", "alert_escalated", "monitoring_alert_opened"})
# A VAPID token is valid for at most 24 hours (RFC 8292, 2); a new one is signed for every request.
TOKEN_SECONDS = 12 * 3600


class _NoRedirects(requests.Session):
    """A push service answers itself; a redirect is refused rather than followed (it could point anywhere)."""

    def post(self, url: str | bytes, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
        return super().post(url, data=data, json=json, allow_redirects=False, **kwargs)


@dataclass
class WebPushChannel:
    vapid: Vapid02
    subject: str
    services: list[str]
    timeout_seconds: float = 5.0

    def send(self, message: Message) -> Delivery:
        endpoint = str(message.address.get("endpoint") or "")
        if not allowed(endpoint, self.services):
            return Delivery("failed", error="push service not on the allow-list")
        claims = {"sub": self.subject, "aud": origin_of(endpoint), "exp": int(time.time()) + TOKEN_SECONDS}
        headers = {**self.vapid.sign(claims), "Urgency": "high" if message.kind in URGENT_KINDS else "normal"}
        # The notification id lets the service worker drop a repeat of an at-least-once delivery.
        data = json.dumps({**message.payload, "id": message.id}, separators=(",", ":")).encode()
        subscription = {"endpoint": endpoint, "keys": message.address["keys"]}
        with _NoRedirects() as session:
            try:
                reply = WebPusher(subscription, requests_session=session).send(
                    data, headers, ttl=TTL_SECONDS, content_encoding="aes128gcm", timeout=self.timeout_seconds
                )
            except (requests.Timeout, requests.ConnectionError) as error:
                return Delivery("retry", error=type(error).__name__)
        status = int(reply.status_code)
        if status in (404, 410):
            return Delivery("gone", status, error=f"HTTP {status}")
        failure = None if 200 <= status < 300 else f"HTTP {status}"
        return Delivery(http_outcome(status), status, retry_after(reply.headers.get("Retry-After")), failure)
