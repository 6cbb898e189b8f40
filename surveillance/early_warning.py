"""Early warning from self-screening: the CDC EARS C2 algorithm, and small-count suppression."""

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


def suppressed(count: int | None, minimum: int = SUPPRESS_BELOW) -> int | str | None:
    """Counts of fewer than `minimum` people are published as "<5", so nobody can be singled out."""
    if count is None:
        return None
    return f"<{minimum}" if 0 < count < minimum else count
