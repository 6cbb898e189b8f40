"""Daily early-warning signals from self-screening rows: the day each counts on, what counts, what is withheld."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from surveillance.early_warning import Signal, daily_signals

WIB = ZoneInfo("Asia/Jakarta")
FIRST = dt.date(2021, 7, 1)


def at(day: int, hour: int = 10, zone: dt.tzinfo = WIB) -> dt.datetime:
    """A moment on the `day`-th day from FIRST (0-based), at `hour` in `zone`."""
    return dt.datetime.combine(FIRST + dt.timedelta(days=day), dt.time(hour), tzinfo=zone)


def rows_for(region: str, day: int, screenings: int, flagged: int) -> list[tuple[str, dt.datetime, str]]:
    return [(region, at(day), "suspect" if i < flagged else "low_risk") for i in range(screenings)]


def shown(signals: list[Signal]) -> list[tuple[str, dt.date, int | None, int | None]]:
    return [(s.region, s.day, s.screenings, s.suspect_or_symptomatic) for s in signals if s.screenings]


@pytest.mark.parametrize(
    ("created", "day"),
    [
        (at(0, 0), FIRST),
        (at(0, 23), FIRST),
        # 17:30 UTC is 00:30 the next day in the province: it counts on the province's day.
        (dt.datetime(2021, 7, 1, 17, 30, tzinfo=dt.UTC), FIRST + dt.timedelta(days=1)),
        (dt.datetime(2021, 7, 1, 16, 59, tzinfo=dt.UTC), FIRST),
    ],
)
def test_a_screening_counts_on_its_day_in_the_given_zone(created: dt.datetime, day: dt.date) -> None:
    signals = daily_signals([("13.71", created, "suspect")], FIRST, 3, suppress=False, zone=WIB)
    assert shown(signals) == [("13.71", day, 1, 1)]


@pytest.mark.parametrize(
    ("category", "counted"),
    [("suspect", 1), ("symptomatic", 1), ("emergency", 0), ("close_contact", 0), ("low_risk", 0), (None, 0)],
)
def test_only_suspect_and_symptomatic_results_count_towards_the_signal(category: str | None, counted: int) -> None:
    [day] = daily_signals([("13.71", at(0), category)], FIRST, 1, suppress=False, zone=WIB)
    assert (day.screenings, day.suspect_or_symptomatic) == (1, counted)


def test_rows_without_a_region_or_outside_the_days_are_left_out() -> None:
    rows = [(None, at(0), "suspect"), ("13.71", at(-1), "suspect"), ("13.71", at(3), "suspect")]
    assert daily_signals(rows, FIRST, 3, suppress=False, zone=WIB) == []


def test_every_day_of_every_region_with_a_screening_in_order_with_its_share() -> None:
    rows = rows_for("13.71", 1, 8, 2) + rows_for("13.06", 0, 10, 5)
    signals = daily_signals(rows, FIRST, 2, suppress=False, zone=WIB)
    assert [(s.region, s.day, s.screenings, s.share) for s in signals] == [
        ("13.06", FIRST, 10, 0.5),
        ("13.06", FIRST + dt.timedelta(days=1), 0, None),
        ("13.71", FIRST, 0, None),
        ("13.71", FIRST + dt.timedelta(days=1), 8, 0.25),
    ]
    assert all(s.c2 is None and s.signal is False and not s.suppressed for s in signals)


@pytest.mark.parametrize(
    ("screenings", "flagged", "withheld"),
    [(10, 0, False), (10, 5, False), (4, 0, True), (10, 3, True), (0, 0, False)],
)
def test_the_public_view_withholds_a_day_with_a_handful_of_people_whole(
    screenings: int, flagged: int, withheld: bool
) -> None:
    rows = rows_for("13.71", 0, 10, 5) + rows_for("13.71", 1, screenings, flagged)
    day = daily_signals(rows, FIRST, 2, suppress=True, zone=WIB)[1]
    assert day.suppressed is withheld
    if withheld:
        assert (day.screenings, day.suspect_or_symptomatic, day.share, day.c2, day.signal) == (None,) * 5
    else:
        assert (day.screenings, day.suspect_or_symptomatic) == (screenings, flagged)


def test_the_task_force_view_withholds_nothing() -> None:
    [day] = daily_signals(rows_for("13.71", 0, 2, 1), FIRST, 1, suppress=False, zone=WIB)
    assert (day.screenings, day.suspect_or_symptomatic, day.share, day.suppressed) == (2, 1, 0.5, False)


def test_a_rise_in_the_share_after_a_full_baseline_signals_with_its_c2() -> None:
    # Shares over ten days: 10 % on days 0-8 with a little variation, then 60 % on day 9.
    flagged = [1, 2, 1, 1, 2, 1, 1, 2, 1, 6]
    rows = [row for day, hits in enumerate(flagged) for row in rows_for("13.71", day, 10, hits)]
    signals = daily_signals(rows, FIRST, 10, suppress=False, zone=WIB)
    assert [s.c2 for s in signals[:9]] == [None] * 9
    assert signals[9].signal is True
    assert signals[9].c2 == pytest.approx((0.6 - 9 / 70) / 0.0487950, abs=1e-3)


def test_a_rise_over_a_flat_baseline_signals_without_an_infinite_c2() -> None:
    flagged = [1] * 9 + [2]
    rows = [row for day, hits in enumerate(flagged) for row in rows_for("13.71", day, 10, hits)]
    last = daily_signals(rows, FIRST, 10, suppress=False, zone=WIB)[9]
    assert (last.signal, last.c2) == (True, None)
