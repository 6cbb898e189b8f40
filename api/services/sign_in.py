"""Staff sign-in with limits that cannot be turned against an officer: failures count per (username, address)
and per address, in the database, so every worker and machine agrees; each failure is kept for the audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import limits
import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import LoginFailure, StaffUser
from api.services.accounts import authenticate
from api.services.exceptions import AuthenticationFailed, TooManyRequests
from api.transactions import begin_write
from screening.text import bilingual

USERNAME_LENGTH = 64
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
        db.session.rollback()
        begin_write()
        db.session.add(LoginFailure(username=name, client_address=address, at=now))
        db.session.commit()
        raise


def purge_login_failures(older_than: dt.timedelta) -> int:
    result = db.session.execute(sa.delete(LoginFailure).where(LoginFailure.at < utcnow() - older_than))
    db.session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
