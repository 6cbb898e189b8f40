"""Bed reports: the checks on a day's counts, staleness, and a region's weekly bed occupancy, as tables."""

from __future__ import annotations

import datetime as dt

import pytest

from surveillance.beds import (
    DayBeds,
    age_hours,
    count_problems,
    day_problem,
    has_free,
    is_silent,
    is_stale,
    occupancy_series,
    week_occupancy,
)

GOOD = {"isolation_total": 20, "isolation_occupied": 12, "icu_total": 4, "icu_occupied": 4}
NOW = dt.datetime(2021, 7, 20, 12, 0, tzinfo=dt.UTC)
SUNDAY = dt.date(2021, 7, 18)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, {}),
        ({"isolation_occupied": 21}, {"isolation_occupied": "above_total"}),
        ({"icu_occupied": 5}, {"icu_occupied": "above_total"}),
        ({"icu_total": -1}, {"icu_total": "negative"}),
        (
            {"isolation_total": 10_001, "isolation_occupied": 10_001},
            {"isolation_total": "too_large", "isolation_occupied": "too_large"},
        ),
        ({"isolation_total": None}, {"isolation_total": "required"}),
        ({"hcu_total": 3}, {"hcu_occupied": "pair"}),
        ({"hcu_occupied": 1}, {"hcu_total": "pair"}),
        ({"hcu_total": 3, "hcu_occupied": 4}, {"hcu_occupied": "above_total"}),
        ({"ventilators_in_use": -2, "admitted_today": 0}, {"ventilators_in_use": "negative"}),
    ],
)
def test_a_days_counts_are_checked_field_by_field(changes: dict[str, int | None], expected: dict[str, str]) -> None:
    assert count_problems({**GOOD, **changes}) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2019, 12, 31), "before_2020"),
        (dt.date(2020, 1, 1), None),
        (SUNDAY, None),
        (dt.date(2021, 7, 19), "future"),
    ],
)
def test_a_report_is_for_a_day_from_2020_to_today(day: dt.date, expected: str | None) -> None:
    assert day_problem(day, SUNDAY) == expected


@pytest.mark.parametrize(
    ("hours_ago", "stale", "age"),
    [(0, False, 0), (23.9, False, 23), (24, False, 24), (24.1, True, 24), (50, True, 50), (-0.5, False, 0)],
)
def test_a_report_older_than_24_hours_is_stale(hours_ago: float, stale: bool, age: int) -> None:
    reported = NOW - dt.timedelta(hours=hours_ago)
    assert is_stale(reported, NOW) is stale
    assert age_hours(reported, NOW) == age


@pytest.mark.parametrize(("days_ago", "silent"), [(None, True), (1, False), (3, False), (3.1, True)])
def test_a_hospital_silent_for_3_days_is_listed(days_ago: float | None, silent: bool) -> None:
    last = None if days_ago is None else NOW - dt.timedelta(days=days_ago)
    assert is_silent(last, NOW) is silent


def beds(hospital: str, day: int, total: int, occupied: int) -> DayBeds:
    return DayBeds(hospital, dt.date(2021, 7, day), total, occupied)


@pytest.mark.parametrize(
    ("reports", "expected"),
    [
        ([], None),
        # Before the week (the Monday before is the 11th): not counted.
        ([beds("A", 11, 10, 9)], None),
        ([beds("A", 12, 10, 6)], (6, 10, ("A",), 0.6)),
        # Daily reports of one hospital count once: its latest day in the week.
        ([beds("A", 12, 10, 2), beds("A", 18, 10, 8), beds("A", 15, 10, 5)], (8, 10, ("A",), 0.8)),
        # Two hospitals: summed beds, not averaged shares.
        ([beds("B", 14, 30, 3), beds("A", 16, 10, 9)], (12, 40, ("A", "B"), 0.3)),
        # A day after the week belongs to the next one.
        ([beds("A", 17, 10, 1), beds("A", 19, 10, 10)], (1, 10, ("A",), 0.1)),
        # Reporting hospitals without isolation beds: no share to give.
        ([beds("A", 17, 0, 0)], (0, 0, ("A",), None)),
    ],
)
def test_a_regions_weekly_bed_occupancy_sums_each_hospitals_latest_report(
    reports: list[DayBeds], expected: tuple[int, int, tuple[str, ...], float | None] | None
) -> None:
    found = week_occupancy(reports, SUNDAY)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.occupied, found.total, found.hospitals, found.share) == expected


@pytest.mark.parametrize(
    ("report", "kind", "expected"),
    [(GOOD, "isolation", True), (GOOD, "icu", False), (None, "icu", False), ({"icu_total": 2}, "icu", False)],
)
def test_a_free_bed_is_a_total_above_its_occupied(report: dict[str, int] | None, kind: str, expected: bool) -> None:
    assert has_free(report, kind) is expected


def test_the_occupancy_over_time_rolls_seven_days_and_skips_days_without_reports() -> None:
    reports = [beds("A", 1, 10, 5), beds("B", 3, 10, 1), beds("A", 12, 10, 9)]
    days = [dt.date(2021, 7, day) for day in (1, 3, 7, 8, 10, 12)]
    found = occupancy_series(reports, days)
    assert [(o.week_end.day, o.occupied, o.total) for o in found] == [
        (1, 5, 10),
        (3, 6, 20),
        (7, 6, 20),
        (8, 1, 10),
        (12, 9, 10),
    ]
