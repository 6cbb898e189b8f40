"""The dashboard's only door into the API package: queries returning plain data."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from api import events
from api.auth import staff_from_session
from api.clock import utcnow
from api.models import StaffUser
from api.services import alerts, isolation
from api.services.exceptions import PermissionDenied
from api.services.exceptions import ServiceError as ServiceError  # pages catch it without importing api
from api.services.regions import list_regions
from api.services.scope import scope_of
from screening.alert_workflow import OPEN_STATUSES
from screening.text import bilingual

RESPONDERS = ("admin", "satgas_provinsi", "satgas_kabkota")


def now() -> dt.datetime:
    return utcnow()


def regions_table() -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "capital": r.capital,
            "population_2020": r.population_2020,
            "area_km2": r.area_km2,
        }
        for r in list_regions()
    ]


def console_user() -> dict[str, Any] | None:
    """The staff member signed in to the console, or None."""
    user = staff_from_session()
    if user is None:
        return None
    return {
        "username": user.username,
        "role": user.role,
        "region": user.region_code,
        "can_respond": user.role in RESPONDERS,
    }


def _responder() -> StaffUser:
    user = staff_from_session()
    if user is None or user.role not in RESPONDERS:
        raise PermissionDenied(bilingual("Masuk sebagai Satgas dulu.", "Sign in as task-force staff first."))
    return user


def alert_queue(recent_closed: int = 10) -> list[dict[str, Any]]:
    """Open alerts in queue order, then the most recently closed ones, as the console shows them."""
    scope = scope_of(_responder())
    rows = alerts.list_alerts(scope)
    open_rows = [a for a in rows if a.status in OPEN_STATUSES]
    closed = sorted((a for a in rows if a.status not in OPEN_STATUSES), key=lambda a: a.updated_at, reverse=True)
    return [alerts.staff_view(a) for a in open_rows + closed[:recent_closed]]


def act_on_alert(alert_id: str, action: str, outcome: str | None = None) -> dict[str, Any]:
    """Claim, dispatch or resolve as the signed-in responder; raises the service errors (409, 404)."""
    user = _responder()
    scope = scope_of(user)
    target = uuid.UUID(alert_id)
    if action == "claim":
        return alerts.staff_view(alerts.claim_alert(target, user, scope))
    if action == "dispatch":
        return alerts.staff_view(alerts.dispatch_alert(target, user, scope))
    if action == "resolve":
        return alerts.staff_view(alerts.resolve_alert(target, user, scope, outcome or "helped"))
    raise ValueError(f"unknown action {action}")


def response_time_table() -> list[dict[str, Any]]:
    figures = alerts.response_times(scope_of(_responder()))
    return [{"region": region, **vars(times)} for region, times in figures.items()]


def region_names() -> dict[str, str]:
    return {r.code: r.name for r in list_regions()}


def latest_alert_event() -> int:
    """The id a console's live stream starts after, so nothing between page load and connection is missed."""
    return events.latest_event_id()


def monitoring_board(flag: str | None = None, region: str | None = None) -> list[dict[str, Any]]:
    """Active episodes in the responder's scope with adherence, most worrying first."""
    scope = scope_of(_responder())
    rows = isolation.list_episodes(scope, region_code=region or None, flag=flag or None, status="active")
    return [isolation.staff_summary(episode) for episode in rows]


def episode_detail(episode_id: str, lang: str) -> dict[str, Any]:
    episode = isolation.scoped_episode(uuid.UUID(episode_id), scope_of(_responder()))
    return {**isolation.episode_view(episode, lang=lang, personal=True), "events": isolation.episode_events(episode)}


def regions_in_scope() -> list[tuple[str, str]]:
    scope = scope_of(_responder())
    return [(code, name) for code, name in region_names().items() if scope.allows(code)]
