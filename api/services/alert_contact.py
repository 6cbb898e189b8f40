"""A callback number the resident adds to an alert after pressing, when the press carried none."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import Alert, Device
from api.services.alert_records import fresh, get_own_alert
from api.services.exceptions import Conflict
from api.transactions import unit_of_work
from screening.alert_workflow import OPEN_STATUSES
from screening.text import bilingual

CLOSED = bilingual("Peringatan ini sudah ditutup.", "This alert is already closed.")


def add_phone(alert_id: uuid.UUID, device: Device, phone: str) -> Alert:
    """Give the task force a number to call back on the device's open alert (the latest number wins).

    Raises NotFound (not the device's alert) or Conflict (closed: nobody will call any more).
    """
    alert = _add_phone(alert_id, device, phone.strip())
    events.announce_committed()
    return alert


@unit_of_work()
def _add_phone(alert_id: uuid.UUID, device: Device, phone: str) -> Alert:
    alert = get_own_alert(alert_id, device)
    if alert.status not in OPEN_STATUSES:
        raise Conflict(CLOSED)
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert.id)
        .values(phone=phone, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    alert = fresh(alert.id)
    events.publish_alert(alert, "contact")
    return alert
