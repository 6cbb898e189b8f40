"""Median and 90th percentile of response times, checked against hand-computed values."""

from __future__ import annotations

import pytest

from surveillance.response_times import by_group, percentile, summarise


def test_percentiles_interpolate_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert percentile(values, 0.5) == pytest.approx(55.0)
    assert percentile(values, 0.9) == pytest.approx(91.0)


def test_summaries_per_group_and_empty_input() -> None:
    groups = by_group([("13.71", 60.0), ("13.71", 120.0), ("13.71", 600.0), ("13.06", 30.0)])
    assert groups["13.71"].count == 3
    assert groups["13.71"].median_seconds == 120.0
    assert groups["13.71"].p90_seconds == pytest.approx(504.0)
    assert groups["13.06"].p90_seconds == 30.0
    assert summarise([]).median_seconds is None
