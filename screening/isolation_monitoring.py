"""Following an isolation day by day (pure): when to remind, flag and escalate, which slots are due, adherence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from screening.text import Text, bilingual

FLAGS = ("urgent", "silent", "escalated")

REMINDER_AFTER = dt.timedelta(hours=12)
SILENT_AFTER = dt.timedelta(hours=24)
ESCALATE_AFTER = dt.timedelta(hours=48)
# A phone's clock may run a little ahead of the server's.
CLOCK_TOLERANCE = dt.timedelta(minutes=10)
MAX_BACKDATE = dt.timedelta(days=30)
# Check-ins before noon (local time) are the morning report, the rest the evening report.
EVENING_FROM_HOUR = 12
SLOTS = ("morning", "evening")
SLOT_TEXT = {
    "morning": bilingual("Laporan pagi", "Morning check-in"),
    "evening": bilingual("Laporan sore", "Evening check-in"),
}
# One grid cell per day of the first two weeks.
GRID_DAYS = 14
REPORTED, MISSED, TODAY, FUTURE, NOT_MONITORED = "reported", "missed", "today", "future", "not_monitored"


def reminder_due(now: dt.datetime, quiet_since: dt.datetime, last_reminder_at: dt.datetime | None) -> bool:
    """Nothing arrived for 12 hours, and no reminder went out in those 12 hours."""
    if now - quiet_since < REMINDER_AFTER:
        return False
    return last_reminder_at is None or now - last_reminder_at >= REMINDER_AFTER


@dataclass(frozen=True)
class Silence:
    flag_silent: bool
    escalate: bool


def silence(quiet_for: dt.timedelta) -> Silence:
    """24 hours without a check-in flags the episode silent; 48 hours sends it to the task force's queue."""
    return Silence(flag_silent=quiet_for >= SILENT_AFTER, escalate=quiet_for >= ESCALATE_AFTER)


def start_date_problem(start: dt.date, today: dt.date) -> Text | None:
    if start > today:
        return bilingual("Tanggal tidak boleh di masa depan.", "The date cannot be in the future.")
    if today - start > MAX_BACKDATE:
        return bilingual("Lebih dari 30 hari yang lalu.", "More than 30 days ago.")
    return None


def measurement_time_problem(
    measured_at: dt.datetime, now: dt.datetime, start: dt.date, zone: dt.tzinfo
) -> Text | None:
    """A check-in measured in the future, or before the day before the isolation started, cannot be right."""
    if measured_at > now + CLOCK_TOLERANCE:
        return bilingual("Waktu tidak boleh di masa depan.", "The time cannot be in the future.")
    if measured_at < dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), tzinfo=zone):
        return bilingual("Sebelum awal isolasi.", "Before the isolation started.")
    return None


def slot_of(local_time: dt.datetime) -> str:
    return "morning" if local_time.hour < EVENING_FROM_HOUR else "evening"


def slots_done(local_times: Iterable[dt.datetime], today: dt.date) -> dict[str, bool]:
    """Which of today's two reports have arrived, from the local times the check-ins were measured."""
    done = dict.fromkeys(SLOTS, False)
    for moment in local_times:
        if moment.date() == today:
            done[slot_of(moment)] = True
    return done


@dataclass(frozen=True)
class GridDay:
    date: dt.date
    day: int
    state: str


@dataclass(frozen=True)
class Adherence:
    days_reported: int
    days_missed: int
    grid: tuple[GridDay, ...]


def adherence(
    start: dt.date, end: dt.date, checkin_days: set[dt.date], today: dt.date, registered_on: dt.date
) -> Adherence:
    """Days reported and missed so far, and a grid of the first two weeks.

    Monitoring begins the day the episode was registered: a contact registered today with a start date six
    days back has no missed days before today (those days are "not_monitored" unless a report covers them).
    """
    last_day = end - dt.timedelta(days=1)
    grid = []
    for offset in range(min(GRID_DAYS, (end - start).days)):
        day = start + dt.timedelta(days=offset)
        if day in checkin_days:
            state = REPORTED
        elif day > today:
            state = FUTURE
        elif day == today:
            state = TODAY
        elif day < registered_on:
            state = NOT_MONITORED
        else:
            state = MISSED
        grid.append(GridDay(day, offset + 1, state))
    reported = len([d for d in checkin_days if start <= d <= min(today, last_day)])
    first_monitored = max(start, registered_on)
    last_elapsed = min(today - dt.timedelta(days=1), last_day)
    missed = 0
    day = first_monitored
    while day <= last_elapsed:
        missed += day not in checkin_days
        day += dt.timedelta(days=1)
    return Adherence(reported, missed, tuple(grid))
