"""Transmission-level boundaries, situational levels, weeks, EARS C2 on a hand-computed series, suppression."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from surveillance.cases import Day, derive
from surveillance.early_warning import ears_c2, publishable
from surveillance.levels import assess, last_complete_week_end, week_end, weekly_figures


@pytest.mark.parametrize(
    ("cases", "level"), [(0, 1), (19.9, 1), (20, 2), (49.9, 2), (50, 3), (149.9, 3), (150, 4), (900, 4)]
)
def test_case_rate_boundaries(cases: float, level: int) -> None:
    assert assess(cases).transmission_level == level


@pytest.mark.parametrize(
    ("admissions", "deaths", "level"),
    [(4.9, 0.9, 1), (5, 0, 2), (10, 0, 3), (30, 0, 4), (0, 1, 2), (0, 2, 3), (0, 5, 4)],
)
def test_the_highest_indicator_sets_the_transmission_level(admissions: float, deaths: float, level: int) -> None:
    assert assess(0, admissions, deaths).transmission_level == level


@pytest.mark.parametrize(
    ("positivity", "occupancy", "capacity", "situation"),
    [(0.04, 0.5, "memadai", 2), (0.05, 0.5, "sedang", 3), (0.04, 0.81, "terbatas", 4), (0.16, 0.2, "terbatas", 4)],
)
def test_capacity_is_the_worse_of_its_two_inputs_and_sets_the_situational_level(
    positivity: float, occupancy: float | None, capacity: str, situation: int
) -> None:
    result = assess(60, positivity=positivity, bed_occupancy=occupancy)
    assert (result.transmission_level, result.capacity, result.situational_level) == (3, capacity, situation)


@pytest.mark.parametrize(("positivity", "occupancy"), [(0.01, None), (None, 0.1), (None, None)])
def test_capacity_and_situation_are_unknown_while_an_input_is_missing(
    positivity: float | None, occupancy: float | None
) -> None:
    result = assess(60, positivity=positivity, bed_occupancy=occupancy)
    assert (result.transmission_level, result.capacity, result.situational_level) == (3, None, None)
    assert ("positivity" in result.missing) is (positivity is None)
    assert ("bed_occupancy" in result.missing) is (occupancy is None)


def test_missing_inputs_are_said_not_guessed() -> None:
    result = assess(25)
    assert result.capacity is None
    assert result.situational_level is None
    assert result.missing == ("hospital_admissions", "deaths", "positivity", "bed_occupancy")
    assert assess(None).transmission_level is None


def test_ears_c2_on_a_hand_computed_series() -> None:
    # Baseline for day 9 is days 0-6: 2,4,3,5,4,3,6 -> mean 27/7, sample sd 1.345; days 7-8 are the guard band.
    series = [2, 4, 3, 5, 4, 3, 6, 9, 9, 8]
    [day9] = ears_c2(series)
    assert (day9.index, day9.baseline_mean) == (9, pytest.approx(27 / 7))
    assert day9.baseline_sd == pytest.approx(1.3451854, abs=1e-6)
    assert day9.statistic == pytest.approx((8 - 27 / 7) / 1.3451854, abs=1e-5)
    assert day9.signal is True
    quiet = ears_c2([2, 4, 3, 5, 4, 3, 6, 9, 9, 7.8])[0]
    assert quiet.statistic == pytest.approx(2.9311, abs=1e-3)
    assert quiet.signal is False


def test_a_flat_baseline_signals_on_any_rise() -> None:
    assert ears_c2([1] * 9 + [2])[0].statistic == math.inf
    assert ears_c2([1] * 10)[0].signal is False


@pytest.mark.parametrize(
    ("screenings", "flagged", "shown"),
    [
        (0, 0, True),
        (5, 0, True),
        (5, 5, True),
        (40, 7, True),
        (1, 0, False),
        (4, 0, False),
        (4, 4, False),
        (20, 1, False),
        (20, 4, False),
    ],
)
def test_a_day_with_a_handful_of_people_in_either_count_is_withheld(screenings: int, flagged: int, shown: bool) -> None:
    assert publishable(screenings, flagged) is shown


@pytest.mark.parametrize(
    ("day", "end", "last_complete"),
    [
        (dt.date(2021, 8, 2), dt.date(2021, 8, 8), dt.date(2021, 8, 1)),  # a Monday
        (dt.date(2021, 8, 4), dt.date(2021, 8, 8), dt.date(2021, 8, 1)),
        (dt.date(2021, 8, 8), dt.date(2021, 8, 8), dt.date(2021, 8, 8)),  # a Sunday closes its own week
    ],
)
def test_weeks_run_monday_to_sunday(day: dt.date, end: dt.date, last_complete: dt.date) -> None:
    assert week_end(day) == end
    assert last_complete_week_end(day) == last_complete


def test_weekly_figures_are_per_100000_over_the_seven_days_to_each_sunday() -> None:
    first = dt.date(2021, 7, 29)  # a Thursday: the first week is partial and counts what was reported
    days = [Day(first + dt.timedelta(days=i), 10, 0, 1 if i == 5 else 0) for i in range(14)]
    weeks = weekly_figures(derive(days, 200_000), 200_000)
    assert [w.week_end for w in weeks] == [dt.date(2021, 8, 1), dt.date(2021, 8, 8)]
    assert [w.cases_per_100k for w in weeks] == [pytest.approx(20.0), pytest.approx(35.0)]
    assert [w.deaths_per_100k for w in weeks] == [0.0, pytest.approx(0.5)]
