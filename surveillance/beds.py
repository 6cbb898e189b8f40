"""Hospital bed reports: the checks on one day's counts, their freshness, and a region's weekly bed occupancy."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# A report describes the beds of its day; after a day it no longer says what is free now.
STALE_AFTER = dt.timedelta(hours=24)
# A hospital silent this long is listed for the provincial task force to call.
SILENT_AFTER = dt.timedelta(days=3)
FIRST_DAY = dt.date(2020, 1, 1)
# Far above any hospital's beds: a digit too many is refused, not stored.
MAX_COUNT = 10_000

# (total, occupied) pairs a report carries; occupied may never exceed its total.
PAIRS = (
    ("isolation_total", "isolation_occupied"),
    ("icu_total", "icu_occupied"),
    ("hcu_total", "hcu_occupied"),
)
REQUIRED = ("isolation_total", "isolation_occupied", "icu_total", "icu_occupied")
OPTIONAL = ("hcu_total", "hcu_occupied", "ventilators_in_use", "admitted_today")
COUNTS = REQUIRED + OPTIONAL


def count_problems(counts: Mapping[str, int | None]) -> dict[str, str]:
    """Each field that breaks a rule, with the rule's code: `required`, `negative`, `too_large` (above
    MAX_COUNT), `above_total` (occupied beds more than the beds there are) or `pair` (an HCU occupied count
    without its total, or the reverse)."""
    problems: dict[str, str] = {}
    for name in COUNTS:
        value = counts.get(name)
        if value is None:
            if name in REQUIRED:
                problems[name] = "required"
        elif value < 0:
            problems[name] = "negative"
        elif value > MAX_COUNT:
            problems[name] = "too_large"
    for total, occupied in PAIRS:
        if total in problems or occupied in problems:
            continue
        have_total, have_occupied = counts.get(total), counts.get(occupied)
        if (have_total is None) != (have_occupied is None):
            problems[occupied if have_occupied is None else total] = "pair"
        elif have_total is not None and have_occupied is not None and have_occupied > have_total:
            problems[occupied] = "above_total"
    return problems


def day_problem(day: dt.date, today: dt.date) -> str | None:
    """`before_2020` or `future` for a day a report cannot be for; None for a good one."""
    if day < FIRST_DAY:
        return "before_2020"
    if day > today:
        return "future"
    return None


def age_hours(reported_at: dt.datetime, now: dt.datetime) -> int:
    """Whole hours since the report (0 for a report stamped slightly ahead of this clock)."""
    return max(0, math.floor((now - reported_at).total_seconds() / 3600))


def is_stale(reported_at: dt.datetime | None, now: dt.datetime) -> bool:
    """True for a report older than 24 hours, and for no report at all."""
    return reported_at is None or now - reported_at > STALE_AFTER


def is_silent(last_reported_at: dt.datetime | None, now: dt.datetime) -> bool:
    """True when a hospital has not reported for 3 days (or never has)."""
    return last_reported_at is None or now - last_reported_at > SILENT_AFTER


@dataclass(frozen=True)
class DayBeds:
    """One hospital's isolation beds on one day, as the week's arithmetic needs them."""

    hospital: str
    day: dt.date
    isolation_total: int
    isolation_occupied: int


@dataclass(frozen=True)
class WeekOccupancy:
    """A region's isolation beds in the week to `week_end`: each reporting hospital's latest day summed."""

    week_end: dt.date
    occupied: int
    total: int
    hospitals: tuple[str, ...]

    @property
    def share(self) -> float | None:
        """Occupied / total, or None when the reporting hospitals have no isolation beds."""
        return self.occupied / self.total if self.total else None


def week_occupancy(reports: Iterable[DayBeds], week_end: dt.date) -> WeekOccupancy | None:
    """The bed occupancy of the seven days to `week_end`, from each hospital's latest report in them (a hospital
    reporting daily is counted once, not seven times); None when no hospital reported that week."""
    first = week_end - dt.timedelta(days=6)
    latest: dict[str, DayBeds] = {}
    for report in reports:
        if first <= report.day <= week_end and (
            report.hospital not in latest or report.day > latest[report.hospital].day
        ):
            latest[report.hospital] = report
    if not latest:
        return None
    chosen = [latest[code] for code in sorted(latest)]
    return WeekOccupancy(
        week_end,
        sum(r.isolation_occupied for r in chosen),
        sum(r.isolation_total for r in chosen),
        tuple(r.hospital for r in chosen),
    )


def has_free(report: Mapping[str, int | None] | None, kind: str) -> bool:
    """Whether a report shows a free bed of `kind` (isolation or icu)."""
    if report is None:
        return False
    total, occupied = report.get(f"{kind}_total"), report.get(f"{kind}_occupied")
    return total is not None and occupied is not None and occupied < total


def occupancy_series(reports: Iterable[DayBeds], days: Iterable[dt.date]) -> list[WeekOccupancy]:
    """For each day, the occupancy of the seven days to it (each hospital's latest report in them), for a chart
    over time; days without any report in their seven are left out rather than drawn as zero."""
    kept = list(reports)
    found = (week_occupancy(kept, day) for day in days)
    return [occupancy for occupancy in found if occupancy is not None and occupancy.share is not None]
