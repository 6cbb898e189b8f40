"""Early warning from self-screening: daily counts per region, the CDC EARS C2 algorithm, and what may be published."""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

BASELINE_DAYS = 7
GUARD_DAYS = 2
THRESHOLD = 3.0
SUPPRESS_BELOW = 5
SIGNAL_CATEGORIES = ("suspect", "symptomatic")


@dataclass(frozen=True)
class C2Result:
    index: int
    value: float
    baseline_mean: float
    baseline_sd: float
    statistic: float
    signal: bool


def ears_c2(
    values: Sequence[float], *, baseline: int = BASELINE_DAYS, guard: int = GUARD_DAYS, threshold: float = THRESHOLD
) -> list[C2Result]:
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


@dataclass(frozen=True)
class Signal:
    """One region-day. Withheld (`suppressed`), every figure is None; `c2` is None also without a full baseline
    or on a flat one (an infinite statistic, which `signal` still reports)."""

    region: str
    day: dt.date
    screenings: int | None
    suspect_or_symptomatic: int | None
    share: float | None
    c2: float | None
    signal: bool | None
    suppressed: bool


def daily_signals(
    rows: Iterable[tuple[str | None, dt.datetime, str | None]],
    first_day: dt.date,
    days: int,
    suppress: bool,
    zone: dt.tzinfo,
) -> list[Signal]:
    """Per region (sorted) and day from `first_day` for `days` days: screenings, how many came out suspect or
    symptomatic, their share, and the EARS C2 signal on the daily shares.

    `rows` are self-screenings as (region code, when, result category). Each counts on its day in `zone` (the
    province's day, not the server's); rows without a region or outside the days are left out. A region
    appears only when it has a screening in the days. With `suppress` (the public view) a region-day that is
    not `publishable` is withheld whole.
    """
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    flagged: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    for region, created, category in rows:
        index = (created.astimezone(zone).date() - first_day).days
        if region is not None and 0 <= index < days:
            totals[region][index] += 1
            flagged[region][index] += category in SIGNAL_CATEGORIES
    out = []
    for region in sorted(totals):
        shares = [f / t if t else 0.0 for f, t in zip(flagged[region], totals[region], strict=True)]
        c2 = {r.index: r for r in ears_c2(shares)}
        for index in range(days):
            total, hits, result = totals[region][index], flagged[region][index], c2.get(index)
            day = first_day + dt.timedelta(days=index)
            if suppress and not publishable(total, hits):
                out.append(Signal(region, day, None, None, None, None, None, suppressed=True))
                continue
            finite = result is not None and math.isfinite(result.statistic)
            out.append(
                Signal(
                    region,
                    day,
                    total,
                    hits,
                    share=shares[index] if total else None,
                    c2=result.statistic if result is not None and finite else None,
                    signal=bool(result and result.signal),
                    suppressed=False,
                )
            )
    return out
