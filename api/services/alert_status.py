"""The resident's alert in words: gathers its state (times in the province's zone, the border) for the rule."""

from __future__ import annotations

import datetime as dt
import math

from flask import current_app

from api.clock import local_zone
from api.models import Alert
from api.services.alert_locations import outside_province
from screening.alert_messages import AlertState, status_message


def ack_minutes() -> int:
    """The acknowledgement target a resident is told, in whole minutes."""
    return math.ceil(float(current_app.config["ALERT_ACK_MINUTES"]))


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(local_zone()) if moment is not None else None


def alert_state(alert: Alert, is_outside: bool | None = None) -> AlertState:
    return AlertState(
        status=alert.status,
        created_at=alert.created_at.astimezone(local_zone()),
        acknowledged_at=_local(alert.acknowledged_at),
        dispatched_at=_local(alert.dispatched_at),
        closed_at=_local(alert.resolved_at or alert.cancelled_at or alert.expired_at),
        has_phone=bool(alert.phone),
        outside_province=outside_province(alert.lat, alert.lon) if is_outside is None else is_outside,
        monitoring=alert.type == "monitoring",
    )


def resident_message(alert: Alert, lang: str, is_outside: bool | None = None) -> str:
    """What the resident's app says of the alert now (never more than has happened)."""
    return status_message(alert_state(alert, is_outside), lang, ack_minutes())
