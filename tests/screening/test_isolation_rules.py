"""KMK 413/2020 isolation periods and the triage of daily check-ins, at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from screening.isolation import (
    Reading,
    day_of_isolation,
    days_early,
    isolation_reason,
    last_symptom_day,
    planned_end,
    start_from_self_screening,
    total_days,
    triage,
)

START = dt.date(2021, 7, 1)
T0 = dt.datetime(2021, 7, 5, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("reason", "last_symptom", "end"),
    [
        ("confirmed_asymptomatic", None, dt.date(2021, 7, 11)),
        ("close_contact", None, dt.date(2021, 7, 15)),
        ("confirmed_symptomatic", None, dt.date(2021, 7, 14)),
        ("confirmed_symptomatic", dt.date(2021, 7, 10), dt.date(2021, 7, 14)),
        ("confirmed_symptomatic", dt.date(2021, 7, 11), dt.date(2021, 7, 14)),
        ("confirmed_symptomatic", dt.date(2021, 7, 12), dt.date(2021, 7, 15)),
        ("confirmed_symptomatic", dt.date(2021, 7, 20), dt.date(2021, 7, 23)),
        ("suspect", dt.date(2021, 7, 12), dt.date(2021, 7, 15)),
    ],
)
def test_planned_end_follows_kmk_413(reason: str, last_symptom: dt.date | None, end: dt.date) -> None:
    assert planned_end(reason, START, last_symptom) == end


def test_day_n_counts_from_the_official_start() -> None:
    assert day_of_isolation(START, START) == 1
    assert day_of_isolation(START, dt.date(2021, 7, 10)) == 10
    assert total_days(START, planned_end("confirmed_asymptomatic", START)) == 10


def reading(hours: float = 0, **values: object) -> Reading:
    return Reading(measured_at=T0 + dt.timedelta(hours=hours), **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "level"),
    [
        ({"spo2": 89}, "emergency"),
        ({"spo2": 90}, "urgent"),
        ({"spo2": 94}, "urgent"),
        ({"spo2": 95}, "stable"),
        ({"respiratory_rate": 24}, "stable"),
        ({"respiratory_rate": 25}, "urgent"),
        ({"respiratory_rate": 30}, "urgent"),
        ({"respiratory_rate": 31}, "emergency"),
        ({"danger_signs": ("chest_pain",)}, "emergency"),
        ({"spo2": 97, "temperature_c": 39.0, "symptoms": ("cough",)}, "stable"),
        ({}, "stable"),
    ],
)
def test_triage_thresholds(values: dict[str, object], level: str) -> None:
    assert triage(reading(**values), []).level == level


def test_fever_on_three_consecutive_days_is_urgent() -> None:
    day1, day2 = reading(-48, temperature_c=38.1), reading(-24, temperature_c=38.4)
    assert triage(reading(temperature_c=38.0), [day1, day2]).reasons == ("fever_three_days",)
    assert triage(reading(temperature_c=37.9), [day1, day2]).level == "stable"
    skipped = reading(-72, temperature_c=38.5)
    assert triage(reading(temperature_c=38.2), [skipped, day2]).level == "stable"


@pytest.mark.parametrize(("hours_between", "drop", "level"), [(23, 3, "urgent"), (23, 2, "stable"), (25, 4, "stable")])
def test_spo2_falling_3_points_within_24_hours_is_urgent(hours_between: float, drop: int, level: str) -> None:
    earlier = reading(-hours_between, spo2=99)
    assert triage(reading(spo2=99 - drop), [earlier]).level == level


def test_only_checkins_measured_earlier_count_as_history() -> None:
    later = reading(5, spo2=99)
    assert triage(reading(spo2=96), [later]).level == "stable"


def test_the_last_symptom_day_is_the_latest_day_with_fever_or_respiratory_symptoms() -> None:
    readings = [reading(0, symptoms=("cough",)), reading(48, symptoms=("headache",)), reading(24, temperature_c=38.3)]
    assert last_symptom_day(readings) == dt.date(2021, 7, 6)
    assert last_symptom_day([reading(0, symptoms=("fatigue",))]) is None


@pytest.mark.parametrize(
    ("category", "answers", "implied"),
    [
        ("suspect", {"symptom_onset_date": "2026-11-20"}, ("suspect", dt.date(2026, 11, 20))),
        ("suspect", {}, ("suspect", dt.date(2026, 11, 25))),
        ("symptomatic", {"symptom_onset_date": "2026-11-22"}, ("symptomatic", dt.date(2026, 11, 22))),
        ("close_contact", {"last_contact_date": "2026-11-18"}, ("close_contact", dt.date(2026, 11, 18))),
        # The onset date does not move a contact's quarantine, which counts from the contact.
        ("close_contact", {"symptom_onset_date": "2026-11-10"}, ("close_contact", dt.date(2026, 11, 25))),
        ("low_risk", {"symptom_onset_date": "2026-11-20"}, None),
        ("emergency", {}, None),
    ],
)
def test_a_self_screening_result_implies_its_isolation_reason_and_start(
    category: str, answers: dict[str, object], implied: tuple[str, dt.date] | None
) -> None:
    assert start_from_self_screening(category, answers, dt.date(2026, 11, 25)) == implied
    assert isolation_reason(category) == (implied[0] if implied else None)


@pytest.mark.parametrize(
    ("outcome", "today", "early"),
    [
        ("completed", dt.date(2021, 7, 10), 10),  # day 4 of 13
        ("completed", dt.date(2021, 7, 19), 1),  # the last day inside
        ("completed", dt.date(2021, 7, 20), 0),  # the release date itself
        ("completed", dt.date(2021, 7, 25), 0),
        ("referred", dt.date(2021, 7, 10), 0),
        ("hospitalized", dt.date(2021, 7, 10), 0),
        ("died", dt.date(2021, 7, 10), 0),
        ("lost_to_follow_up", dt.date(2021, 7, 10), 0),
    ],
)
def test_only_completing_before_the_release_date_is_early(outcome: str, today: dt.date, early: int) -> None:
    assert days_early(outcome, dt.date(2021, 7, 20), today) == early
