"""Isolation monitoring rules as tables: reminders, silence, measurement times, today's slots, adherence."""

from __future__ import annotations

import datetime as dt

import pytest

from screening import isolation_monitoring as monitoring
from screening.isolation_monitoring import (
    MISSED,
    NOT_MONITORED,
    REPORTED,
    TODAY,
    adherence,
    measurement_time_problem,
    reminder_due,
    silence,
    slots_done,
)

WIB = dt.timezone(dt.timedelta(hours=7))
NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("quiet_hours", "last_reminder_hours_ago", "due"),
    [(11.9, None, False), (12, None, True), (30, 11, False), (30, 12, True), (13, 13, True)],
)
def test_a_reminder_is_due_after_12_quiet_hours_and_at_most_every_12(
    quiet_hours: float, last_reminder_hours_ago: float | None, due: bool
) -> None:
    last = NOW - last_reminder_hours_ago * H if last_reminder_hours_ago is not None else None
    assert reminder_due(NOW, NOW - quiet_hours * H, last) is due


@pytest.mark.parametrize(
    ("quiet_hours", "silent", "escalate"),
    [(23.9, False, False), (24, True, False), (47.9, True, False), (48, True, True)],
)
def test_silence_flags_at_24_hours_and_escalates_at_48(quiet_hours: float, silent: bool, escalate: bool) -> None:
    assert silence(quiet_hours * H) == monitoring.Silence(silent, escalate)


@pytest.mark.parametrize(
    ("measured", "problem"),
    [
        (NOW + dt.timedelta(minutes=9), None),
        (NOW + dt.timedelta(minutes=11), "future"),
        (dt.datetime(2021, 7, 6, 0, 0, tzinfo=WIB), None),
        (dt.datetime(2021, 7, 5, 23, 59, tzinfo=WIB), "Before"),
    ],
)
def test_measurement_times_from_the_day_before_the_start_up_to_now(measured: dt.datetime, problem: str | None) -> None:
    found = measurement_time_problem(measured, NOW, dt.date(2021, 7, 7), WIB)
    assert (found is None) if problem is None else (problem in found["en"])  # type: ignore[index]


def test_the_morning_report_is_before_noon_local_time() -> None:
    today = dt.date(2021, 7, 10)
    times = [dt.datetime(2021, 7, 10, 11, 59, tzinfo=WIB), dt.datetime(2021, 7, 9, 18, 0, tzinfo=WIB)]
    assert slots_done(times, today) == {"morning": True, "evening": False}
    assert slots_done([dt.datetime(2021, 7, 10, 12, 0, tzinfo=WIB)], today) == {"morning": False, "evening": True}


def test_adherence_counts_only_days_from_registration() -> None:
    start, end, today = dt.date(2021, 7, 4), dt.date(2021, 7, 18), dt.date(2021, 7, 10)
    result = adherence(start, end, {dt.date(2021, 7, 5), dt.date(2021, 7, 10)}, today, registered_on=today)
    assert (result.days_reported, result.days_missed) == (2, 0)
    assert [d.state for d in result.grid[:7]] == [NOT_MONITORED, REPORTED, *[NOT_MONITORED] * 4, REPORTED]


def test_adherence_counts_missed_days_once_monitored() -> None:
    start, end = dt.date(2021, 7, 4), dt.date(2021, 7, 18)
    result = adherence(start, end, {dt.date(2021, 7, 6)}, dt.date(2021, 7, 9), registered_on=start)
    assert (result.days_reported, result.days_missed) == (1, 4)
    assert [d.state for d in result.grid[:6]] == [MISSED, MISSED, REPORTED, MISSED, MISSED, TODAY]
    assert len(result.grid) == 14
    assert result.grid[0].day == 1
