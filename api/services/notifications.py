"""Admins' view of the outbox: notifications by status, and a dead one queued again by hand."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Notification
from api.services.exceptions import Conflict, NotFound
from api.transactions import unit_of_work
from screening.text import bilingual

NOT_FOUND = bilingual("Notifikasi tidak ditemukan.", "Notification not found.")
NOT_DEAD = bilingual(
    "Hanya notifikasi yang gagal terkirim (dead) yang bisa dikirim ulang.",
    "Only a notification that was given up on (dead) can be retried.",
)


def list_notifications(status: str | None, *, limit: int = 100, offset: int = 0) -> tuple[list[Notification], int]:
    """Notifications, newest first (only those with `status` when given), and how many there are."""
    condition = [Notification.status == status] if status else []
    total = int(db.session.scalar(sa.select(sa.func.count()).select_from(Notification).where(*condition)) or 0)
    query = sa.select(Notification).where(*condition).order_by(Notification.id.desc())
    return list(db.session.scalars(query.offset(offset).limit(limit))), total


@unit_of_work()
def retry_notification(notification_id: int) -> Notification:
    """Queue a dead notification again now, with a fresh give-up time. NotFound, or Conflict when not dead."""
    row = db.session.get(Notification, notification_id, populate_existing=True)
    if row is None:
        raise NotFound(NOT_FOUND)
    if row.status != "dead":
        raise Conflict(NOT_DEAD)
    now = utcnow()
    row.status, row.next_attempt_at = "queued", now
    row.give_up_at = now + dt.timedelta(hours=float(current_app.config["NOTIFY_GIVE_UP_HOURS"]))
    return row
