"""KMK 413/2020 categories, their precedence, urgency and the quarantine date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from screening.evaluate import evaluate
from screening.questionnaire import get_questionnaire
from scripts.answers import self_screening_answers

TODAY = dt.date(2021, 7, 15)
QUESTIONNAIRE = get_questionnaire("self-screening")


def classify(**answers: Any) -> Any:
    return evaluate(QUESTIONNAIRE, self_screening_answers(**answers), today=TODAY, lang="en").result


@pytest.mark.parametrize(
    ("answers", "category"),
    [
        ({}, "low_risk"),
        ({"chest_pain": True}, "emergency"),
        ({"bluish_lips": True, "contact_with_case": True, "fever": True, "cough": True}, "emergency"),
        ({"fever": True, "cough": True, "travel_local_transmission": True}, "suspect"),
        ({"fever": True, "travel_local_transmission": True}, "symptomatic"),
        ({"cough": True, "travel_local_transmission": True}, "symptomatic"),
        ({"runny_nose": True, "contact_with_case": True}, "suspect"),
        ({"fever": True, "contact_with_case": True}, "suspect"),
        ({"temperature_c": 38.0, "cough": True, "travel_local_transmission": True}, "suspect"),
        ({"temperature_c": 37.9, "cough": True, "travel_local_transmission": True}, "symptomatic"),
        ({"contact_with_case": True}, "close_contact"),
        ({"contact_with_case": True, "headache": True}, "close_contact"),
        ({"loss_of_smell_or_taste": True}, "symptomatic"),
        ({"travel_local_transmission": True}, "low_risk"),
        ({"age": 75, "comorbidities": ["diabetes"]}, "low_risk"),
    ],
)
def test_category_follows_the_case_definitions_in_order_of_precedence(answers: dict[str, Any], category: str) -> None:
    assert classify(**answers)["category"] == category


@pytest.mark.parametrize(
    ("spo2", "category"), [(89, "emergency"), (90, "low_risk"), (94, "low_risk"), (95, "low_risk")]
)
def test_spo2_below_90_alone_is_an_emergency(spo2: int, category: str) -> None:
    assert classify(spo2=spo2)["category"] == category


@pytest.mark.parametrize(("rate", "category"), [(30, "low_risk"), (31, "emergency")])
def test_respiratory_rate_above_30_is_an_emergency(rate: int, category: str) -> None:
    assert classify(respiratory_rate=rate)["category"] == category


@pytest.mark.parametrize(
    ("extra", "urgent"),
    [
        ({"spo2": 89}, True),
        ({"spo2": 90}, True),
        ({"spo2": 94}, True),
        ({"spo2": 95}, False),
        ({"respiratory_rate": 24}, False),
        ({"respiratory_rate": 25}, True),
        ({"age": 59}, False),
        ({"age": 60}, True),
        ({"comorbidities": ["hypertension"]}, True),
        ({"comorbidities": []}, False),
        ({"pregnant": True}, True),
        ({"pregnant": False}, False),
    ],
)
def test_a_suspect_is_urgent_with_low_spo2_fast_breathing_age_comorbidity_or_pregnancy(
    extra: dict[str, Any], urgent: bool
) -> None:
    result = classify(fever=True, cough=True, contact_with_case=True, **extra)
    assert result["urgent"] is urgent
    assert result["category"] == ("emergency" if extra.get("spo2") == 89 else "suspect")


def test_a_symptomatic_person_with_a_risk_factor_is_urgent_and_told_to_be_checked_today() -> None:
    result = classify(headache=True, age=70)
    assert result["category"] == "symptomatic"
    assert result["urgent"] is True
    assert "today" in result["next_steps"][0]
    assert "age_60_or_over" in result["reasons"]


@pytest.mark.parametrize("category_answers", [{"contact_with_case": True, "age": 80}, {"age": 80}])
def test_close_contacts_and_low_risk_are_never_urgent(category_answers: dict[str, Any]) -> None:
    assert classify(**category_answers)["urgent"] is False


def test_quarantine_lasts_14_days_from_the_last_contact() -> None:
    result = classify(contact_with_case=True, last_contact_date=(TODAY - dt.timedelta(days=3)).isoformat())
    assert result["quarantine_until"] == "2021-07-26"
    assert "2021-07-26" in result["advice"]


def test_quarantine_counts_from_today_when_the_contact_date_is_unknown() -> None:
    assert classify(contact_with_case=True)["quarantine_until"] == "2021-07-29"


@pytest.mark.parametrize(("days_ago", "category"), [(14, "close_contact"), (15, "low_risk")])
def test_a_contact_older_than_14_days_no_longer_counts(days_ago: int, category: str) -> None:
    result = classify(contact_with_case=True, last_contact_date=(TODAY - dt.timedelta(days=days_ago)).isoformat())
    assert result["category"] == category


def test_emergency_results_point_to_119_and_every_result_carries_hotlines() -> None:
    result = classify(confusion=True)
    assert "119" in result["advice"]
    assert {"119", "112"} <= {h["number"] for h in result["hotlines"]}
    assert result["reasons"] == ["danger_sign:confusion"]


def test_results_come_in_the_requested_language() -> None:
    indonesian = evaluate(QUESTIONNAIRE, self_screening_answers(), today=TODAY, lang="id").result
    english = evaluate(QUESTIONNAIRE, self_screening_answers(), today=TODAY, lang="en").result
    assert indonesian["title"] == "Risiko rendah"
    assert english["title"] == "Low risk"
