"""The peak hour's rates and how many Locust users carry each (shared by peak.py and the locustfile)."""

from __future__ import annotations

import math

# Per second at the peak; check-ins: each person in isolation once in the peak hour.
RATES = {"screening": 100.0, "panic": 1.0, "dashboard": 20.0}
OFFICERS = 5
# Each user starts one iteration every PACE seconds, so a reply up to that slow does not lower the rate.
# Kept under gunicorn's keep-alive (2 s): a connection idle longer is closed by the server, and the load
# generator would count its next request as a connection error.
PACE_SECONDS = 1.5


def rates(people: int) -> dict[str, float]:
    return {**RATES, "checkin": people / 3600}


def users(rate: float, scale: float) -> tuple[int, float]:
    """Users for `rate` x `scale` per second, and the pacing (seconds) each keeps."""
    wanted = rate * scale
    count = max(1, math.ceil(wanted * PACE_SECONDS))
    return count, count / wanted


def total_users(people: int, scale: float) -> int:
    return OFFICERS + sum(users(rate, scale)[0] for rate in rates(people).values())
