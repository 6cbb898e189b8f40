"""The SMS channel: plain text with numbered choices to one number through Twilio's Messaging API (the twilio
package); another provider is another module like this one, the conversation stays the same."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import requests
from twilio.base.exceptions import TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from api.notify import Delivery, Message, http_outcome

# Twilio's client logs each request at INFO; its lines are kept out of the application log, since a message's
# recipient is a phone number.
_quiet = logging.getLogger("api.notify.sms.twilio")
_quiet.setLevel(logging.WARNING)
# Twilio splits longer bodies into segments itself and refuses anything over 1600 characters.
SMS_CHARS = 1600


def sms_text(payload: dict[str, Any]) -> str:
    """The reply as one SMS: text, then the choices as numbered lines (a reply of the number picks one)."""
    lines = [str(payload["text"])]
    lines += [f"{index}. {choice[1]}" for index, choice in enumerate(payload.get("choices") or [], start=1)]
    return "\n".join(lines)[:SMS_CHARS]


@dataclass
class SmsChannel:
    api_url: str
    account_sid: str
    auth_token: str
    sender: str
    timeout_seconds: float = 5.0

    def send(self, message: Message) -> Delivery:
        http = TwilioHttpClient(timeout=self.timeout_seconds, logger=_quiet)
        client = Client(self.account_sid, self.auth_token, http_client=http)
        # The Messaging API's base comes from settings (a local receiver in tests).
        client.api.base_url = self.api_url.rstrip("/")
        try:
            sent = client.messages.create(
                to=f"+{message.address['to']}", from_=self.sender, body=sms_text(message.payload)
            )
        except TwilioRestException as error:
            return Delivery(http_outcome(error.status), error.status, error=f"HTTP {error.status}")
        except requests.RequestException as error:
            return Delivery("retry", error=type(error).__name__)
        return Delivery("sent", 201, provider_id=sent.sid)
