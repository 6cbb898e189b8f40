"""Rt benchmark: 19 regions x 3 years of daily cases, time per region beside bare numpy of the same arithmetic.

The baseline is the posterior arithmetic alone (convolution for the infectivity, running sums over
the windows, vectorised gamma quantiles); the product adds input checks, the imported-case split
and one result object per window.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import numpy as np
from scipy.stats import gamma

from surveillance.rt import discretise_si, estimate_rt

REGIONS, DAYS, REPEATS = 19, 3 * 365, 5


def synthetic_series(seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(DAYS)
    expected = 3 + 80 * np.exp(-(((t - 500) / 35) ** 2)) + 25 * np.exp(-(((t - 700) / 25) ** 2)) * rng.uniform(0.5, 1.5)
    return rng.poisson(expected).astype(float)


def bare_numpy(incidence: np.ndarray, si: np.ndarray) -> np.ndarray:
    w = np.zeros(len(incidence))
    w[1 : len(si)] = si[1 : len(incidence)]
    lam = np.convolve(incidence, w)[: len(incidence)]
    local = incidence.copy()
    local[0] = 0
    starts = np.arange(2, len(incidence) - 5)
    ends = starts + 6
    lc, mc = np.concatenate([[0], np.cumsum(local)]), np.concatenate([[0], np.cumsum(lam)])
    shapes = 1 + lc[ends] - lc[starts - 1]
    scales = 1 / (1 / 5 + mc[ends] - mc[starts - 1])
    result: np.ndarray = gamma.ppf(np.array([[0.025], [0.5], [0.975]]), shapes, scale=scales)
    return result


def per_region_ms(function: Any, series: list[np.ndarray], si: np.ndarray) -> float:
    runs = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for incidence in series:
            function(incidence, si)
        runs.append((time.perf_counter() - started) * 1000 / len(series))
    return statistics.median(runs)


def run() -> dict[str, float]:
    series = [synthetic_series(seed) for seed in range(REGIONS)]
    si = discretise_si()
    per_region_ms(estimate_rt, series[:2], si)  # warm up
    product = per_region_ms(estimate_rt, series, si)
    baseline = per_region_ms(bare_numpy, series, si)
    return {"regions": REGIONS, "days": DAYS, "product_ms_per_region": product, "baseline_ms_per_region": baseline}


def report(result: dict[str, float]) -> str:
    ratio = result["product_ms_per_region"] / result["baseline_ms_per_region"]
    return (
        f"Rt: {result['regions']} regions x {result['days']} days (median of {REPEATS} runs)\n"
        f"  estimate_rt {result['product_ms_per_region']:.2f} ms per region, bare numpy "
        f"{result['baseline_ms_per_region']:.2f} ms per region (x{ratio:.2f}; target under 10 ms per region)"
    )


if __name__ == "__main__":
    print(report(run()))
