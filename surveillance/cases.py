"""Case series arithmetic: cumulative totals, active cases, 7-day averages, rates per 100,000, key figures."""

from __future__ import annotations

import datetime as dt
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
    window_cases: list[int] = []
    window_deaths: list[int] = []
    window_tests: list[tuple[int | None, int | None]] = []
    day = ordered[0].date
    while day <= ordered[-1].date:
        row = by_date.get(day) or Day(day, 0, 0, 0)
        cases, recovered, deaths = cases + row.new_cases, recovered + row.new_recovered, deaths + row.new_deaths
        window_cases = (window_cases + [row.new_cases])[-WINDOW:]
        window_deaths = (window_deaths + [row.new_deaths])[-WINDOW:]
        window_tests = (window_tests + [(row.specimens_tested, row.positive_specimens)])[-WINDOW:]
        full = len(window_cases) == WINDOW
        tested: list[int] = [t for t, p in window_tests if t is not None and p is not None]
        positive: list[int] = [p for t, p in window_tests if t is not None and p is not None]
        total_tested, total_positive = sum(tested), sum(positive)
        positivity = total_positive / total_tested if len(tested) == WINDOW and total_tested > 0 else None
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
                cases_7day_avg=sum(window_cases) / WINDOW if full else None,
                deaths_7day_avg=sum(window_deaths) / WINDOW if full else None,
                cases_7day_per_100k=sum(window_cases) * PER / population if full else None,
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


# Whether a rise is good news: more recoveries are, more cases or deaths are not.
UP_IS_GOOD = {"new_cases": False, "cases_7day_avg": False, "active": False, "new_deaths": False,
              "cumulative_deaths": False, "cumulative_recovered": True, "cases_7day_per_100k": False}  # fmt: skip


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
    good = None if trend == "flat" else (trend == "up") == UP_IS_GOOD.get(name, False)
    return KeyFigure(name, value, week_ago, change, percent, trend, good)
