"""Rt agrees with EpiEstim's own published test snapshots (tests/testthat/_snaps/estimate_R.md)."""

from __future__ import annotations

import numpy as np
import pytest

from surveillance.rt import discretise_si, estimate_rt

# EpiEstim's Flu2009 data set (pandemic influenza in a school, Pennsylvania 2009).
FLU2009 = [1, 1, 0, 2, 5, 3, 3, 3, 6, 2, 5, 9, 13, 12, 13, 11, 12, 6, 6, 6, 3, 1, 0, 2, 0, 0, 0, 0, 2, 0, 2, 0]
FLU2009_SI = [0.000, 0.233, 0.359, 0.198, 0.103, 0.053, 0.027, 0.014, 0.007, 0.003, 0.002, 0.001]

# Example 1 (non_parametric_si, Flu2009, weekly windows 2-8 ... 26-32): mean, std, q025, median, q975.
EXAMPLE1 = [
    (1.7356089, 0.40908694, 1.02863184, 1.7035760, 2.6244959),
    (1.7490494, 0.36470202, 1.10874730, 1.7237672, 2.5329479),
    (1.5370427, 0.30740855, 0.99469301, 1.5165981, 2.1955178),
    (1.4316392, 0.27055438, 0.95131387, 1.4146324, 2.0085685),
    (1.4223487, 0.25143809, 0.97288543, 1.4075603, 1.9558194),
    (1.6349410, 0.25227688, 1.17832168, 1.6219838, 2.1651730),
    (1.6636221, 0.23295369, 1.23867595, 1.6527615, 2.1502729),
    (1.6156800, 0.20686663, 1.23586721, 1.6068598, 2.0456070),
    (1.4340033, 0.17651360, 1.10905802, 1.4267674, 1.8000616),
    (1.4083724, 0.16155139, 1.10963727, 1.4022002, 1.7421780),
    (1.2477516, 0.14219449, 0.98470606, 1.2423543, 1.5414648),
    (1.0819346, 0.12577234, 0.84955138, 1.0770650, 1.3419870),
    (0.9369319, 0.11446445, 0.72610935, 0.9322747, 1.1742159),
    (0.8194289, 0.10759629, 0.62222675, 0.8147244, 1.0433607),
    (0.6908048, 0.10185361, 0.50575593, 0.6858055, 0.9042566),
    (0.5894141, 0.09962917, 0.41054853, 0.5838103, 0.8001144),
    (0.4989223, 0.09978447, 0.32287622, 0.4922860, 0.7126626),
    (0.4726133, 0.10842493, 0.28454408, 0.4643482, 0.7076205),
    (0.4173489, 0.11575175, 0.22222070, 0.4066978, 0.6729457),
    (0.2976950, 0.11251813, 0.11968883, 0.2836454, 0.5553914),
    (0.2400240, 0.12001200, 0.06539846, 0.2203457, 0.5260890),
    (0.4577916, 0.20473063, 0.14864369, 0.4276606, 0.9377027),
    (0.6754931, 0.30208970, 0.21933077, 0.6310334, 1.3836245),
    (0.8634087, 0.38612813, 0.28034647, 0.8065807, 1.7685354),
    (1.0040161, 0.44900963, 0.32600128, 0.9379335, 2.0565439),
]

# Example 2 (parametric_si, mean 2.6, std 1.5, local and imported cases, windows 2-8 ... 21-27).
EXAMPLE2_LOCAL = [0, 2, 0, 0, 1, 2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
EXAMPLE2_IMPORTED = [1, 1, 1, 1, 2, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
EXAMPLE2_SI = [
    0.000000e00,
    2.331721e-01,
    3.585794e-01,
    1.981108e-01,
    1.033427e-01,
    5.290518e-02,
    2.682146e-02,
    1.351620e-02,
    6.783438e-03,
    3.394351e-03,
    1.694674e-03,
    8.445945e-04,
    4.203313e-04,
    2.089422e-04,
]
EXAMPLE2 = [  # mean, std, q025, median, q975 for windows 1, 2, 8 and 20
    (0, 0.6413590, 0.2424109, 0.257859602, 0.6110903, 1.1965445),
    (1, 0.3999222, 0.1788506, 0.129853640, 0.3736000, 0.8191677),
    (7, 0.1854957, 0.1854957, 0.004696345, 0.1285758, 0.6842713),
    (19, 9.8571825, 6.9700806, 1.193750537, 8.2718863, 27.4603530),
]


def close(actual: float, published: float) -> bool:
    """Within 1e-6 of the published value once rounded to the digits EpiEstim printed."""
    return abs(actual - published) <= 1e-6 + 5e-8 * max(1.0, abs(published))


def test_non_parametric_si_matches_epiestim_example_1() -> None:
    windows = estimate_rt(FLU2009, FLU2009_SI)
    assert [(w.t_start, w.t_end) for w in windows] == [(s, s + 6) for s in range(2, 27)]
    for window, expected in zip(windows, EXAMPLE1, strict=True):
        got = (window.mean, window.std, window.q025, window.median, window.q975)
        assert all(close(g, e) for g, e in zip(got, expected, strict=True)), (window, expected)


def test_the_discretised_serial_interval_matches_epiestim_discr_si() -> None:
    si = discretise_si(2.6, 1.5, length=len(EXAMPLE2_SI))
    assert si[0] == 0.0
    assert np.allclose(si, EXAMPLE2_SI, rtol=5e-7, atol=5e-13)
    assert discretise_si().sum() == pytest.approx(1.0, abs=1e-6)
    assert float(np.sum(discretise_si() * np.arange(len(discretise_si())))) == pytest.approx(4.7, abs=1e-3)


def test_imported_cases_infect_but_are_not_offspring_as_in_epiestim_example_2() -> None:
    si = discretise_si(2.6, 1.5, length=28)
    windows = estimate_rt(EXAMPLE2_LOCAL, si, imported=EXAMPLE2_IMPORTED)
    assert len(windows) == 20
    for index, *expected in EXAMPLE2:
        w = windows[index]
        assert all(close(g, e) for g, e in zip((w.mean, w.std, w.q025, w.median, w.q975), expected, strict=True))


def test_windows_before_12_cumulative_cases_are_marked_unreported() -> None:
    windows = estimate_rt([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], FLU2009_SI)
    assert [(w.t_end, w.reported) for w in windows][:6] == [
        (8, False),
        (9, False),
        (10, False),
        (11, False),
        (12, True),
        (13, True),
    ]


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        estimate_rt([1, -1, 2], FLU2009_SI)
    with pytest.raises(ValueError, match="serial interval"):
        discretise_si(1.0, 1.0)
