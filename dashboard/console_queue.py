"""The console's open queue as the browser holds it: which cards in which order, and how a live-stream event
moves one card (queue order: screening.alert_workflow.queue_key)."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dash.exceptions import PreventUpdate

from dashboard import inputs
from screening.alert_workflow import CATEGORIES, OPEN_STATUSES, STATUSES, queue_key

# At most this many unapplied events come in one request (the browser keeps them until a reply says they were
# applied); a longer burst is put right by the next full refresh.
MOST_EVENTS = 50
Entry = tuple[str, str, int, str]  # id, status, severity, created_at: what the order follows from
Key = tuple[int, int, dt.datetime]


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
    **{name: _optional(_is_text) for name in ("maps_url", "geo_uri", "outcome")},
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
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"].isdigit():
            raise PreventUpdate
        event = Event(inputs.integer(int(item["id"]), 0, 2**63 - 1), staff_alert(item.get("alert")))
        if event.id > applied:
            latest[event.alert["id"]] = event
    return sorted(latest.values(), key=lambda e: e.id)


def entry_of(alert: dict[str, Any]) -> Entry:
    return (alert["id"], alert["status"], alert["severity"], alert["created_at"])


def key_of(entry: Entry) -> Key:
    return queue_key(entry[1], entry[2], dt.datetime.fromisoformat(entry[3]))


@dataclass
class Queue:
    """The open alerts' entries in queue order, and the last stream event they include."""

    entries: list[Entry]
    applied: int

    def store(self) -> dict[str, Any]:
        return {"applied": self.applied, "entries": [list(e) for e in self.entries]}

    def unclaimed(self) -> int:
        return sum(1 for e in self.entries if e[1] == "new")

    def remove(self, alert_id: str) -> int | None:
        """Take the alert's entry out; its former position, or None when it was not there."""
        at = next((i for i, e in enumerate(self.entries) if e[0] == alert_id), None)
        if at is not None:
            del self.entries[at]
        return at

    def insert(self, entry: Entry) -> int:
        """Put the entry where queue order says (after the ones that sort the same); its position."""
        keys = [key_of(e) for e in self.entries]
        at = bisect.bisect_right(keys, key_of(entry))
        self.entries.insert(at, entry)
        return at


def queue(value: Any) -> Queue:
    """The queue store as the page keeps it (see Queue.store)."""
    if not isinstance(value, dict) or not isinstance(value.get("entries"), list):
        raise PreventUpdate
    applied = inputs.integer(value.get("applied"), 0, 2**63 - 1)
    entries: list[Entry] = []
    for item in value["entries"]:
        if not (isinstance(item, list) and len(item) == 4):
            raise PreventUpdate
        alert_id, status, severity, created = item
        if status not in OPEN_STATUSES or not _is_moment(created):
            raise PreventUpdate
        entries.append((inputs.uuid_text(alert_id), status, inputs.integer(severity, 0, 2), created))
    return Queue(entries, applied)


def queue_of(alerts: list[dict[str, Any]], applied: int) -> Queue:
    """The store for a queue read whole (already in queue order)."""
    return Queue([entry_of(a) for a in alerts], applied)
