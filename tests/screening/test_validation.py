"""Answers are checked key by key, with a message in both languages for each problem."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from screening.evaluate import InvalidAnswers, evaluate
from screening.questionnaire import get_questionnaire
from screening.validation import validate_answers
from scripts.answers import self_screening_answers

TODAY = dt.date(2021, 7, 15)
QUESTIONNAIRE = get_questionnaire("self-screening")


def errors_for(**answers: Any) -> dict[str, Any]:
    return validate_answers(QUESTIONNAIRE, self_screening_answers(**answers), TODAY)[1]


@pytest.mark.parametrize(
    ("answers", "key", "english"),
    [
        ({"temperature": 38}, "temperature", "not in the questionnaire"),
        ({"fever": "yes"}, "fever", "true or false"),
        ({"fever": 1}, "fever", "true or false"),
        ({"age": 121}, "age", "between 0 and 120"),
        ({"age": -1}, "age", "between 0 and 120"),
        ({"age": 30.5}, "age", "whole number"),
        ({"age": True}, "age", "whole number"),
        ({"temperature_c": 29.9}, "temperature_c", "between 30 and 45"),
        ({"temperature_c": 45.1}, "temperature_c", "between 30 and 45"),
        ({"temperature_c": "38"}, "temperature_c", "must be a number"),
        ({"spo2": 49}, "spo2", "between 50 and 100"),
        ({"spo2": 101}, "spo2", "between 50 and 100"),
        ({"respiratory_rate": 4}, "respiratory_rate", "between 5 and 80"),
        ({"respiratory_rate": 81}, "respiratory_rate", "between 5 and 80"),
        ({"contact_with_case": True, "last_contact_date": "15-07-2021"}, "last_contact_date", "YYYY-MM-DD"),
        ({"contact_with_case": True, "last_contact_date": "2021-02-30"}, "last_contact_date", "YYYY-MM-DD"),
        ({"contact_with_case": True, "last_contact_date": "20210701"}, "last_contact_date", "YYYY-MM-DD"),
        ({"contact_with_case": True, "last_contact_date": "2021-07-16"}, "last_contact_date", "future"),
        ({"contact_with_case": True, "last_contact_date": "0001-01-01"}, "last_contact_date", "365 days at most"),
        ({"contact_with_case": True, "last_contact_date": "2020-07-14"}, "last_contact_date", "365 days at most"),
        ({"headache": True, "symptom_onset_date": "2021-05-15"}, "symptom_onset_date", "60 days at most"),
        ({"comorbidities": "diabetes"}, "comorbidities", "list"),
        ({"comorbidities": ["asthma"]}, "comorbidities", "Unknown choice"),
        ({"comorbidities": ["heart", "heart"]}, "comorbidities", "repeated"),
    ],
)
def test_each_bad_answer_gets_its_own_message(answers: dict[str, Any], key: str, english: str) -> None:
    errors = errors_for(**answers)
    assert list(errors) == [key]
    assert english in errors[key][0]["en"]
    assert errors[key][0]["id"]


def test_missing_required_answers_are_named() -> None:
    answers = self_screening_answers()
    del answers["cough"]
    _, errors = validate_answers(QUESTIONNAIRE, answers, TODAY)
    assert errors == {"cough": [{"id": "Pertanyaan ini wajib dijawab.", "en": "This question must be answered."}]}


def test_optional_answers_may_be_null_or_absent() -> None:
    cleaned, errors = validate_answers(QUESTIONNAIRE, self_screening_answers(age=None, spo2=None), TODAY)
    assert errors == {}
    assert "age" not in cleaned


def test_dates_at_the_edge_of_their_window_are_accepted() -> None:
    dates = {"last_contact_date": "2020-07-15", "symptom_onset_date": "2021-05-16"}
    assert errors_for(contact_with_case=True, headache=True, **dates) == {}


@pytest.mark.parametrize(
    ("answers", "key"),
    [
        ({"last_contact_date": "2021-07-10"}, "last_contact_date"),
        ({"contact_with_case": False, "last_contact_date": "2021-07-10"}, "last_contact_date"),
        ({"symptom_onset_date": "2021-07-10"}, "symptom_onset_date"),
    ],
)
def test_an_answer_to_a_question_not_asked_is_refused(answers: dict[str, Any], key: str) -> None:
    errors = errors_for(**answers)
    assert list(errors) == [key]
    assert "leave it out" in errors[key][0]["en"]


def test_boundaries_of_ranges_are_accepted() -> None:
    cleaned, errors = validate_answers(
        QUESTIONNAIRE, self_screening_answers(age=0, spo2=100, temperature_c=45, respiratory_rate=5), TODAY
    )
    assert errors == {}
    assert cleaned["temperature_c"] == 45.0


def test_evaluate_refuses_invalid_answers_with_all_their_errors() -> None:
    with pytest.raises(InvalidAnswers) as caught:
        evaluate(QUESTIONNAIRE, {"fever": "no", "extra": 1}, today=TODAY, lang="id")
    assert {"fever", "extra", "cough"} <= set(caught.value.errors)
