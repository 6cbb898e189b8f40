"""The WhatsApp webhook: the verification handshake, signatures, repeats, receipts, replies through the outbox."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import Alert, ChannelContact, ChannelMessage, Notification
from api.services.channel_inbound import answer_waiting
from scripts.receiver import Receiver
from tests.channels.conftest import at
from tests.channels.phone import NOW, WEBHOOK, button, deliver, notification, post, send, sent, signed, text, texts_sent
from tests.factories import staff_headers


def count(model: type) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model)) or 0


def test_the_handshake_echoes_the_challenge_only_for_our_verify_token(client: FlaskClient, provider: Receiver) -> None:
    query = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "1158201444"}
    reply = client.get(WEBHOOK, query_string=query)
    assert reply.status_code == 200
    assert reply.get_data(as_text=True) == "1158201444"
    assert client.get(WEBHOOK, query_string={**query, "hub.verify_token": "guess"}).status_code == 403
    assert client.get(WEBHOOK, query_string={**query, "hub.mode": "unsubscribe"}).status_code == 403


def test_a_bad_signature_is_refused_and_stores_nothing(client: FlaskClient, provider: Receiver) -> None:
    body = json.dumps(notification(text("halo"))).encode()
    for headers in (signed(body, "another-secret"), {"Content-Type": "application/json"}, signed(body + b" ")):
        reply = client.post(
            WEBHOOK,
            data=body if headers.get("X-Hub-Signature-256") != signed(body + b" ")["X-Hub-Signature-256"] else body,
            headers=headers,
        )
        assert reply.status_code == 401
    assert count(ChannelMessage) == 0
    assert count(ChannelContact) == 0


def test_a_message_is_stored_and_answered_with_the_menu_through_the_outbox(
    client: FlaskClient, provider: Receiver
) -> None:
    assert post(client, notification(text("halo"))) == {"messages": 1, "statuses": 0}
    assert sent(provider) == []  # the webhook answered before any work
    answer_waiting()
    deliver()
    [menu] = sent(provider)
    assert provider.received[0].path == "/v22.0/1234567890/messages"
    assert provider.received[0].headers["authorization"] == "Bearer test-access-token"
    assert menu["to"] == "6281234567890"
    assert menu["type"] == "interactive"
    assert menu["interactive"]["type"] == "list"  # five services: a list, not buttons
    assert "Pilih layanan" in menu["interactive"]["body"]["text"]


def test_a_repeated_delivery_is_handled_once(client: FlaskClient, provider: Receiver) -> None:
    update = notification(text("halo"))
    assert post(client, update)["messages"] == 1
    assert post(client, update)["messages"] == 0
    answer_waiting()
    deliver()
    assert len(sent(provider)) == 1
    assert count(ChannelMessage) == 1


def test_yes_no_questions_are_buttons_and_answers_come_back_as_their_ids(
    client: FlaskClient, provider: Receiver
) -> None:
    send(client, text("skrining"), button("yes", "Ya"))
    deliver()
    *_, first, second = sent(provider)
    assert [b["reply"]["id"] for b in first["interactive"]["action"]["buttons"]] == ["yes", "no"]
    assert "batuk" in second["interactive"]["body"]["text"]
    contact = db.session.scalar(sa.select(ChannelContact))
    assert contact is not None
    assert contact.state["answers"] == {"fever": True}


def test_delivery_and_read_receipts_are_recorded_on_the_outbox_row(client: FlaskClient, provider: Receiver) -> None:
    send(client, text("halo"))
    deliver()
    row = db.session.scalar(sa.select(Notification))
    assert row is not None
    assert row.provider_message_id == "wamid.out"
    assert "text" not in row.payload  # what the resident was told is not kept once delivered
    statuses = [
        {"id": "wamid.out", "status": "delivered", "timestamp": "1626314460", "recipient_id": "6281234567890"},
        {"id": "wamid.out", "status": "read", "timestamp": "1626314520", "recipient_id": "6281234567890"},
    ]
    update = notification(text("x"))
    value = update["entry"][0]["changes"][0]["value"]
    value.pop("messages")
    value["statuses"] = statuses
    assert post(client, update) == {"messages": 0, "statuses": 2}
    db.session.refresh(row)
    assert row.delivered_at is not None
    assert row.read_at is not None
    assert row.read_at > row.delivered_at


def test_an_unreadable_kind_of_message_gets_a_short_help(client: FlaskClient, provider: Receiver) -> None:
    send(client, {"type": "sticker", "sticker": {"id": "1", "mime_type": "image/webp"}})
    deliver()
    assert "tidak bisa dibaca" in texts_sent(provider)[0]


def test_outside_the_24_hour_window_an_update_goes_as_the_approved_template(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    send(client, text("tolong"), button("medical"), button("no_location"))
    deliver()
    alert_id = db.session.scalar(sa.select(Alert.id))
    app.config["WHATSAPP_TEMPLATE_STATUS"] = "status_update"
    at(app, NOW + dt.timedelta(hours=25))
    officer = staff_headers("satgas_provinsi")
    assert client.post(f"/api/v1/alerts/{alert_id}/claim", json={}, headers=officer).status_code == 200
    deliver()
    template = sent(provider)[-1]
    assert template["type"] == "template"
    assert template["template"]["name"] == "status_update"
    assert template["template"]["language"]["code"] == "id"
    assert template["template"]["components"][0]["parameters"][0]["text"] == "Petugas menerima panggilan Anda."


def test_outside_the_window_without_a_template_nothing_is_sent(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    send(client, text("tolong"), button("medical"), button("no_location"))
    deliver()
    before = len(sent(provider))
    alert_id = db.session.scalar(sa.select(Alert.id))
    at(app, NOW + dt.timedelta(hours=25))
    client.post(f"/api/v1/alerts/{alert_id}/claim", json={}, headers=staff_headers("satgas_provinsi"))
    deliver()
    assert len(sent(provider)) == before
    row = db.session.scalar(
        sa.select(Notification).where(Notification.kind == "alert_claimed", Notification.channel == "whatsapp")
    )
    assert row is not None
    assert row.status == "dead"


@pytest.mark.parametrize(
    "update",
    [
        {"object": "whatsapp_business_account", "entry": "not a list"},
        {
            "object": "whatsapp_business_account",
            "entry": [{"changes": [{"field": "messages", "value": {"messages": 3}}]}],
        },
        {"object": "whatsapp_business_account", "entry": [{"changes": ["x", {"field": "messages", "value": []}]}]},
        notification({"type": "text", "text": "not an object"}),
        notification({"type": "location", "location": {"latitude": 999, "longitude": "x"}}),
        {"object": "page"},
    ],
)
def test_an_unexpected_shape_is_answered_without_failing(
    client: FlaskClient, provider: Receiver, update: dict[str, object]
) -> None:
    post(client, update)
    answer_waiting()
    deliver()
    assert all("tidak bisa dibaca" in t or "Pilih layanan" in t for t in texts_sent(provider))


def test_a_signed_body_that_is_not_json_is_a_400(client: FlaskClient, provider: Receiver) -> None:
    assert client.post(WEBHOOK, data=b"{not json", headers=signed(b"{not json")).status_code == 400
