"""The alert workflow: states, legal transitions and the escalation ladder (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from screening.text import bilingual

NEW, ACKNOWLEDGED, DISPATCHED, RESOLVED, CANCELLED = "new", "acknowledged", "dispatched", "resolved", "cancelled"
# Closed by the expiry job: open for longer than the expiry time with nothing happening to it.
EXPIRED = "expired"
STATUSES = (NEW, ACKNOWLEDGED, DISPATCHED, RESOLVED, CANCELLED, EXPIRED)
OPEN_STATUSES = (NEW, ACKNOWLEDGED, DISPATCHED)
CLOSED_STATUSES = (RESOLVED, CANCELLED, EXPIRED)
OUTCOMES = ("helped", "referred", "false_alarm", "unreachable")
CATEGORIES = ("medical", "breathing", "other")
ALERT_TYPES = ("panic", "monitoring")

# action -> (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "claim": ((NEW,), ACKNOWLEDGED),
    "dispatch": ((ACKNOWLEDGED,), DISPATCHED),
    "resolve": ((ACKNOWLEDGED, DISPATCHED), RESOLVED),
    "cancel": (OPEN_STATUSES, CANCELLED),
    "expire": (OPEN_STATUSES, EXPIRED),
    # A press from a device that keeps cancelling brings its last alert back instead of raising another.
    "reopen": ((CANCELLED,), NEW),
}

# A device that cancelled this many presses within the window gets no new alerts: its next press reopens
# the last one. A real emergency still reaches the queue (reopened, unclaimed, with the press and its note)
# and the resident is still told the hotlines; only the flood of fresh top-severity alerts stops.
CANCELS_BEFORE_REOPEN = 3
CANCEL_WINDOW = dt.timedelta(minutes=10)
# The consoles ring for a device's alert once in this time: its further new or reopened alerts only show.
ALARM_COALESCE = dt.timedelta(minutes=10)

# Categories that suggest trouble breathing come first in the queue.
URGENCY = {"breathing": 0, "medical": 1, "monitoring": 1, "other": 2}

LEVEL_KABKOTA, LEVEL_PROVINSI, LEVEL_ADMIN = 0, 1, 2


def is_stale(last_activity: dt.datetime, now: dt.datetime, expiry_hours: float) -> bool:
    """An open alert nothing has happened to (no press, fix or move) for `expiry_hours` expires.

    Without an end, an alert nobody closes would keep the resident's phone, notes and locations for ever:
    retention and erasure both start from an alert's closing.
    """
    return now - last_activity >= dt.timedelta(hours=expiry_hours)


def reopens_instead(recent_cancels: int) -> bool:
    """Whether a device with `recent_cancels` cancelled alerts within CANCEL_WINDOW gets its last one back."""
    return recent_cancels >= CANCELS_BEFORE_REOPEN


def rings(previous_alarm_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a device's new (or reopened) alert sounds the consoles' alarm: not when the device's previous one
    did so within ALARM_COALESCE."""
    return previous_alarm_at is None or now - previous_alarm_at >= ALARM_COALESCE


# A resident cancelling an alert that was reopened after repeated cancels: the task force confirms by phone.
REOPENED_NOT_CANCELLABLE = bilingual(
    "Peringatan ini dibuka kembali karena beberapa kali dibatalkan. Petugas akan menelepon Anda untuk memastikan. "
    "Bila darurat, telepon 119 atau 112.",
    "This alert was reopened after several cancellations. An officer will call you to make sure. "
    "In an emergency, call 119 or 112.",
)


def transition(action: str, current: str) -> str | None:
    """The status `action` leads to from `current`, or None when the move is not allowed."""
    sources, target = TRANSITIONS[action]
    return target if current in sources else None


@dataclass(frozen=True)
class EscalationPolicy:
    """An alert not acknowledged within `ack_minutes` goes to the province; at `admin_factor` times that, to admins."""

    ack_minutes: float = 5
    admin_factor: float = 3

    def due_level(self, created_at: dt.datetime, now: dt.datetime) -> int:
        waited = now - created_at
        if waited >= dt.timedelta(minutes=self.ack_minutes * self.admin_factor):
            return LEVEL_ADMIN
        if waited >= dt.timedelta(minutes=self.ack_minutes):
            return LEVEL_PROVINSI
        return LEVEL_KABKOTA

    def deadline(self, created_at: dt.datetime) -> dt.datetime:
        """When the acknowledgement is due (the SLA the console counts down)."""
        return created_at + dt.timedelta(minutes=self.ack_minutes)


def arrival_level(region_code: str | None, region_attended: bool, province_attended: bool) -> int:
    """The escalation level a new alert starts at.

    An alert in a kabupaten/kota where no officer is on duty or has a console open would wait out the ladder's
    first step with nobody to see it: it goes to the province at once, and to the admins when nobody attends the
    province either. An alert with no region is the province's from the start and waits for the ladder.
    """
    if region_code is None or region_attended:
        return LEVEL_KABKOTA
    return LEVEL_PROVINSI if province_attended else LEVEL_ADMIN


# Severity in the queue: trouble breathing and emergency check-ins, then medical (and silent isolations),
# then other presses. An emergency check-in never sorts below an "other" press.
SEVERITY_BREATHING, SEVERITY_MEDICAL, SEVERITY_OTHER = 0, 1, 2


def severity(category: str, emergency_checkin: bool = False) -> int:
    """How urgent an alert is by what it says: panic categories, and monitoring alerts by their cause."""
    if category == "monitoring":
        return SEVERITY_BREATHING if emergency_checkin else SEVERITY_MEDICAL
    return URGENCY.get(category, SEVERITY_OTHER)


def queue_key(status: str, alert_severity: int, created_at: dt.datetime) -> tuple[int, int, dt.datetime]:
    """Sort key for the live queue: unclaimed first, then by severity, then oldest first."""
    return (0 if status == NEW else 1, alert_severity, created_at)
