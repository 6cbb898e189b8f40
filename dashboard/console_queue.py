"""The console's open queue as the browser holds it: which cards in which order (each with its queue-order key,
screening.alert_workflow.queue_key as text), and how a live-stream event moves one card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash.exceptions import PreventUpdate

from dashboard import inputs
from screening.alert_workflow import CATEGORIES, NEW, OPEN_STATUSES, STATUSES, queue_key

# At most this many unapplied events come in one request (the browser keeps them until a reply says they were
# applied); a longer burst is put right by the next full refresh.
MOST_EVENTS = 50
Entry = list[Any]  # id, key (sort_key), unclaimed: what the browser orders and counts cards by


def _optional(check: Callable[[Any], bool]) -> Callable[[Any], bool]:
    return lambda value: value is None or check(value)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 2000


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_moment(value: Any) -> bool:
    try:
        inputs.iso_moment(value)
    except PreventUpdate:
        return False
    return True


def _is_isolation(value: Any) -> bool:
    """The episode behind an alert, as the card reads it (api/schemas/alerts.py AlertIsolationSchema)."""
    if not isinstance(value, dict):
        return False
    numbers = all(_is_number(value.get(key)) for key in ("day", "total_days"))
    texts = all(_optional(_is_text)(value.get(key)) for key in ("address", "maps_url"))
    risks = isinstance(value.get("risk_factors"), list) and all(_is_text(r) for r in value["risk_factors"])
    reading = value.get("last_reading")
    read = reading is None or (isinstance(reading, dict) and _is_moment(reading.get("measured_at")))
    return numbers and texts and risks and read


# What a card reads from an alert's staff view (api/schemas/alerts.py StaffAlertSchema), by type.
CARD_FIELDS: dict[str, Callable[[Any], bool]] = {
    "id": lambda v: isinstance(v, str) and len(v) == 36,
    "status": lambda v: v in STATUSES,
    "category": lambda v: v in (*CATEGORIES, "monitoring"),
    "created_at": _is_moment,
    "updated_at": _is_moment,
    "sla_deadline": _is_moment,
    "press_count": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1,
    "escalated": lambda v: isinstance(v, bool),
    "outside_province": _optional(lambda v: isinstance(v, bool)),
    "severity": lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 2,
    "region": _optional(_is_text),
    "routed_by_text": _is_text,
    "reason_texts": lambda v: isinstance(v, list) and all(_is_text(t) for t in v),
    **{name: _optional(_is_text) for name in ("acknowledged_by", "resident_name", "phone", "note", "episode")},
    **{name: _optional(_is_text) for name in ("maps_url", "geo_uri", "outcome", "channel", "whatsapp_url")},
    **{name: _optional(_is_number) for name in ("lat", "lon", "accuracy_m")},
    "isolation": _optional(_is_isolation),
}


def staff_alert(value: Any) -> dict[str, Any]:
    """An alert's staff view as a stream event carries it, with every field a card reads of the right type."""
    if not isinstance(value, dict) or not all(check(value.get(name)) for name, check in CARD_FIELDS.items()):
        raise PreventUpdate
    inputs.uuid_text(value["id"])
    return value


@dataclass(frozen=True)
class Event:
    id: int
    alert: dict[str, Any]


def events(value: Any, applied: int) -> list[Event]:
    """The events the browser sent that are newer than the last one applied, the latest per alert only."""
    if not isinstance(value, list) or len(value) > MOST_EVENTS:
        raise PreventUpdate
    latest: dict[str, Event] = {}
    for item in value:
        if not isinstance(item, dict):
            raise PreventUpdate
        event = Event(inputs.event_id(item.get("id")), staff_alert(item.get("alert")))
        if event.id > applied:
            latest[event.alert["id"]] = event
    return sorted(latest.values(), key=lambda e: e.id)


def sort_key(alert: dict[str, Any]) -> str:
    """The alert's place in queue order as text: the browser orders cards by comparing these strings alone."""
    rank, severity, created = queue_key(alert["status"], alert["severity"], inputs.iso_moment(alert["created_at"]))
    # Fixed widths (one digit each, microseconds always), so that text order is queue order.
    return f"{rank}|{severity}|{created.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%S.%f}"


def entry_of(alert: dict[str, Any]) -> Entry:
    return [alert["id"], sort_key(alert), alert["status"] == NEW]


def order_of(alerts: list[dict[str, Any]], applied: int) -> dict[str, Any]:
    """The order store for a queue read whole (already in queue order), including events up to `applied`."""
    return {"applied": applied, "entries": [entry_of(a) for a in alerts]}


def move(event: Event, alert: dict[str, Any] | None, card: Any) -> dict[str, Any]:
    """What the browser does with one event's card (assets/console.js applyAlertMoves): take the alert's old card
    out, and put `card` where its key sorts when the alert is still open (key None: it left the queue)."""
    if alert is None or alert["status"] not in OPEN_STATUSES:
        return {"event": event.id, "id": event.alert["id"], "key": None, "unclaimed": False, "card": None}
    entry = entry_of(alert)
    return {"event": event.id, "id": entry[0], "key": entry[1], "unclaimed": entry[2], "card": card}
