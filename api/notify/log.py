"""The log channel: one warning line per notification (kind and ids only), for development and as a last resort."""

from __future__ import annotations

import logging

from api.notify import Delivery, Message

log = logging.getLogger("api.notify")


class LogChannel:
    def send(self, message: Message) -> Delivery:
        # Payloads carry ids and codes only, so the line holds no personal data.
        log.warning("NOTIFY %s #%d: %s", message.kind, message.id, message.payload)
        return Delivery("sent")
