"""What every alert use case shares: the not-found message, the audit trail, the alert as stored now."""

from __future__ import annotations

import datetime as dt
import uuid

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, AlertTransition, Device, StaffUser
from api.services.exceptions import NotFound
from screening.text import bilingual

ALERT_NOT_FOUND = bilingual("Peringatan tidak ditemukan.", "Alert not found.")


def record_transition(
    alert: Alert,
    action: str,
    from_status: str | None,
    actor: str,
    staff: StaffUser | None,
    note: str | None,
    at: dt.datetime | None = None,
) -> None:
    db.session.add(
        AlertTransition(
            alert_id=alert.id,
            action=action,
            from_status=from_status,
            to_status=alert.status,
            actor=actor,
            staff_id=staff.id if staff else None,
            note=note,
            at=at or utcnow(),
        )
    )


def fresh(alert_id: uuid.UUID) -> Alert:
    """The alert as stored now (after conditional UPDATEs the session's copy would be stale)."""
    db.session.flush()
    alert = db.session.get(Alert, alert_id, populate_existing=True)
    assert alert is not None
    return alert


def get_own_alert(alert_id: uuid.UUID, device: Device) -> Alert:
    alert = db.session.get(Alert, alert_id)
    if alert is None or alert.device_id != device.id:
        raise NotFound(ALERT_NOT_FOUND)
    return alert
