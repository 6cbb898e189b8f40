"""Submitting questionnaire responses over HTTP: results, storage, idempotency, validation."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

import api.json_body
import api.smorest
from api import json_body
from api.extensions import db
from api.models import IdempotencyRecord, ScreeningResponse
from scripts.answers import risk_answers, self_screening_answers
from tests.factories import device_headers, submit


def stored_responses() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(ScreeningResponse)) or 0


def test_a_suspect_gets_201_with_category_advice_and_version(client: FlaskClient) -> None:
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True, age=64)
    reply = submit(client, answers=answers, region="13.71", lang="en")
    assert reply.status_code == 201
    body = reply.get_json()
    assert set(body) >= {"id", "questionnaire", "version", "result", "created_at"}
    assert (body["questionnaire"], body["version"], body["region"]) == ("self-screening", "2020.07.3", "13.71")
    result = body["result"]
    assert (result["category"], result["urgent"]) == ("suspect", True)
    assert result["title"] == "You meet the definition of a suspected COVID-19 case"
    assert result["next_steps"]
    assert result["hotlines"]


def test_the_response_is_stored_with_answers_result_region_and_device(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: dt.datetime(2020, 3, 1, 3, 0, tzinfo=dt.UTC)
    headers = device_headers()
    body = submit(
        client,
        headers=headers,
        answers=self_screening_answers(contact_with_case=True, last_contact_date="2020-01-01"),
        region="13.06",
    ).get_json()
    row = db.session.get(ScreeningResponse, uuid.UUID(body["id"]))
    assert row is not None
    assert (row.category, row.region_code, row.questionnaire_version) == ("low_risk", "13.06", "2020.07.3")
    assert row.device_id is not None
    assert row.answers["last_contact_date"] == "2020-01-01"


def test_risk_tests_return_their_score(client: FlaskClient) -> None:
    reply = submit(client, "risk-personal", answers=risk_answers("risk-personal", 8))
    assert reply.status_code == 201
    result = reply.get_json()["result"]
    assert (result["score"], result["max_score"], result["category"]) == (8, 21, "medium")


def test_indonesian_is_the_default_and_accept_language_chooses_english(client: FlaskClient) -> None:
    assert submit(client).get_json()["result"]["title"] == "Risiko rendah"
    english = client.post(
        "/api/v1/questionnaires/self-screening/responses",
        json={"answers": self_screening_answers()},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    )
    assert english.get_json()["result"]["title"] == "Low risk"


def test_the_body_is_parsed_once_for_its_fields_and_its_language(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[object] = []
    parse = json_body.parse_body

    def counting(text: str | bytes) -> object:
        parsed.append(text)
        return parse(text)

    monkeypatch.setattr(api.smorest, "parse_body", counting)
    monkeypatch.setattr(api.json_body, "parse_body", counting)
    for lang, title in ((None, "Risiko rendah"), ("en", "Low risk")):
        body = {"answers": self_screening_answers(), **({"lang": lang} if lang else {})}
        parsed.clear()
        reply = client.post("/api/v1/questionnaires/self-screening/responses", json=body)
        # Once, where the language was looked for in a body without one by parsing it again.
        assert len(parsed) == 1
        assert reply.status_code == 201
        assert reply.get_json()["result"]["title"] == title


def test_a_retry_with_the_same_idempotency_key_returns_the_first_response_and_stores_once(client: FlaskClient) -> None:
    headers = {**device_headers(), "Idempotency-Key": "8b0b7c1e-retry"}
    first = submit(client, headers=headers, region="13.71")
    second = submit(client, headers=headers, region="13.71")
    assert first.status_code == second.status_code == 201
    assert first.get_json() == second.get_json()
    assert second.headers["Idempotent-Replayed"] == "true"
    assert stored_responses() == 1


def test_the_same_key_from_another_device_is_a_different_request(client: FlaskClient) -> None:
    submit(client, headers={**device_headers(), "Idempotency-Key": "k1"})
    submit(client, headers={**device_headers(), "Idempotency-Key": "k1"})
    assert stored_responses() == 2


def test_reusing_a_key_for_a_different_body_is_refused(client: FlaskClient) -> None:
    headers = {**device_headers(), "Idempotency-Key": "k2"}
    submit(client, headers=headers, region="13.71")
    reply = submit(client, headers=headers, region="13.72", lang="en")
    assert reply.status_code == 422
    assert "different body" in reply.get_json()["message"]
    assert stored_responses() == 1


def test_anonymous_keys_are_bound_to_their_body_and_questionnaire_not_to_the_address(client: FlaskClient) -> None:
    key = {"Idempotency-Key": "same-key", "Accept-Language": "en"}

    def from_address(address: str, questionnaire: str = "self-screening", **answers: bool) -> Any:
        body = self_screening_answers(**answers) if questionnaire == "self-screening" else risk_answers(questionnaire)
        return client.post(
            f"/api/v1/questionnaires/{questionnaire}/responses",
            json={"answers": body},
            headers=key,
            environ_base={"REMOTE_ADDR": address},
        )

    first = from_address("10.0.0.1")
    assert first.status_code == 201
    # The same phone retrying after it moved from wifi to mobile data: the first reply, nothing stored twice.
    moved = from_address("10.0.0.2")
    assert (moved.status_code, moved.headers.get("Idempotent-Replayed")) == (201, "true")
    assert moved.get_json()["id"] == first.get_json()["id"]
    # Another resident behind the same address, with the same key and other answers: refused, never given the
    # first resident's result.
    other = from_address("10.0.0.1", fever=True)
    assert other.status_code == 422
    assert "different body" in other.get_json()["message"]
    assert "id" not in other.get_json()
    risk = from_address("10.0.0.1", questionnaire="risk-personal")
    assert risk.status_code == 201
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ScreeningResponse)) == 2


def test_an_overlong_idempotency_key_is_refused(client: FlaskClient) -> None:
    reply = submit(client, headers={"Idempotency-Key": "x" * 201})
    assert reply.status_code == 422
    assert "Idempotency-Key" in reply.get_json()["errors"]["headers"]
    assert stored_responses() == 0


def test_bad_answers_get_422_per_key_and_store_nothing(client: FlaskClient) -> None:
    answers = self_screening_answers(spo2=120, fever="ya", favourite_colour="red", last_contact_date="2020/01/01")
    reply = client.post(
        "/api/v1/questionnaires/self-screening/responses", json={"answers": answers}, headers={"Accept-Language": "en"}
    )
    assert reply.status_code == 422
    errors = reply.get_json()["errors"]["json"]["answers"]
    assert set(errors) == {"spo2", "fever", "favourite_colour", "last_contact_date"}
    assert errors["spo2"] == ["The value must be between 50 and 100."]
    assert stored_responses() == 0


def test_messages_are_indonesian_by_default(client: FlaskClient) -> None:
    reply = submit(client, answers=self_screening_answers(spo2=120))
    assert reply.get_json()["errors"]["json"]["answers"]["spo2"] == ["Nilai harus antara 50 dan 100."]
    assert reply.get_json()["message"].startswith("Isian tidak valid")


def test_an_unknown_region_is_refused(client: FlaskClient) -> None:
    reply = submit(client, region="13.99")
    assert reply.status_code == 422
    assert "region" in reply.get_json()["errors"]["json"]
    assert stored_responses() == 0


def test_bodies_that_are_not_json_objects_get_422_and_bodies_that_are_not_json_400(client: FlaskClient) -> None:
    url = "/api/v1/questionnaires/self-screening/responses"
    for body in (b"[1, 2]", b'"text"', b"", b"null"):
        reply = client.post(url, data=body, content_type="application/json")
        assert reply.status_code == 422, body
        assert reply.get_json()["code"] == 422
    unreadable = client.post(url, data=b"{not json", content_type="application/json")
    assert (unreadable.status_code, unreadable.get_json()["status"]) == (400, 400)
    assert client.post(url, json={"answers": [True]}).status_code == 422
    assert client.post(url, json={"answers": {}, "extra": 1}).status_code == 422
    assert client.post(url, data="answers=1", content_type="application/x-www-form-urlencoded").status_code == 422
    assert stored_responses() == 0


def test_unknown_questionnaire_is_404(client: FlaskClient) -> None:
    reply = client.post("/api/v1/questionnaires/horoscope/responses", json={"answers": {}})
    assert reply.status_code == 404
    assert client.get("/api/v1/questionnaires/horoscope").status_code == 404


def test_bodies_over_64_kib_get_413(client: FlaskClient) -> None:
    padding = "x" * (64 * 1024)
    reply = client.post("/api/v1/questionnaires/self-screening/responses", json={"answers": {"note": padding}})
    assert reply.status_code == 413
    assert reply.get_json()["code"] == 413
    assert stored_responses() == 0


def test_a_device_reads_its_own_response_and_another_device_gets_404(client: FlaskClient) -> None:
    owner, stranger = device_headers(), device_headers()
    response_id = submit(client, headers=owner).get_json()["id"]
    url = f"/api/v1/questionnaires/self-screening/responses/{response_id}"
    assert client.get(url, headers=owner).status_code == 200
    assert client.get(url, headers=stranger).status_code == 404
    assert client.get(url).status_code == 401
    assert client.get(f"/api/v1/questionnaires/risk-personal/responses/{response_id}", headers=owner).status_code == 404


def test_an_invalid_device_token_is_refused_rather_than_treated_as_anonymous(client: FlaskClient) -> None:
    reply = submit(client, headers={"Authorization": "Bearer sdv_forged"})
    assert reply.status_code == 401
    assert stored_responses() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IdempotencyRecord)) == 0


def test_questionnaires_are_listed_and_served_in_the_requested_language(client: FlaskClient) -> None:
    listing = client.get("/api/v1/questionnaires?lang=en").get_json()
    assert [q["id"] for q in listing] == ["self-screening", "risk-workplace", "risk-personal"]
    detail = client.get("/api/v1/questionnaires/risk-personal", headers={"Accept-Language": "en"}).get_json()
    assert detail["questions"][0]["text"] == "I go out of the house"
    assert detail["questions"][0]["section_title"].startswith("A.")
    indonesian = client.get("/api/v1/questionnaires/risk-personal").get_json()
    assert indonesian["questions"][0]["text"] == "Saya pergi keluar rumah"
    assert client.get("/api/v1/questionnaires?lang=fr").status_code == 422


def test_definitions_give_every_section_a_title_and_say_when_to_ask_a_question(client: FlaskClient) -> None:
    for questionnaire in ("self-screening", "risk-workplace", "risk-personal"):
        for lang in ("id", "en"):
            questions = client.get(f"/api/v1/questionnaires/{questionnaire}?lang={lang}").get_json()["questions"]
            assert all(q["section_title"] for q in questions)
    questions = {q["key"]: q for q in client.get("/api/v1/questionnaires/self-screening").get_json()["questions"]}
    assert questions["last_contact_date"]["show_if"] == {"any": [{"question": "contact_with_case", "equals": True}]}
    assert questions["last_contact_date"]["max_days_ago"] == 365
    assert {c["question"] for c in questions["symptom_onset_date"]["show_if"]["any"]} >= {"fever", "cough"}
    assert questions["fever"]["show_if"] is None


def test_units_and_checklist_labels_are_in_the_language_of_the_form(client: FlaskClient) -> None:
    def questions(lang: str) -> dict[str, dict[str, object]]:
        reply = client.get(f"/api/v1/questionnaires/self-screening?lang={lang}").get_json()
        return {q["key"]: q for q in reply["questions"]}

    indonesian, english = questions("id"), questions("en")
    assert (indonesian["age"]["unit"], english["age"]["unit"]) == ("tahun", "years")
    assert (indonesian["respiratory_rate"]["unit"], english["respiratory_rate"]["unit"]) == ("/menit", "/min")
    assert indonesian["temperature_c"]["unit"] == english["temperature_c"]["unit"] == "°C"
    assert (indonesian["cough"]["checklist"], indonesian["cough"]["label"], english["cough"]["label"]) == (
        "symptoms",
        "Batuk",
        "Cough",
    )
    assert (indonesian["contact_with_case"]["checklist"], indonesian["contact_with_case"]["label"]) == (None, None)


def test_an_answer_to_a_question_not_asked_is_refused_with_its_reason(client: FlaskClient) -> None:
    answers = self_screening_answers(contact_with_case=False, last_contact_date="2021-07-01")
    reply = submit(client, answers=answers, headers={"Accept-Language": "en"})
    assert reply.status_code == 422
    assert "contact_with_case" in reply.get_json()["errors"]["json"]["answers"]["last_contact_date"][0]


def test_results_carry_their_reasons_as_sentences(client: FlaskClient) -> None:
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True, age=70)
    result = submit(client, answers=answers, headers={"Accept-Language": "en"}).get_json()["result"]
    assert result["reasons"] == ["respiratory_sign_with_contact", "age_60_or_over"]
    assert result["reason_texts"] == [
        "Fever or a respiratory symptom after contact with a COVID-19 case.",
        "Aged 60 or over.",
    ]


def test_a_result_carries_its_regions_situation_and_none_without_a_region(client: FlaskClient) -> None:
    answers = self_screening_answers(fever=True)
    placed = submit(client, answers=answers, region="13.71", lang="en").get_json()["result"]["region_situation"]
    # No case figures were loaded: the sentence says so instead of inventing a level.
    assert placed == {
        "region": "13.71",
        "name": "Kota Padang",
        "week_end": None,
        "transmission_level": None,
        "cases_7day_per_100k": None,
        "demo": False,
        "text": "Kota Padang: no case figures yet.",
    }
    assert submit(client, answers=answers, lang="en").get_json()["result"]["region_situation"] is None
    # With no level known, the advice stays the questionnaire's own.
    advice = {
        submit(client, answers=answers, region=region, lang="en").get_json()["result"]["advice"]
        for region in ("13.71", None)
    }
    assert len(advice) == 1
