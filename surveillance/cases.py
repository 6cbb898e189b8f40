"""Case series arithmetic: cumulative totals, active cases, 7-day averages, rates per 100,000, key figures."""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PER = 100_000
WINDOW = 7


@dataclass(frozen=True)
class Day:
    """What is recorded for one region and date; cumulative values are never stored, only derived."""

    date: dt.date
    new_cases: int
    new_recovered: int
    new_deaths: int
    specimens_tested: int | None = None
    positive_specimens: int | None = None
    beds_occupied: int | None = None
    beds_available: int | None = None


@dataclass(frozen=True)
class DerivedDay:
    date: dt.date
    new_cases: int
    new_recovered: int
    new_deaths: int
    cumulative_cases: int
    cumulative_recovered: int
    cumulative_deaths: int
    active: int
    cases_7day_avg: float | None
    deaths_7day_avg: float | None
    cases_7day_per_100k: float | None
    cumulative_cases_per_100k: float
    cumulative_deaths_per_100k: float
    positivity_7day: float | None
    bed_occupancy: float | None
    correction: bool


def derive(days: Iterable[Day], population: int) -> list[DerivedDay]:
    """Running totals and rates over a series; missing calendar days count as days with no new reports.

    A negative daily value is a correction of earlier reports: kept as sent and marked.
    """
    ordered = sorted(days, key=lambda d: d.date)
    by_date = {d.date: d for d in ordered}
    out: list[DerivedDay] = []
    if not ordered:
        return out
    cases = recovered = deaths = 0
    # The last WINDOW days (new cases, new deaths, (tested, positive) when both are known) and running sums.
    window: deque[tuple[int, int, tuple[int, int] | None]] = deque()
    week_cases = week_deaths = week_tested = week_positive = known_tests = 0
    day, last = ordered[0].date, ordered[-1].date
    while day <= last:
        row = by_date.get(day) or Day(day, 0, 0, 0)
        cases, recovered, deaths = cases + row.new_cases, recovered + row.new_recovered, deaths + row.new_deaths
        tests = (
            (row.specimens_tested, row.positive_specimens)
            if row.specimens_tested is not None and row.positive_specimens is not None
            else None
        )
        window.append((row.new_cases, row.new_deaths, tests))
        week_cases, week_deaths = week_cases + row.new_cases, week_deaths + row.new_deaths
        if tests is not None:
            week_tested, week_positive, known_tests = week_tested + tests[0], week_positive + tests[1], known_tests + 1
        if len(window) > WINDOW:
            gone_cases, gone_deaths, gone_tests = window.popleft()
            week_cases, week_deaths = week_cases - gone_cases, week_deaths - gone_deaths
            if gone_tests is not None:
                week_tested, week_positive = week_tested - gone_tests[0], week_positive - gone_tests[1]
                known_tests -= 1
        full = len(window) == WINDOW
        positivity = week_positive / week_tested if known_tests == WINDOW and week_tested > 0 else None
        beds = None
        if (
            row.beds_occupied is not None
            and row.beds_available is not None
            and row.beds_occupied + row.beds_available > 0
        ):
            beds = row.beds_occupied / (row.beds_occupied + row.beds_available)
        out.append(
            DerivedDay(
                date=day,
                new_cases=row.new_cases,
                new_recovered=row.new_recovered,
                new_deaths=row.new_deaths,
                cumulative_cases=cases,
                cumulative_recovered=recovered,
                cumulative_deaths=deaths,
                active=cases - recovered - deaths,
                cases_7day_avg=week_cases / WINDOW if full else None,
                deaths_7day_avg=week_deaths / WINDOW if full else None,
                cases_7day_per_100k=week_cases * PER / population if full else None,
                cumulative_cases_per_100k=cases * PER / population,
                cumulative_deaths_per_100k=deaths * PER / population,
                positivity_7day=positivity,
                bed_occupancy=beds,
                correction=min(row.new_cases, row.new_recovered, row.new_deaths) < 0,
            )
        )
        day += dt.timedelta(days=1)
    return out


def negative_totals(days: Sequence[Day]) -> list[tuple[dt.date, str]]:
    """Dates where a running total would drop below zero: impossible data, refused on import."""
    problems = []
    totals = {"new_cases": 0, "new_recovered": 0, "new_deaths": 0}
    for day in sorted(days, key=lambda d: d.date):
        for name in totals:
            totals[name] += getattr(day, name)
            if totals[name] < 0:
                problems.append((day.date, name))
    return problems


# Whether a rise is good news: more recoveries are, more cases or deaths are not. A running total of cases
# only ever rises, so its rise is neither (None).
UP_IS_GOOD: dict[str, bool | None] = {
    "new_cases": False,
    "cases_7day_avg": False,
    "active": False,
    "new_deaths": False,
    "cumulative_cases": None,
    "cumulative_deaths": False,
    "cumulative_recovered": True,
    "cases_7day_per_100k": False,
}


@dataclass(frozen=True)
class KeyFigure:
    name: str
    value: float | None
    week_ago: float | None
    change: float | None
    change_percent: float | None
    trend: str  # up, down, flat, unknown
    good: bool | None  # is the trend good news


def key_figure(series: Sequence[DerivedDay], name: str) -> KeyFigure:
    """The latest value of `name` and its change over 7 days, with whether that change is good news."""
    if not series:
        return KeyFigure(name, None, None, None, None, "unknown", None)
    value = getattr(series[-1], name)
    week_ago = getattr(series[-1 - WINDOW], name) if len(series) > WINDOW else None
    if value is None or week_ago is None:
        return KeyFigure(name, value, week_ago, None, None, "unknown", None)
    change = value - week_ago
    percent = change * 100 / week_ago if week_ago else None
    trend = "flat" if abs(change) < 1e-9 else "up" if change > 0 else "down"
    up_is_good = UP_IS_GOOD.get(name, False)
    good = None if trend == "flat" or up_is_good is None else (trend == "up") == up_is_good
    return KeyFigure(name, value, week_ago, change, percent, trend, good)
