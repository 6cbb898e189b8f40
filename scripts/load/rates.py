"""The peak hour's rates and how many Locust users carry each (shared by peak.py and the locustfile)."""

from __future__ import annotations

import math

# Per second at the peak; check-ins: each person in isolation once in the peak hour.
RATES = {"screening": 100.0, "panic": 1.0, "dashboard": 20.0}
OFFICERS = 5
# Each user starts one iteration every PACE seconds on average, each gap PACE_JITTER of it longer or shorter at
# random (the locustfile's PacedUser), so a reply up to that slow does not lower the rate. The longest gap is
# kept under gunicorn's keep-alive (2 s): a connection idle longer is closed by the server, and the load
# generator would count its next request as a connection error.
PACE_SECONDS = 1.2
PACE_JITTER = 0.4


def rates(people: int) -> dict[str, float]:
    return {**RATES, "checkin": people / 3600}


def users(rate: float, scale: float) -> tuple[int, float]:
    """Users for `rate` x `scale` per second, and the pace (mean seconds between its iterations) each keeps.

    Rounded down, so a flow of more than 1 / PACE_SECONDS per second has no pace longer than PACE_SECONDS (its
    single user, if it has one, goes faster instead). A slower flow (the panic presses below the peak rates) has one
    user whose gaps can pass gunicorn's keep-alive: its idle connection is then closed and reopened."""
    wanted = rate * scale
    count = max(1, math.floor(wanted * PACE_SECONDS))
    return count, count / wanted


def total_users(people: int, scale: float) -> int:
    return OFFICERS + sum(users(rate, scale)[0] for rate in rates(people).values())
