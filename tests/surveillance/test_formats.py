"""Numbers and dates in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest

from surveillance import formats


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (83866, "id", 0, "83.866"),
        (83866, "en", 0, "83,866"),
        (1234.567, "id", 1, "1.234,6"),
        (1234.567, "en", 2, "1,234.57"),
        (-3, "id", 0, "−3"),
        (0.5, "xx", 1, "0,5"),  # an unknown language reads as Indonesian
    ],
)
def test_numbers_in_each_language(value: float, lang: str, decimals: int, text: str) -> None:
    assert formats.number(value, lang, decimals) == text


def test_changes_carry_their_sign() -> None:
    assert [formats.signed(v, "id") for v in (12, -1200, 0)] == ["+12", "−1.200", "±0"]


@pytest.mark.parametrize(
    ("day", "lang", "text"),
    [
        ("2022-12-31", "id", "31 Des 2022"),
        ("2022-12-31", "en", "31 Dec 2022"),
        (dt.date(2021, 8, 4), "id", "4 Agu 2021"),
        ("2021-05-08T10:00:00+00:00", "en", "8 May 2021"),
    ],
)
def test_dates_in_each_language(day: dt.date | str, lang: str, text: str) -> None:
    assert formats.date(day, lang) == text


def test_week_ranges_and_clock_times() -> None:
    assert formats.date_range(dt.date(2021, 8, 2), dt.date(2021, 8, 8), "id") == "2–8 Agu 2021"
    assert formats.date_range(dt.date(2021, 7, 26), dt.date(2021, 8, 1), "en") == "26 Jul – 1 Aug 2021"
    assert formats.date_range(dt.date(2021, 12, 27), dt.date(2022, 1, 2), "id") == "27 Des 2021 – 2 Jan 2022"
    moment = dt.datetime(2022, 9, 30, 17, 5)
    assert (formats.time_of_day(moment, "id"), formats.time_of_day(moment, "en")) == ("17.05", "17:05")
    assert formats.month("2020-03-26", "id") == "Mar 2020"
