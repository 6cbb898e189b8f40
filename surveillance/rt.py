"""The time-varying reproduction number Rt (Cori et al. 2013), as EpiEstim's estimate_R computes it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

# numpy (and scipy) are imported where Rt is computed: the app imports this module for its constants, and
# every process, CLI command and test server would otherwise pay for loading them at start.
if TYPE_CHECKING:
    import numpy as np

# COVID-19 serial interval (Nishiura, Linton and Akhmetzhanov 2020): mean 4.7 days, standard deviation 2.9.
COVID_SI_MEAN = 4.7
COVID_SI_STD = 2.9
# estimateR does not estimate before this many cumulative cases: too few for a usable posterior.
MINIMUM_CUMULATIVE_CASES = 12
# Why a window has no estimate, in each language.
NOT_REPORTED = {
    "id": f"Tidak dilaporkan: kurang dari {MINIMUM_CUMULATIVE_CASES} kasus kumulatif sampai akhir jendela.",
    "en": f"Not reported: fewer than {MINIMUM_CUMULATIVE_CASES} cumulative cases by the end of the window.",
}


def discretise_si(mean: float = COVID_SI_MEAN, std: float = COVID_SI_STD, length: int | None = None) -> np.ndarray:
    """Discretised serial interval, EpiEstim's discr_si: a gamma distribution offset by one day.

    Element k is the probability of a serial interval of k days (element 0 is always 0). Without a
    `length`, the distribution runs until 99.9999 % of the mass is covered.
    """
    # Imported here: scipy takes seconds to load, and only Rt needs it (not every process that imports this).
    import numpy as np
    from scipy.stats import gamma

    if mean <= 1 or std <= 0:
        raise ValueError("the serial interval needs mean > 1 and std > 0")
    shape, scale = ((mean - 1) / std) ** 2, std**2 / (mean - 1)
    if length is None:
        length = int(gamma.ppf(0.999999, shape, scale=scale)) + 3
    k = np.arange(length, dtype=float)

    def cdf(x: np.ndarray, a: float) -> np.ndarray:
        return np.where(x > 0, gamma.cdf(np.maximum(x, 0), a, scale=scale), 0.0)

    values = k * cdf(k, shape) + (k - 2) * cdf(k - 2, shape) - 2 * (k - 1) * cdf(k - 1, shape)
    values += shape * scale * (2 * cdf(k - 1, shape + 1) - cdf(k - 2, shape + 1) - cdf(k, shape + 1))
    result: np.ndarray = np.maximum(values, 0.0)
    return result


def overall_infectivity(total: np.ndarray, si: np.ndarray) -> np.ndarray:
    """lambda_t = sum over s >= 1 of w_s * I_(t-s): how much infection pressure day t inherits."""
    import numpy as np

    days = len(total)
    w = np.zeros(days)
    w[: min(days, len(si))] = si[:days]
    w[0] = 0.0
    # Full convolution, cut to the series: entry t is sum_s w[s] * total[t - s].
    lam = np.convolve(total, w)[:days]
    lam[0] = np.nan
    return lam


@dataclass(frozen=True)
class RtWindow:
    t_start: int  # 1-based day indices, inclusive, as in EpiEstim
    t_end: int
    mean: float
    std: float
    q025: float
    median: float
    q975: float
    cases: int  # local cases in the window
    cumulative_cases: int  # all cases up to the window's end
    reported: bool  # False: too few cases so far (see MINIMUM_CUMULATIVE_CASES)


def estimate_rt(
    incidence: Sequence[float],
    si_distribution: Sequence[float] | np.ndarray,
    *,
    window: int = 7,
    prior_mean: float = 5.0,
    prior_std: float = 5.0,
    imported: Sequence[float] | None = None,
) -> list[RtWindow]:
    """Sliding-window Rt with a gamma posterior, as estimate_R(method="non_parametric_si").

    Windows are weekly by default: the first spans days 2 to 8 (1-based). `incidence` is the local
    incidence when `imported` is given; otherwise, as EpiEstim assumes, the first day's cases are
    imported and every later case is local. Imported cases infect others but are nobody's offspring.
    Windows ending before the mean serial interval are not estimable and left out.
    """
    import numpy as np
    from scipy.stats import gamma

    counts = np.asarray(incidence, dtype=float)
    if imported is None:
        local, outside = counts.copy(), np.zeros_like(counts)
        outside[0], local[0] = counts[0], 0.0
    else:
        local, outside = counts, np.asarray(imported, dtype=float)
        if len(outside) != len(local):
            raise ValueError("incidence and imported must have the same length")
    if np.any(local < 0) or np.any(outside < 0):
        raise ValueError("incidence cannot be negative")
    si = np.asarray(si_distribution, dtype=float)
    total = local + outside
    lam = overall_infectivity(total, si)
    mean_si = float(np.sum(si * np.arange(len(si))))
    a_prior, b_prior = (prior_mean / prior_std) ** 2, prior_std**2 / prior_mean
    days = len(counts)
    # Windows [t_start, t_end] in 1-based days; sums over them from running totals, all windows at once.
    starts = np.arange(2, days - window + 2)
    ends = starts + window - 1
    keep = ends > mean_si
    starts, ends = starts[keep], ends[keep]
    local_cum = np.concatenate([[0.0], np.cumsum(local)])
    lam_cum = np.concatenate([[0.0], np.cumsum(np.nan_to_num(lam))])
    window_local = local_cum[ends] - local_cum[starts - 1]
    shapes = a_prior + window_local
    scales = 1.0 / (1.0 / b_prior + (lam_cum[ends] - lam_cum[starts - 1]))
    q025, median, q975 = gamma.ppf(np.array([[0.025], [0.5], [0.975]]), shapes, scale=scales)
    cumulative = np.cumsum(total)[ends - 1]
    # Plain Python numbers, converted once per column (element-wise conversion of numpy scalars is slow).
    columns = zip(
        starts.tolist(),
        ends.tolist(),
        (shapes * scales).tolist(),
        (np.sqrt(shapes) * scales).tolist(),
        q025.tolist(),
        median.tolist(),
        q975.tolist(),
        np.rint(window_local).astype(int).tolist(),
        np.rint(cumulative).astype(int).tolist(),
        strict=True,
    )
    return [
        RtWindow(start, end, mean, std, low, mid, high, cases, total_cases, total_cases >= MINIMUM_CUMULATIVE_CASES)
        for start, end, mean, std, low, mid, high, cases, total_cases in columns
    ]
