"""The current time, replaceable in tests through the CLOCK config entry, and the province's time zone."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_ZONE = "Asia/Jakarta"


def utcnow() -> dt.datetime:
    if has_app_context():
        clock = current_app.config.get("CLOCK")
        if clock is not None:
            value: dt.datetime = clock()
            return value
    return dt.datetime.now(dt.UTC)


def local_zone() -> ZoneInfo:
    """The province's time zone (SUMBAR_TIMEZONE, WIB by default): residents' dates are dates there."""
    return ZoneInfo(current_app.config["TIMEZONE"] if has_app_context() else DEFAULT_ZONE)


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(local_zone()).date()


def local_today() -> dt.date:
    """Today in the province's time zone, the date residents mean."""
    return local_date(utcnow())


def start_of_local_day(day: dt.date) -> dt.datetime:
    """Midnight of `day` in the province's time zone (dates in queries are local dates)."""
    return dt.datetime.combine(day, dt.time(), tzinfo=local_zone())
