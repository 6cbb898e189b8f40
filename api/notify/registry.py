"""The channels this installation has, by the name stored on each notification row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from api.notify import Channel
from api.notify.log import LogChannel
from api.notify.sms import SmsChannel
from api.notify.webhook import WebhookChannel
from api.notify.webpush import WebPushChannel
from api.notify.whatsapp import WhatsAppChannel
from api.push_services import push_services
from api.vapid import subject, vapid_key


def channel_named(name: str, config: Mapping[str, Any]) -> Channel | None:
    """The channel for `name`, or None when it is unknown or no longer configured (the row then dies)."""
    timeout = float(config["NOTIFY_TIMEOUT_SECONDS"])
    if name == "log":
        return LogChannel()
    if name == "webhook" and config.get("NOTIFY_WEBHOOK_URL"):
        return WebhookChannel(str(config["NOTIFY_WEBHOOK_URL"]), timeout)
    if name == "webpush":
        return WebPushChannel(vapid_key(), subject(), push_services(config), timeout)
    if name == "whatsapp" and config.get("WHATSAPP_TOKEN") and config.get("WHATSAPP_PHONE_NUMBER_ID"):
        return WhatsAppChannel(
            str(config["WHATSAPP_API_URL"]),
            str(config["WHATSAPP_PHONE_NUMBER_ID"]),
            str(config["WHATSAPP_TOKEN"]),
            timeout,
        )
    if name == "sms" and config.get("SMS_ACCOUNT_SID") and config.get("SMS_AUTH_TOKEN") and config.get("SMS_FROM"):
        return SmsChannel(
            str(config["SMS_API_URL"]),
            str(config["SMS_ACCOUNT_SID"]),
            str(config["SMS_AUTH_TOKEN"]),
            str(config["SMS_FROM"]),
            timeout,
        )
    return None
