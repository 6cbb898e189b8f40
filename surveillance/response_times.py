"""Response-time figures: median and 90th percentile of waiting times, per group."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ResponseTimes:
    count: int
    median_seconds: float | None
    p90_seconds: float | None


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default 'linear' method)."""
    if not sorted_values:
        raise ValueError("no values")
    position = (len(sorted_values) - 1) * fraction
    low, high = math.floor(position), math.ceil(position)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def summarise(seconds: Iterable[float]) -> ResponseTimes:
    values = sorted(seconds)
    if not values:
        return ResponseTimes(0, None, None)
    return ResponseTimes(len(values), percentile(values, 0.5), percentile(values, 0.9))


def by_group(pairs: Iterable[tuple[str, float]]) -> Mapping[str, ResponseTimes]:
    groups: dict[str, list[float]] = {}
    for group, value in pairs:
        groups.setdefault(group, []).append(value)
    return {group: summarise(values) for group, values in sorted(groups.items())}
