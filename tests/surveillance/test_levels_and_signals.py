"""Transmission-level boundaries, situational levels, EARS C2 on a hand-computed series, suppression."""

from __future__ import annotations

import math

import pytest

from surveillance.early_warning import ears_c2, suppressed
from surveillance.levels import assess


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
    [(0.04, 0.5, "memadai", 2), (0.05, 0.5, "sedang", 3), (0.04, 0.81, "terbatas", 4), (0.16, None, "terbatas", 4)],
)
def test_capacity_is_the_worst_known_and_sets_the_situational_level(
    positivity: float, occupancy: float | None, capacity: str, situation: int
) -> None:
    result = assess(60, positivity=positivity, bed_occupancy=occupancy)
    assert (result.transmission_level, result.capacity, result.situational_level) == (3, capacity, situation)


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


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "<5"), (4, "<5"), (5, 5), (None, None)])
def test_counts_under_five_are_suppressed(count: int | None, shown: object) -> None:
    assert suppressed(count) == shown
