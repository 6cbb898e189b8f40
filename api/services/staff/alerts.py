"""The task force's reads of alerts: the queue, the closed ones, one alert with its history, response times."""

from __future__ import annotations

import uuid

from api.models import StaffUser
from api.services import alerts
from api.services.access_log import record_access
from api.services.alert_views import AlertDetailView, StaffAlertView, detail_view, staff_view
from api.services.hospitals import nearest_free
from api.services.staff.roles import RESPONDERS, admit, page_size
from surveillance.response_times import ResponseTimes


def alert_list(
    user: StaffUser,
    *,
    status: str | None = None,
    region_code: str | None = None,
    alert_type: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> alerts.AlertListing:
    """One page of the alerts `user` may see, open ones first in queue order (logged as a read)."""
    listing = alerts.list_alerts(
        admit(user, RESPONDERS),
        status=status,
        region_code=region_code,
        alert_type=alert_type,
        limit=page_size(limit),
        offset=offset,
    )
    record_access(user, "alerts.list", region_code, len(listing.rows), ids=[a.id for a in listing.rows])
    return listing


def closed_alerts(user: StaffUser, limit: int = 30) -> list[StaffAlertView]:
    """The most recently resolved, cancelled or expired alerts `user` may see, latest first (logged as a read)."""
    scope = admit(user, RESPONDERS)
    # The whole list is open alerts first, then closed ones latest first: the page after the open ones.
    open_count = alerts.list_alerts(scope, status="open", limit=1).total
    closed = alerts.list_alerts(scope, offset=open_count, limit=page_size(limit)).rows
    record_access(user, "alerts.history", None, len(closed), ids=[a.id for a in closed])
    return closed


def alert_detail(user: StaffUser, alert_id: uuid.UUID) -> AlertDetailView:
    """The full record of one alert in `user`'s scope (NotFound outside it; logged as a read), with the nearest
    hospitals with a free isolation or ICU bed: from its location, else in its region."""
    alert = alerts.get_alert(alert_id, admit(user, RESPONDERS))
    history = alerts.alert_history(alert)
    record_access(user, "alerts.read", str(alert_id), 1)
    located = (alert.lat, alert.lon) if alert.lat is not None and alert.lon is not None else None
    hospitals = nearest_free(located, alert.region_code)
    return detail_view(alert, history.transitions, history.locations, history.presses, hospitals)


def alert_card(user: StaffUser, alert_id: uuid.UUID) -> StaffAlertView:
    """One alert in `user`'s scope as its queue card shows it (NotFound outside it), to word a stream event in the
    reader's language. No history, no hospitals and no access-log row: the stream that carried the event was
    recorded when it opened (alerts.stream), and the card shows no more than the event did."""
    return staff_view(alerts.get_alert(alert_id, admit(user, RESPONDERS)))


def response_times(user: StaffUser) -> dict[str | None, ResponseTimes]:
    """Time to acknowledge per region in `user`'s scope (figures, no personal data: not logged)."""
    return alerts.response_times(admit(user, RESPONDERS))
