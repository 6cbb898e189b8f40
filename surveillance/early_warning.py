"""Early warning from self-screening: the CDC EARS C2 algorithm, and which region-days may be published."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

BASELINE_DAYS = 7
GUARD_DAYS = 2
THRESHOLD = 3.0
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class C2Result:
    index: int
    value: float
    baseline_mean: float
    baseline_sd: float
    statistic: float
    signal: bool


def ears_c2(values: Sequence[float], *, baseline: int = BASELINE_DAYS, guard: int = GUARD_DAYS,
            threshold: float = THRESHOLD) -> list[C2Result]:  # fmt: skip
    """EARS C2: each day against the mean and standard deviation of the 7 days ending 3 days before it.

    The 2-day guard band keeps the start of an outbreak out of its own baseline. A flat baseline
    (standard deviation 0) signals on any rise above it. Days without a full baseline are skipped.
    """
    results = []
    for index in range(baseline + guard, len(values)):
        window = values[index - guard - baseline : index - guard]
        mean = statistics.fmean(window)
        sd = statistics.stdev(window)
        value = values[index]
        stat = (value - mean) / sd if sd > 0 else (math.inf if value > mean else 0.0)
        results.append(C2Result(index, value, mean, sd, stat, stat > threshold))
    return results


def publishable(screenings: int, flagged: int, minimum: int = SUPPRESS_BELOW) -> bool:
    """Whether a region-day may be shown to the public: neither count may be a handful of people (1 to 4).

    Everything about a suppressed day is withheld, not only the small count: its share, its C2 statistic
    and its signal flag would reveal the count, and so would a zero beside a small total (it says that
    every one of those few people was well).
    """
    return not (0 < screenings < minimum or 0 < flagged < minimum)
