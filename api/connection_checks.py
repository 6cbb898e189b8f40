"""PostgreSQL connections from the pool are checked before use when they have sat idle, not on every request."""

from __future__ import annotations

import time
from typing import Any

import sqlalchemy as sa
from flask import Flask

from api.extensions import db

# A connection idle for longer than this may have been closed by a database restart or a network cut since: it is
# tried with SELECT 1 first, and replaced if that fails. One in steady use is not: the check was one more round
# trip on every request. Such a connection that went bad meanwhile fails its request (503, Retry-After), and the
# disconnect empties the whole pool, so only that request, not the next ones, meets the outage.
IDLE_SECONDS = 1.0
_RETURNED = "sumbar.returned_at"


def init_app(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return  # SQLite is a file: there is no server whose connection could have gone
    with app.app_context():
        engine = db.engine

    @sa.event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _check_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(_RETURNED)
        if returned is None or time.monotonic() - returned <= IDLE_SECONDS:
            return  # new (just connected), or in steady use
        try:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except Exception as error:
            # The pool then drops this connection and takes (or makes) another.
            raise sa.exc.DisconnectionError() from error
