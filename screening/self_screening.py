"""KMK 413/2020 case category for the self-screening questionnaire, with urgency and quarantine date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from screening.isolation import isolation_reason
from screening.outcome import Outcome
from screening.questionnaire import Questionnaire


def _flagged(answers: Mapping[str, Any], keys: list[str]) -> list[str]:
    return [key for key in keys if answers.get(key) is True]


def _emergency_reasons(answers: Mapping[str, Any], rules: Mapping[str, Any]) -> list[str]:
    reasons = [f"danger_sign:{key}" for key in _flagged(answers, rules["danger_signs"])]
    spo2, rate = answers.get("spo2"), answers.get("respiratory_rate")
    if spo2 is not None and spo2 < rules["emergency_spo2_below"]:
        reasons.append(f"spo2_below_{rules['emergency_spo2_below']}")
    if rate is not None and rate > rules["emergency_respiratory_rate_above"]:
        reasons.append(f"respiratory_rate_above_{rules['emergency_respiratory_rate_above']}")
    return reasons


def _urgent_reasons(answers: Mapping[str, Any], rules: Mapping[str, Any]) -> list[str]:
    reasons = []
    spo2, rate, age = answers.get("spo2"), answers.get("respiratory_rate"), answers.get("age")
    if spo2 is not None and spo2 <= rules["urgent_spo2_at_most"]:
        reasons.append(f"spo2_at_most_{rules['urgent_spo2_at_most']}")
    if rate is not None and rate > rules["urgent_respiratory_rate_above"]:
        reasons.append(f"respiratory_rate_above_{rules['urgent_respiratory_rate_above']}")
    if age is not None and age >= rules["urgent_age_at_least"]:
        reasons.append(f"age_{rules['urgent_age_at_least']}_or_over")
    if answers.get("comorbidities"):
        reasons.append("comorbidity")
    if answers.get("pregnant") is True:
        reasons.append("pregnant")
    return reasons


def classify_self_screening(questionnaire: Questionnaire, answers: Mapping[str, Any], today: dt.date) -> Outcome:
    """Category in order of precedence: emergency, suspect, close_contact, symptomatic, low_risk.

    `answers` must already be validated; `today` is the resident's local date.
    """
    rules = questionnaire.rules
    emergency = _emergency_reasons(answers, rules)
    if emergency:
        return Outcome(category="emergency", urgent=True, reasons=tuple(emergency))

    temperature = answers.get("temperature_c")
    fever = answers.get("fever") is True or (temperature is not None and temperature >= rules["fever_temperature_c"])
    respiratory = _flagged(answers, rules["respiratory_signs"])
    other_symptoms = _flagged(answers, rules["other_symptoms"])

    window = dt.timedelta(days=rules["exposure_window_days"])
    last_contact: dt.date | None = answers.get("last_contact_date")
    contact = answers.get("contact_with_case") is True
    reasons: list[str] = []
    if contact and last_contact is not None and today - last_contact > window:
        # A contact older than the window no longer makes a close contact (KMK 413: discarded after 14 days).
        contact = False
        reasons.append("contact_outside_window")
    travel = answers.get("travel_local_transmission") is True

    if fever and respiratory and travel:
        category = "suspect"
        reasons.append("respiratory_infection_with_travel")
    elif (fever or respiratory) and contact:
        category = "suspect"
        reasons.append("respiratory_sign_with_contact")
    elif contact:
        category = "close_contact"
        reasons.append("contact_with_case")
    elif fever or respiratory or other_symptoms:
        category = "symptomatic"
        reasons.extend(["fever"] * fever + respiratory + other_symptoms)
    else:
        category = "low_risk"

    quarantine_until = None
    if category == "close_contact":
        # Without a date the contact may have been today: count conservatively from today.
        quarantine_until = (last_contact or today) + dt.timedelta(days=rules["quarantine_days"])

    urgent = _urgent_reasons(answers, rules) if category in ("suspect", "symptomatic") else []
    return Outcome(
        category=category,
        urgent=bool(urgent),
        reasons=tuple(reasons + urgent),
        quarantine_until=quarantine_until,
        isolation_reason=isolation_reason(category),
    )
