"""`make load`'s headroom steps, its report of where each part ran, and its refusals of options it cannot honour."""

from __future__ import annotations

import argparse
from typing import Any

import pytest

from scripts.load import peak


def flows(p99_ms: float) -> dict[str, dict[str, Any]]:
    quick = {"requests": 100, "failures": 0, "per_second": 10.0, "p50_ms": 10.0, "p99_ms": 50.0}
    return {
        "screening": {**quick, "p99_ms": p99_ms},
        "check-in": quick,
        # Not a single request: over 1 s does not count against the promise.
        "dashboard page view": {**quick, "p99_ms": 5000.0},
    }


def result(peak_p99: float, steps: list[tuple[float, float]], cpus: str = "0") -> dict[str, Any]:
    shares = {"web server": 0.6, "PostgreSQL": 0.3, "load generator": 0.8}
    return {
        "machine": peak.machine(2, {1}, {0}),
        "cpus": {"web server and PostgreSQL": cpus, "load generator": "1"},
        "cpus_allowed": {"web server": ["0"], "PostgreSQL": ["0"], "load generator": ["1"]},
        "workers": 2,
        "threads": 16,
        "people_in_isolation": 20_000,
        "seconds": 20,
        "cpu_per_wall_second": shares,
        "peak": flows(peak_p99),
        "stored": dict.fromkeys(peak.STORED, 0),
        "bytes_per_row": {},
        "steps": [{"scale": scale, "cpu_per_wall_second": shares, "flows": flows(p99)} for scale, p99 in steps],
        "product_share_of_its_cpus": peak.product_share(shares, {0}),
    }


def test_steps_above_the_peak_are_run_lowest_first_once_the_peak_passes() -> None:
    assert peak.step_scales([3.0, 1.5, 2.0, 1.5], peak_passed=True) == [1.5, 2.0, 3.0]
    # A step at or below the peak rates says nothing new once they passed (and would end the search at once).
    assert peak.step_scales([0.5, 1.0, 1.5], peak_passed=True) == [1.5]


def test_steps_below_the_peak_are_run_when_the_peak_fails() -> None:
    assert peak.step_scales([1.5, 2.0], peak_passed=False) == [0.75, 0.5, 0.25]


def test_the_headroom_when_the_peak_passes() -> None:
    assert peak.headroom(result(400, [(1.5, 600), (2, 1500)])) == "1.5 (p99 passed 1 s at x2)"
    assert peak.headroom(result(400, [(1.5, 600), (2, 900), (3, 990)])) == "at least 3 (the highest step tried)"
    assert peak.headroom(result(400, [(1.5, 1200)])) == "1 (p99 passed 1 s at x1.5)"


def test_the_headroom_when_the_peak_fails() -> None:
    assert peak.headroom(result(1500, [(0.75, 1100), (0.5, 700)])) == "0.5 (p99 over 1 s at the peak rates)"


@pytest.mark.parametrize("text", ["1.5,x", "0,2", "-1"])
def test_steps_must_be_positive_multiples(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        peak.multiples(text)
    assert peak.multiples("1.5, 2,3") == [1.5, 2.0, 3.0]


def test_the_machine_line_says_where_each_part_ran() -> None:
    assert peak.machine(2, {1}, {0}) == (
        "2 cores (shared with other work): web server and PostgreSQL on CPU 0, load generator on CPU 1"
    )
    assert peak.machine(4, {3}, {0, 1, 2}) == (
        "4 cores (shared with other work): web server and PostgreSQL on CPUs 0-2, load generator on CPU 3"
    )
    assert peak.machine(2, None, {0, 1}) == "2 cores (shared with other work), load generator on the same box"


def test_the_products_cpu_is_reported_as_a_fraction_of_the_cpus_it_was_given() -> None:
    shares = {"web server": 0.6, "PostgreSQL": 0.3, "load generator": 0.8}
    assert peak.product_share(shares, {0}) == 0.9
    assert peak.product_share(shares, {0, 1}) == 0.45
    text = peak.report({**result(400, [(1.5, 600)]), "headroom": "at least 1.5 (the highest step tried)"})
    assert "0.90 of the 1 CPU it was given" in text
    assert "x1.5 every rate: worst p99 600 ms (screening); the product used 0.90 of its 1 CPU" in text
    assert "web server 0; PostgreSQL 0; load generator 1" in text
    assert "web server and PostgreSQL on CPU 0, load generator on CPU 1" in text


def test_the_option_is_refused_with_the_reason_where_taskset_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(peak.pin, "taskset", lambda: None)
    monkeypatch.setattr("sys.argv", ["peak", "postgresql://nowhere/none", "--generator-cpus", "1"])
    # Refused before anything is seeded or started.
    monkeypatch.setattr(peak, "seed", lambda *args: pytest.fail("seeded despite the refusal"))
    with pytest.raises(SystemExit) as exit:
        peak.main()
    assert exit.value.code == 2
    assert "--generator-cpus needs taskset" in capsys.readouterr().err


def test_the_first_seconds_after_the_start_are_reported_apart_from_the_peak_hour() -> None:
    cold = flows(1800)
    cold["check-in"] = {**cold["check-in"], "failures": 2}
    cold["dashboard page view"] = {**cold["dashboard page view"], "failures": 1}  # its request's failure, again
    text = peak.report({**result(400, []), "headroom": "1", "warmup_seconds": 10, "warmup": cold})
    # The page view (four requests in a row) is not a single reply: neither its time nor its count is taken twice.
    assert (
        "first 10 s after the server started (run before the peak hour, not in it): worst p99 1800 ms "
        "(screening), 2 errors" in text
    )
    assert "screening                                100" in text
    # Without a warm-up run there is no such line.
    assert "after the server started" not in peak.report({**result(400, []), "headroom": "1"})
