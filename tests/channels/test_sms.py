"""SMS through Twilio: signed inbound form posts, the same conversation as plain text with numbered answers."""

from __future__ import annotations

import sqlalchemy as sa
from flask.testing import FlaskClient

from api.extensions import db
from api.models import ChannelContact, ChannelMessage, ScreeningResponse
from api.services.channel_inbound import answer_waiting
from scripts.receiver import Receiver
from tests.channels.phone import SMS_INBOUND, deliver, sms, sms_sent


def test_an_unsigned_or_forged_sms_is_refused_and_stores_nothing(client: FlaskClient, provider: Receiver) -> None:
    form = {"From": "+6281299990000", "To": "+15005550006", "Body": "halo", "MessageSid": "SM1"}
    assert client.post(SMS_INBOUND, data=form).status_code == 401
    assert client.post(SMS_INBOUND, data=form, headers={"X-Twilio-Signature": "bm90IGl0"}).status_code == 401
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ChannelMessage)) == 0


def test_the_menu_comes_back_as_numbered_lines_through_the_messaging_api(
    client: FlaskClient, provider: Receiver
) -> None:
    reply = sms(client, "halo")
    assert reply.status_code == 200
    assert reply.mimetype == "text/xml"
    answer_waiting()
    deliver()
    [message] = sms_sent(provider)
    request = next(r for r in provider.received if r.path.endswith("/Messages.json"))
    assert request.path == "/2010-04-01/Accounts/AC00000000000000000000000000000000/Messages.json"
    assert request.headers["authorization"].startswith("Basic ")
    assert message["To"] == ["+6281299990000"]
    assert message["From"] == ["+15005550006"]
    assert "\n1. SKRINING gejala\n2. RISIKO tes risiko\n" in message["Body"][0]


def test_numbered_answers_run_the_self_screening(client: FlaskClient, provider: Receiver) -> None:
    for body in ["skrining", *["2"] * 17, "-", "-", "-", "2", "2", "-", "-", "0"]:
        assert sms(client, body).status_code == 200
        answer_waiting()
    contact = db.session.scalar(sa.select(ChannelContact).where(ChannelContact.channel == "sms"))
    assert contact is not None
    stored = db.session.scalar(sa.select(ScreeningResponse).where(ScreeningResponse.device_id == contact.device_id))
    assert stored is not None
    assert stored.category == "low_risk"
    deliver()
    assert "Nomor penting" in sms_sent(provider)[-1]["Body"][0]


def test_a_repeated_message_sid_is_handled_once(client: FlaskClient, provider: Receiver) -> None:
    sms(client, "halo", sid="SM0000000000000000000000000000dupe")
    sms(client, "halo", sid="SM0000000000000000000000000000dupe")
    answer_waiting()
    deliver()
    assert len(sms_sent(provider)) == 1
