"""Derived case series: totals, active, 7-day windows, rates, corrections, key figures."""

from __future__ import annotations

import datetime as dt

import pytest

from surveillance.cases import Day, derive, key_figure, negative_totals

D0 = dt.date(2021, 7, 1)


def days(cases: list[int], recovered: list[int] | None = None, deaths: list[int] | None = None) -> list[Day]:
    recovered = recovered or [0] * len(cases)
    deaths = deaths or [0] * len(cases)
    return [
        Day(D0 + dt.timedelta(days=i), c, r, d)
        for i, (c, r, d) in enumerate(zip(cases, recovered, deaths, strict=True))
    ]


def test_cumulative_and_active_are_derived_from_daily_values() -> None:
    series = derive(days([10, 5, 3], [0, 4, 2], [0, 1, 0]), 100_000)
    assert [(r.cumulative_cases, r.cumulative_recovered, r.cumulative_deaths, r.active) for r in series] == [
        (10, 0, 0, 10),
        (15, 4, 1, 10),
        (18, 6, 1, 11),
    ]


def test_seven_day_figures_start_on_the_seventh_day() -> None:
    series = derive(days([7, 7, 7, 7, 7, 7, 14, 0]), 200_000)
    assert series[5].cases_7day_avg is None
    assert series[6].cases_7day_avg == pytest.approx(8.0)
    assert series[6].cases_7day_per_100k == pytest.approx(28.0)
    assert series[7].cases_7day_avg == pytest.approx(7.0)


def test_missing_days_count_as_no_new_reports() -> None:
    gap = [Day(D0, 5, 0, 0), Day(D0 + dt.timedelta(days=2), 5, 0, 0)]
    series = derive(gap, 100_000)
    assert [r.date.day for r in series] == [1, 2, 3]
    assert series[1].new_cases == 0
    assert series[2].cumulative_cases == 10


def test_negative_days_are_corrections_and_totals_may_not_go_below_zero() -> None:
    series = derive(days([10, -3, 2]), 100_000)
    assert [r.correction for r in series] == [False, True, False]
    assert negative_totals(days([10, -3, 2])) == []
    assert negative_totals(days([2, -3, 2])) == [(D0 + dt.timedelta(days=1), "new_cases")]


def test_key_figures_say_the_weekly_change_and_whether_it_is_good_news() -> None:
    series = derive(days([1] * 7 + [3] * 7, [0] * 7 + [2] * 7), 100_000)
    cases = key_figure(series, "cases_7day_avg")
    assert (cases.value, cases.week_ago, cases.trend, cases.good) == (3.0, 1.0, "up", False)
    assert cases.change_percent == pytest.approx(200.0)
    recovered = key_figure(series, "cumulative_recovered")
    assert (recovered.trend, recovered.good) == ("up", True)
    assert key_figure(series[:5], "cases_7day_avg").trend == "unknown"


def test_a_running_total_of_cases_rising_is_neither_good_nor_bad_news() -> None:
    total = key_figure(derive(days([1] * 14), 100_000), "cumulative_cases")
    assert (total.trend, total.change, total.good) == ("up", 7, None)
