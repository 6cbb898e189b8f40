"""A resident's phone in tests: the providers' documented webhook bodies, signed, and what the provider was asked
to send back."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
from typing import Any
from urllib.parse import parse_qs

from flask.testing import FlaskClient
from twilio.request_validator import RequestValidator

from api.services.channel_inbound import answer_waiting
from api.services.dispatcher import dispatch_due
from scripts.receiver import Receiver

NOW = dt.datetime(2021, 7, 15, 2, 0, tzinfo=dt.UTC)
APP_SECRET = "app-secret-for-tests"
AUTH_TOKEN = "twilio-auth-token-for-tests"
NUMBER = "6281234567890"
WEBHOOK = "/api/v1/channels/whatsapp/webhook"
SMS_INBOUND = "/api/v1/channels/sms/inbound"
GRAPH_REPLY = json.dumps(
    {
        "messaging_product": "whatsapp",
        "contacts": [{"input": NUMBER, "wa_id": NUMBER}],
        "messages": [{"id": "wamid.out"}],
    }
).encode()
TWILIO_REPLY = json.dumps(
    {"sid": "SM00000000000000000000000000000001", "status": "queued", "body": "", "to": "", "from": ""}
).encode()
_ids = itertools.count(1)


def signed(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Hub-Signature-256": f"sha256={digest}", "Content-Type": "application/json"}


def notification(message: dict[str, Any], number: str = NUMBER) -> dict[str, Any]:
    """A Cloud API messages notification carrying one message, as the webhooks reference documents it."""
    message = {"from": number, "id": f"wamid.in{next(_ids)}", "timestamp": "1626314400", **message}
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550001234", "phone_number_id": "1234567890"},
        "contacts": [{"profile": {"name": "Warga"}, "wa_id": number}],
        "messages": [message],
    }
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "WABA", "changes": [{"value": value, "field": "messages"}]}],
    }


def text(body: str) -> dict[str, Any]:
    return {"type": "text", "text": {"body": body}}


def button(reply_id: str, title: str = "") -> dict[str, Any]:
    return {
        "type": "interactive",
        "interactive": {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
    }


def location(lat: float, lon: float) -> dict[str, Any]:
    return {"type": "location", "location": {"latitude": lat, "longitude": lon}}


def post(client: FlaskClient, update: dict[str, Any]) -> Any:
    body = json.dumps(update).encode()
    reply = client.post(WEBHOOK, data=body, headers=signed(body))
    assert reply.status_code == 200, reply.get_data(as_text=True)
    return reply.get_json()


def send(client: FlaskClient, *messages: dict[str, Any], number: str = NUMBER) -> None:
    """The resident sends each message in turn; the channel job answers each."""
    for message in messages:
        post(client, notification(message, number))
        answer_waiting()


def sent(provider: Receiver) -> list[dict[str, Any]]:
    """What the Cloud API was asked to send, in order."""
    return [json.loads(r.body) for r in provider.received if r.path.endswith("/messages")]


def texts_sent(provider: Receiver) -> list[str]:
    """The text of each message sent (interactive ones: the body)."""
    found = []
    for body in sent(provider):
        if body.get("type") == "interactive":
            found.append(body["interactive"]["body"]["text"])
        elif body.get("type") == "text":
            found.append(body["text"]["body"])
        else:
            found.append(json.dumps(body))
    return found


def deliver() -> dict[str, int]:
    return dispatch_due()


def sms(client: FlaskClient, body: str, number: str = "+6281299990000", sid: str | None = None) -> Any:
    form = {"From": number, "To": "+15005550006", "Body": body, "MessageSid": sid or f"SM{next(_ids):032d}"}
    url = f"http://localhost{SMS_INBOUND}"
    signature = RequestValidator(AUTH_TOKEN).compute_signature(url, form)
    return client.post(SMS_INBOUND, data=form, headers={"X-Twilio-Signature": signature})


def sms_sent(provider: Receiver) -> list[dict[str, list[str]]]:
    return [parse_qs(r.body.decode()) for r in provider.received if r.path.endswith("/Messages.json")]
