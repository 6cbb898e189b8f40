"""How old figures are: a series stops being current two weeks after its last day."""

from __future__ import annotations

import datetime as dt

import pytest

from surveillance.freshness import data_until, is_stale

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    ("last_day", "stale"),
    [
        (TODAY, False),
        (TODAY - dt.timedelta(days=1), False),
        (TODAY - dt.timedelta(days=14), False),
        (TODAY - dt.timedelta(days=15), True),
        (dt.date(2022, 9, 30), True),
        (TODAY + dt.timedelta(days=1), False),  # a day ahead of the server's clock is not old
    ],
)
def test_a_series_is_stale_more_than_14_days_after_its_last_day(last_day: dt.date, stale: bool) -> None:
    assert is_stale(last_day, TODAY) is stale


@pytest.mark.parametrize(
    ("last_day", "lang", "text"),
    [
        (dt.date(2022, 9, 30), "id", "data sampai 30 Sep 2022; publikasi berhenti"),
        (dt.date(2022, 9, 30), "en", "data until 30 Sep 2022; publication stopped"),
        (dt.date(2026, 12, 5), "id", "data sampai 5 Des 2026"),
        (dt.date(2026, 12, 5), "en", "data until 5 Dec 2026"),
        (dt.date(2022, 12, 31), "xx", "data sampai 31 Des 2022; publikasi berhenti"),
    ],
)
def test_data_until_says_when_publication_stopped(last_day: dt.date, lang: str, text: str) -> None:
    assert data_until(last_day, TODAY, lang) == text


def test_the_threshold_can_be_chosen() -> None:
    assert is_stale(TODAY - dt.timedelta(days=3), TODAY, stale_after_days=2)
    assert not is_stale(TODAY - dt.timedelta(days=2), TODAY, stale_after_days=2)
