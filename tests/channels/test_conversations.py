"""Whole conversations through the WhatsApp webhook: the same results as the API, check-ins, the panic button,
stop, erasure, and a provider that is down for a while."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import Alert, ChannelContact, ChannelMessage, Device, Notification, ScreeningResponse
from api.services import privacy
from scripts.answers import risk_answers, self_screening_answers
from scripts.receiver import Receiver
from tests.channels.conftest import at
from tests.channels.conversation import answer_questionnaire, contact
from tests.channels.phone import NOW, button, deliver, location, send, sent, text, texts_sent
from tests.factories import staff_headers
from tests.screening import test_self_screening


def _held_out(test: Any) -> list[Any]:
    """The cases of a parametrized test in tests/screening/test_self_screening.py."""
    cases: list[Any] = test.pytestmark[0].args[1]
    return cases


# The answer sets the self-screening tests hold out, each with the category the rules must give.
HELD_OUT = [
    *(
        (self_screening_answers(**answers), category)
        for answers, category in _held_out(
            test_self_screening.test_category_follows_the_case_definitions_in_order_of_precedence
        )
    ),
    *(
        (self_screening_answers(spo2=spo2), category)
        for spo2, category in _held_out(test_self_screening.test_spo2_below_90_alone_is_an_emergency)
    ),
    *(
        (self_screening_answers(respiratory_rate=rate), category)
        for rate, category in _held_out(test_self_screening.test_respiratory_rate_above_30_is_an_emergency)
    ),
]


def api_category(client: FlaskClient, questionnaire: str, answers: dict[str, Any]) -> str:
    reply = client.post(f"/api/v1/questionnaires/{questionnaire}/responses", json={"answers": answers})
    assert reply.status_code == 201, reply.get_json()
    category: str = reply.get_json()["result"]["category"]
    return category


def whatsapp_response(number: str) -> ScreeningResponse:
    device_id = contact(number).device_id
    found = db.session.scalar(sa.select(ScreeningResponse).where(ScreeningResponse.device_id == device_id))
    assert found is not None
    return found


def test_every_held_out_answer_set_gives_the_api_category_through_whatsapp(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    assert len(HELD_OUT) == 21
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 1000  # one resident answering at machine speed
    for index, (answers, category) in enumerate(HELD_OUT):
        number = f"62812000{index:05d}"
        answer_questionnaire(client, number, answers)
        stored = whatsapp_response(number)
        assert (stored.category, index) == (category, index)
        assert stored.category == api_category(client, "self-screening", answers)
        assert stored.answers == {k: v for k, v in answers.items() if v is not None}
    deliver()
    results = [t for t in texts_sent(provider) if "Nomor penting" in t]
    assert len(results) == len(HELD_OUT)
    assert all("119" in t for t in results)


@pytest.mark.parametrize(("questionnaire", "yes"), [("risk-workplace", 3), ("risk-personal", 12)])
def test_the_risk_tests_give_the_api_result(
    app: Flask, client: FlaskClient, provider: Receiver, questionnaire: str, yes: int
) -> None:
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 1000
    answers = risk_answers(questionnaire, yes)
    answer_questionnaire(client, "6281211110000", answers, keyword="risiko", pick=questionnaire)
    stored = whatsapp_response("6281211110000")
    assert stored.questionnaire_id == questionnaire
    assert stored.category == api_category(client, questionnaire, answers)
    assert stored.score == yes if questionnaire == "risk-workplace" else stored.score is not None


def start_isolation(client: FlaskClient, number: str) -> None:
    """A suspect's screening, then isolation monitoring started from its result in Kota Padang."""
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    answer_questionnaire(client, number, answers)
    send(client, button("isolate"), text("Padang"), number=number)


def test_a_check_in_with_spo2_88_opens_a_monitoring_alert(app: Flask, client: FlaskClient, provider: Receiver) -> None:
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 1000
    start_isolation(client, "6281222220000")
    send(client, text("LAPOR"), text("37,9"), text("88"), text("2"), text("0"), number="6281222220000")
    [alert] = db.session.scalars(sa.select(Alert))
    assert alert.type == "monitoring"
    assert alert.region_code == "13.71"
    assert alert.phone == "+6281222220000"
    deliver()
    last = texts_sent(provider)[-1]
    assert "Petugas Satgas sudah diberi tahu" in last
    assert "119" in last


def test_tolong_with_a_shared_location_opens_an_alert_routed_there_and_tells_of_the_claim(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    number = "6281233330000"
    send(client, text("english"), text("TOLONG"), button("breathing"), location(-0.9471, 100.4172), number=number)
    [alert] = db.session.scalars(sa.select(Alert))
    assert (alert.type, alert.category, alert.phone) == ("panic", "breathing", f"+{number}")
    assert alert.region_code == "13.71"  # the fix lies in Kota Padang
    assert alert.routed_by != "none"
    officer = staff_headers("satgas_kabkota", "13.71")
    card = client.get(f"/api/v1/alerts/{alert.id}", headers=officer).get_json()
    assert card["channel"] == "whatsapp"
    assert card["phone"] == f"+{number}"
    assert card["whatsapp_url"] == f"https://wa.me/{number}"
    reply = client.post(f"/api/v1/alerts/{alert.id}/claim", json={}, headers=officer)
    assert reply.status_code == 200, reply.get_json()
    deliver()
    assert texts_sent(provider)[-1] == "An officer took your call."


def test_berhenti_stops_everything(app: Flask, client: FlaskClient, provider: Receiver) -> None:
    number = "6281244440000"
    send(client, text("tolong"), button("medical"), button("no_location"), text("BERHENTI"), number=number)
    [alert] = db.session.scalars(sa.select(Alert))
    client.post(f"/api/v1/alerts/{alert.id}/claim", json={}, headers=staff_headers())
    send(client, text("skrining"), text("menu"), number=number)
    deliver()
    told = texts_sent(provider)
    assert told[-1].startswith("Anda tidak akan menerima pesan lagi")
    assert not any("Petugas menerima" in t for t in told)
    assert (
        db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(Notification.status == "queued"))
        == 0
    )
    send(client, text("MULAI"), number=number)
    deliver()
    assert "Selamat datang kembali" in texts_sent(provider)[-2]


def test_hapus_erases_the_number_like_a_device(app: Flask, client: FlaskClient, provider: Receiver) -> None:
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 1000
    number = "6281255550000"
    answer_questionnaire(client, number, self_screening_answers())
    device_id = contact(number).device_id
    send(client, text("HAPUS"), button("erase"), number=number)
    assert db.session.get(Device, device_id) is None
    assert db.session.scalar(sa.select(ChannelContact).where(ChannelContact.address == number)) is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ChannelMessage)) == 0
    assert db.session.scalar(sa.select(ScreeningResponse.device_id)) is None
    deliver()
    assert texts_sent(provider)[-1] == "Data Anda sudah dihapus."
    assert sent(provider)[-1]["to"] == number


def test_the_provider_down_for_a_minute_loses_nothing(app: Flask, client: FlaskClient, provider: Receiver) -> None:
    provider.down()
    send(client, text("halo"), text("skrining"))
    # Only the first reply is tried: the others wait behind it, whatever their retry times would be.
    assert deliver() == {"sent": 0, "retry": 1, "dead": 0}
    for seconds in range(5, 65, 5):
        at(app, NOW + dt.timedelta(seconds=seconds))
        assert deliver()["sent"] == 0
    provider.up()
    for seconds in range(65, 300, 5):
        at(app, NOW + dt.timedelta(seconds=seconds))
        deliver()
    # The menu, the questionnaire's title, its first question: nothing lost, and in the order they were written.
    told = texts_sent(provider)
    assert len(told) == 3
    assert "Pilih layanan" in told[0]
    assert told[1] == "Periksa Mandiri COVID-19"
    assert told[2].startswith("(Pertanyaan 1 dari 26)")
    assert {row.status for row in db.session.scalars(sa.select(Notification))} == {"sent"}


def test_a_number_writing_too_fast_is_told_once_to_slow_down(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 3
    send(client, *[text("menu")] * 6)
    deliver()
    told = texts_sent(provider)
    assert len(told) == 4
    assert told[-1].startswith("Terlalu banyak pesan")


def test_an_unfinished_conversation_forgets_its_answers_a_day_later(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    number = "6281266660000"
    send(client, text("english"), text("skrining"), button("yes"), number=number)
    assert contact(number).state["answers"] == {"fever": True}
    assert privacy.purge(NOW + dt.timedelta(hours=23))["conversations"] == 0
    assert privacy.purge(NOW + dt.timedelta(hours=25))["conversations"] == 1
    assert contact(number).state == {"lang": "en"}


def test_a_number_may_open_only_so_many_conversations_an_hour(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    app.config.update(CHANNEL_CONVERSATIONS_PER_HOUR=2, CHANNEL_IDLE_MINUTES=10)
    for minutes in (0, 11, 22, 61):  # each after a silence that ended the one before; the last in the next hour
        at(app, NOW + dt.timedelta(minutes=minutes))
        send(client, text("menu"))
    deliver()
    told = texts_sent(provider)
    assert ["Pilih layanan" in t for t in told] == [True, True, False, True]
    assert told[2].startswith("Terlalu banyak pesan")
