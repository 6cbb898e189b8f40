"""DATA/EKSPOR/EXPORT: the number is told what is stored about it, in counts and dates, in its language."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from scripts.answers import self_screening_answers
from scripts.receiver import Receiver
from tests.channels.conversation import answer_questionnaire
from tests.channels.phone import NOW, deliver, send, text, texts_sent


def test_a_new_number_is_told_nothing_is_stored_but_since_when(client: FlaskClient, provider: Receiver) -> None:
    send(client, text("DATA"))
    deliver()
    assert texts_sent(provider) == [
        f"Data Anda yang tersimpan (sejak {NOW.date()}):\n- Skrining: 0\n- Isolasi mandiri: 0, laporan harian: 0\n"
        "- Panggilan darurat: 0\nKetik HAPUS untuk menghapus semuanya."
    ]


def test_after_a_screening_the_summary_names_its_date_and_result_in_english(
    app: Flask, client: FlaskClient, provider: Receiver
) -> None:
    app.config["CHANNEL_MESSAGES_PER_MINUTE"] = 1000
    number = "6281277770000"
    answer_questionnaire(client, number, self_screening_answers())
    send(client, text("english"), text("export"), number=number)
    deliver()
    told = texts_sent(provider)[-1]
    assert told.startswith(f"What is stored about you (since {NOW.date()}):\n- Screenings: 1 (last {NOW.date()}: ")
    assert "- Home isolation: 0, daily reports: 0\n- Emergency calls: 0\nType HAPUS to erase it all." in told
    assert number not in told


def test_ekspor_is_the_same_keyword_and_the_menu_names_it(client: FlaskClient, provider: Receiver) -> None:
    send(client, text("halo"), text("ekspor"))
    deliver()
    menu, summary = texts_sent(provider)
    assert "DATA untuk melihat data Anda yang tersimpan" in menu
    assert summary.startswith("Data Anda yang tersimpan")
