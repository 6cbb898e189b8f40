"""What the task force reads: the queue in order, one alert and its history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from api.extensions import db
from api.models import Alert, AlertLocation, AlertPress, AlertTransition
from api.services.alert_records import ALERT_NOT_FOUND
from api.services.alert_views import StaffAlertView, alert_severity, staff_views
from api.services.exceptions import NotFound
from api.services.scope import Scope
from screening.alert_workflow import CLOSED_STATUSES, OPEN_STATUSES, queue_key


@dataclass(frozen=True)
class AlertListing:
    """One page of the queue and how many alerts the whole list holds."""

    rows: list[StaffAlertView]
    total: int


def list_alerts(
    scope: Scope,
    *,
    status: str | None = None,
    region_code: str | None = None,
    alert_type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> AlertListing:
    """Alerts the caller may see: open ones in queue order (unclaimed, severity, age: see queue_key), then closed
    ones, latest first.

    Open alerts are few at any time and sorted by the domain's rule; closed ones are paged in the database.
    Raises PermissionDenied for a region outside the caller's scope.
    """
    query = sa.select(Alert)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(Alert.region_code.in_(regions))
    if alert_type:
        query = query.where(Alert.type == alert_type)
    open_statuses: tuple[str, ...]
    closed_statuses: tuple[str, ...]
    if status is None or status == "open":
        open_statuses, closed_statuses = OPEN_STATUSES, (() if status else CLOSED_STATUSES)
    elif status in OPEN_STATUSES:
        open_statuses, closed_statuses = (status,), ()
    else:
        open_statuses, closed_statuses = (), (status,)
    open_rows = sorted(
        db.session.scalars(query.where(Alert.status.in_(open_statuses))).all() if open_statuses else [],
        key=lambda a: queue_key(a.status, alert_severity(a), a.created_at),
    )
    closed_total = 0
    closed: Sequence[Alert] = []
    if closed_statuses:
        closed_query = query.where(Alert.status.in_(closed_statuses))
        closed_total = int(db.session.scalar(sa.select(sa.func.count()).select_from(closed_query.subquery())) or 0)
        skip = max(0, offset - len(open_rows))
        room = limit - len(open_rows[offset : offset + limit])
        if room > 0:
            closed = db.session.scalars(
                closed_query.order_by(Alert.updated_at.desc(), Alert.id).offset(skip).limit(room)
            ).all()
    rows = open_rows[offset : offset + limit] + list(closed)
    return AlertListing(staff_views(rows), len(open_rows) + closed_total)


def get_alert(alert_id: uuid.UUID, scope: Scope) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or not scope.allows(alert.region_code):
        raise NotFound(ALERT_NOT_FOUND)
    return alert


@dataclass(frozen=True)
class AlertHistory:
    transitions: list[AlertTransition]
    locations: list[AlertLocation]
    presses: list[AlertPress]


def alert_history(alert: Alert) -> AlertHistory:
    """The audit trail, every location fix and every stored press, each in order."""
    transitions = db.session.scalars(
        sa.select(AlertTransition).where(AlertTransition.alert_id == alert.id).order_by(AlertTransition.id)
    ).all()
    locations = db.session.scalars(
        sa.select(AlertLocation).where(AlertLocation.alert_id == alert.id).order_by(AlertLocation.located_at)
    ).all()
    presses = db.session.scalars(
        sa.select(AlertPress).where(AlertPress.alert_id == alert.id).order_by(AlertPress.pressed_at, AlertPress.id)
    ).all()
    return AlertHistory(list(transitions), list(locations), list(presses))
