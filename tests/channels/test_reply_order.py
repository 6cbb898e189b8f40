"""A conversation's replies reach the number in the order they were written: after a retry, and with two
dispatchers at once."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections import defaultdict
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from api.extensions import db
from api.models import Notification
from api.services.channel_contacts import find_or_create, queue_replies
from api.services.dispatcher import dispatch_due
from api.services.outbox import enqueue
from api.transactions import unit_of_work
from screening.conversation.model import Reply
from scripts.receiver import Received, Receiver
from tests.channels.conftest import at
from tests.channels.phone import GRAPH_REPLY, NOW, deliver, send, text, texts_sent
from tests.database import dispatch_at_once


def test_a_later_reply_waits_while_an_earlier_one_waits_for_its_retry(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    failures = iter([503])
    provider.reply = lambda _request: (next(failures, 200), {})
    send(client, text("halo"), text("skrining"))
    assert deliver() == {"sent": 0, "retry": 1, "dead": 0}
    assert len(texts_sent(provider)) == 1  # the menu, refused; the title and first question not tried
    assert deliver() == {"sent": 0, "retry": 0, "dead": 0}  # still nothing due before the menu's retry
    at(app, NOW + dt.timedelta(minutes=10))
    assert deliver() == {"sent": 3, "retry": 0, "dead": 0}  # the menu, then what it was holding back, in one run
    told = texts_sent(provider)
    assert len(told) == 4
    assert "Pilih layanan" in told[0]
    assert told[1] == told[0]  # refused, then sent
    assert told[2] == "Periksa Mandiri COVID-19"
    assert told[3].startswith("(Pertanyaan 1 dari 26)")


def test_other_channels_do_not_wait_on_one_another(app: Flask, provider: Receiver) -> None:
    failures = iter([503])
    provider.reply = lambda _request: (next(failures, 201), {})
    app.config.update(NOTIFIERS="webhook", NOTIFY_WEBHOOK_URL=provider.url)
    with unit_of_work():
        for _ in range(3):
            enqueue("alert_created", {"alert": "x"}, channel="webhook", recipient="ops")
    assert dispatch_due() == {"sent": 2, "retry": 1, "dead": 0}  # the first waits for its retry, not the others


@pytest.fixture
def dispatchers(app: Flask, database_url: str, provider: Receiver) -> Iterator[list[Flask]]:
    """Two more apps on the test database, each standing for a dispatcher in its own process."""
    config = {key: app.config[key] for key in app.config if key.startswith(("WHATSAPP_", "SMS_"))}
    config.update(TESTING=True, DATABASE_URL=database_url, NOTIFY_BATCH=5, CLOCK=lambda: NOW)
    apps = [create_app(config) for _ in range(2)]
    yield apps
    for other in apps:
        with other.app_context():
            db.engine.dispose()


def test_two_dispatchers_never_send_two_replies_to_one_number_at_once(
    app: Flask, provider: Receiver, dispatchers: list[Flask]
) -> None:
    lock = threading.Lock()
    in_flight: dict[str, int] = defaultdict(int)
    overlaps: list[str] = []
    order: dict[str, list[str]] = defaultdict(list)

    def reply(request: Received) -> tuple[int, dict[str, str]]:
        body = json.loads(request.body)
        with lock:
            in_flight[body["to"]] += 1
            if in_flight[body["to"]] > 1:
                overlaps.append(body["to"])
            order[body["to"]].append(body["text"]["body"])
        threading.Event().wait(0.01)  # let the other dispatcher claim while this one sends
        with lock:
            in_flight[body["to"]] -= 1
        return 200, {}

    provider.reply = reply
    provider.content = lambda _request: GRAPH_REPLY
    numbers = [f"62812000000{n:02d}" for n in range(3)]
    with unit_of_work():
        contacts = [find_or_create("whatsapp", number, NOW) for number in numbers]
        for turn in range(8):
            for contact in contacts:
                queue_replies(contact, [Reply(f"{turn}a"), Reply(f"{turn}b")], "id")
    sent = dispatch_at_once(dispatchers)
    assert sum(sent) == 48
    assert overlaps == []
    written = [f"{turn}{part}" for turn in range(8) for part in "ab"]
    assert {number: order[number] for number in numbers} == dict.fromkeys(numbers, written)
    statuses = db.session.scalars(sa.select(Notification.status).execution_options(populate_existing=True))
    assert set(statuses) == {"sent"}
