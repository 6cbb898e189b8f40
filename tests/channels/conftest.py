"""Channel tests run against the app on a real database, with local receivers standing for the providers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from flask import Flask

from scripts.receiver import Receiver
from tests.channels.phone import APP_SECRET, AUTH_TOKEN, GRAPH_REPLY, NOW, TWILIO_REPLY
from tests.database import app, client, database_url, quick_password_hashing, runner

__all__ = ["app", "client", "database_url", "quick_password_hashing", "runner"]


@pytest.fixture
def provider(app: Flask) -> Iterator[Receiver]:
    """The Cloud API and Twilio's Messaging API, both on one local receiver that answers as they do."""
    with Receiver(
        reply=lambda _r: (200, {}), content=lambda r: TWILIO_REPLY if "Accounts" in r.path else GRAPH_REPLY
    ) as receiver:
        app.config.update(
            CLOCK=lambda: NOW,
            WHATSAPP_API_URL=f"{receiver.url}/v22.0",
            WHATSAPP_PHONE_NUMBER_ID="1234567890",
            WHATSAPP_TOKEN="test-access-token",
            WHATSAPP_VERIFY_TOKEN="verify-me",
            WHATSAPP_APP_SECRET=APP_SECRET,
            SMS_API_URL=receiver.url,
            SMS_ACCOUNT_SID="AC00000000000000000000000000000000",
            SMS_AUTH_TOKEN=AUTH_TOKEN,
            SMS_FROM="+15005550006",
        )
        yield receiver


def at(app: Flask, moment: dt.datetime) -> None:
    app.config["CLOCK"] = lambda: moment
