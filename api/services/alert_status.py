"""The resident's alert as the rule that words it reads it: its state, times in the province's zone, the border."""

from __future__ import annotations

import datetime as dt
import math

from flask import current_app

from api.clock import local_zone
from api.models import Alert
from api.services.alert_locations import outside_province
from screening.alert_messages import AlertState


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
        outside_province=outside_province(alert.lat, alert.lon, alert.accuracy_m) if is_outside is None else is_outside,
        monitoring=alert.type == "monitoring",
    )
