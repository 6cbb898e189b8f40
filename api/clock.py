"""The current time, replaceable in tests through the CLOCK config entry."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context


def utcnow() -> dt.datetime:
    if has_app_context():
        clock = current_app.config.get("CLOCK")
        if clock is not None:
            value: dt.datetime = clock()
            return value
    return dt.datetime.now(dt.UTC)


def local_today() -> dt.date:
    """Today in the province's time zone (WIB), the date residents mean."""
    zone = ZoneInfo(current_app.config["TIMEZONE"]) if has_app_context() else ZoneInfo("Asia/Jakarta")
    return utcnow().astimezone(zone).date()
