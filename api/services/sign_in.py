"""Staff sign-in with limits that cannot be turned against an officer: failures count per (username, address)
and per address, in the database, so every worker and machine agrees; each failure is kept for the audit, and
many for one account from anywhere alert the admins (never locking the officer out)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import limits
import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import LoginFailure, SecurityEvent, StaffUser
from api.services.accounts import authenticate
from api.services.exceptions import AuthenticationFailed, TooManyRequests
from api.transactions import unit_of_work
from screening.text import bilingual

log = logging.getLogger(__name__)
USERNAME_LENGTH = 64
TARGETED_ACCOUNT = "sign_in_failures"
ADDRESS_LENGTH = 64


def _limit(setting: str) -> tuple[int, dt.timedelta]:
    parsed = limits.parse(current_app.config[setting])
    return parsed.amount, dt.timedelta(seconds=parsed.get_expiry())


def _wait(where: list[Any], amount: int, window: dt.timedelta, now: dt.datetime) -> int | None:
    """Seconds until the oldest of the last `amount` failures in the window leaves it; None when under the limit."""
    query = sa.select(LoginFailure.at).where(*where, LoginFailure.at > now - window).order_by(LoginFailure.at.desc())
    times = db.session.scalars(query.limit(amount)).all()
    if len(times) < amount:
        return None
    return max(1, int((times[amount - 1] + window - now).total_seconds()) + 1)


def sign_in(username: str, password: str, client_address: str | None) -> StaffUser:
    """The account, when the password is right and neither this username from this address nor this address
    has failed too often lately (SUMBAR_LOGIN_FAILURE_LIMIT, SUMBAR_LOGIN_ADDRESS_FAILURE_LIMIT).

    Someone else's failures from another address never refuse a correct password. Raises TooManyRequests
    (with the seconds to wait) or AuthenticationFailed; every failure is recorded.
    """
    name = username.strip().lower()[:USERNAME_LENGTH]
    address = (client_address or "unknown")[:ADDRESS_LENGTH]
    now = utcnow()
    per_user, user_window = _limit("LOGIN_FAILURE_LIMIT")
    per_address, address_window = _limit("LOGIN_ADDRESS_FAILURE_LIMIT")
    same_address = LoginFailure.client_address == address
    waits = [
        _wait([LoginFailure.username == name, same_address], per_user, user_window, now),
        _wait([same_address], per_address, address_window, now),
    ]
    db.session.rollback()
    wait = max((w for w in waits if w is not None), default=None)
    if wait is not None:
        raise TooManyRequests(
            bilingual(
                f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {wait} detik.",
                f"Too many failed sign-ins. Try again in {wait} seconds.",
            ),
            retry_after=wait,
        )
    try:
        return authenticate(username, password)
    except AuthenticationFailed:
        with unit_of_work():
            db.session.add(LoginFailure(username=name, client_address=address, at=now))
            event = _event_if_targeted(name, now)
        if event is not None:
            log.warning(
                "staff account %s: %d failed sign-ins from %d addresses within %d seconds; admins alerted "
                "(security event %s)",
                event.staff_id,
                event.attempts,
                event.addresses,
                event.window_seconds,
                event.id,
            )
        raise


def _event_if_targeted(name: str, now: dt.datetime) -> SecurityEvent | None:
    """A security event when an existing account has had SUMBAR_LOGIN_ACCOUNT_ALERT failures from any addresses
    within its window and none was raised for it in that window (one per window, not one per failure)."""
    amount, window = _limit("LOGIN_ACCOUNT_ALERT")
    # The row lock makes concurrent failures for one account on PostgreSQL decide in turn (SQLite's writers
    # already take turns), so only one of them raises the event.
    staff_id = db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == name).with_for_update())
    if staff_id is None:
        return None
    since = now - window
    attempts, addresses = db.session.execute(
        sa.select(sa.func.count(), sa.func.count(sa.distinct(LoginFailure.client_address))).where(
            LoginFailure.username == name, LoginFailure.at > since
        )
    ).one()
    if attempts < amount:
        return None
    raised = sa.select(SecurityEvent.id).where(
        SecurityEvent.kind == TARGETED_ACCOUNT, SecurityEvent.staff_id == staff_id, SecurityEvent.at > since
    )
    if db.session.scalar(raised.limit(1)) is not None:
        return None
    event = SecurityEvent(
        kind=TARGETED_ACCOUNT,
        staff_id=staff_id,
        attempts=attempts,
        addresses=addresses,
        window_seconds=int(window.total_seconds()),
        at=now,
    )
    db.session.add(event)
    db.session.flush()
    return event


def list_security_events(*, limit: int = 100, offset: int = 0) -> tuple[list[SecurityEvent], int]:
    """Security events, newest first, and how many there are."""
    total = int(db.session.scalar(sa.select(sa.func.count()).select_from(SecurityEvent)) or 0)
    query = sa.select(SecurityEvent).order_by(SecurityEvent.at.desc(), SecurityEvent.id.desc())
    return list(db.session.scalars(query.offset(offset).limit(limit))), total


def purge_login_failures(older_than: dt.timedelta) -> int:
    with unit_of_work():
        result = db.session.execute(sa.delete(LoginFailure).where(LoginFailure.at < utcnow() - older_than))
    return int(getattr(result, "rowcount", 0) or 0)
