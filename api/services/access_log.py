"""The record of staff reading residents' personal data (who, what, when), and its listing for admins."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import StaffAccess, StaffUser
from api.transactions import IMMEDIATE

# The console refreshes every few seconds: the same read of the same records by the same person within this
# time is one record. A read that showed more or other records is a record of its own.
REPEAT_WINDOW = dt.timedelta(minutes=10)


def read_digest(ids: Iterable[object]) -> str:
    """A fingerprint of which records a read showed, whatever their order."""
    return hashlib.sha256("\n".join(sorted(str(i) for i in ids)).encode()).hexdigest()


def record_access(
    staff: StaffUser, action: str, subject: str | None, records: int, ids: Iterable[object] | None = None
) -> None:
    """Record a read of `records` records (`ids` when known), in a transaction of its own (the request's own unit
    of work is left alone).

    Call it from reads only: on SQLite a request that already holds the write lock would wait for itself.
    """
    if records <= 0:
        return
    digest = read_digest(ids if ids is not None else [f"count:{records}"])
    now = utcnow()
    # Its own connection, taking the write lock first on SQLite (see api.transactions).
    with db.engine.connect() as plain, plain.execution_options(**{IMMEDIATE: True}).begin() as transaction:
        connection = transaction.connection
        recent = connection.execute(
            sa.select(StaffAccess.id)
            .where(
                StaffAccess.staff_id == staff.id,
                StaffAccess.action == action,
                StaffAccess.subject.is_(None) if subject is None else StaffAccess.subject == subject,
                StaffAccess.read_digest == digest,
                StaffAccess.at > now - REPEAT_WINDOW,
            )
            .limit(1)
        ).first()
        if recent is None:
            connection.execute(
                sa.insert(StaffAccess).values(
                    staff_id=staff.id,
                    username=staff.username,
                    action=action,
                    subject=subject,
                    records=records,
                    read_digest=digest,
                    at=now,
                )
            )


@dataclass(frozen=True)
class AccessListing:
    rows: list[StaffAccess]
    total: int


def list_access(
    *,
    username: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> AccessListing:
    """Reads of personal data, newest first."""
    query = sa.select(StaffAccess)
    if username:
        query = query.where(StaffAccess.username == username.strip().lower())
    if since:
        query = query.where(StaffAccess.at >= since)
    if until:
        query = query.where(StaffAccess.at < until)
    total = int(db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    rows = db.session.scalars(query.order_by(StaffAccess.at.desc(), StaffAccess.id.desc()).offset(offset).limit(limit))
    return AccessListing(list(rows), total)
