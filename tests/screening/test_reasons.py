"""Every reason code the rules produce reads as a sentence in both languages."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from screening.isolation import DANGER_SIGNS, SYMPTOMS, Reading, triage
from screening.questionnaire import get_questionnaire
from screening.reasons import reason_text
from screening.self_screening import classify_self_screening
from scripts.answers import risk_answers, self_screening_answers

TODAY = dt.date(2021, 7, 15)
NOW = dt.datetime(2021, 7, 15, 2, 0, tzinfo=dt.UTC)


def self_screening_reasons() -> set[str]:
    questionnaire = get_questionnaire("self-screening")
    keys = [q.key for q in questionnaire.questions if q.type == "boolean"]
    found: set[str] = set()
    extras = [
        {},
        {"spo2": 88, "respiratory_rate": 32},
        {"spo2": 93, "respiratory_rate": 26, "age": 70, "comorbidities": ["heart"], "pregnant": True},
        {"last_contact_date": dt.date(2021, 6, 1)},
    ]
    for key, extra in itertools.product(keys, extras):
        answers = {**self_screening_answers(**{key: True}), **extra}
        found.update(classify_self_screening(questionnaire, answers, TODAY).reasons)
        with_fever = {**answers, "fever": True, "cough": True, "travel_local_transmission": True}
        found.update(classify_self_screening(questionnaire, with_fever, TODAY).reasons)
    return found


def triage_reasons() -> set[str]:
    earlier = [Reading(NOW - dt.timedelta(hours=h), temperature_c=38.5, spo2=97) for h in (24, 48)]
    readings = [
        Reading(NOW, spo2=88, respiratory_rate=31, danger_signs=DANGER_SIGNS),
        Reading(NOW, spo2=93, respiratory_rate=26, temperature_c=38.2),
    ]
    return {code for r in readings for code in triage(r, earlier).reasons}


@pytest.mark.parametrize("code", sorted(self_screening_reasons() | triage_reasons()))
def test_each_rule_code_has_a_sentence_in_both_languages(code: str) -> None:
    text = reason_text(code)
    assert text["id"] != code
    assert text["en"] != code
    assert text["id"] != text["en"]


def test_the_rules_produce_the_codes_the_sentences_cover() -> None:
    codes = self_screening_reasons() | triage_reasons()
    assert {"spo2_below_90", "respiratory_rate_above_30", "fever_three_days", "age_60_or_over"} <= codes
    assert {f"danger_sign:{s}" for s in DANGER_SIGNS} <= codes
    assert set(SYMPTOMS) & codes


def test_a_risk_test_reason_repeats_the_question_answered_yes() -> None:
    questionnaire = get_questionnaire("risk-personal")
    answers = risk_answers("risk-personal", yes=1)
    key = next(k for k, yes in answers.items() if yes)
    text = reason_text(key, questionnaire)
    assert text["en"].startswith("Yes: ")
    assert text["id"].startswith("Ya: ")
