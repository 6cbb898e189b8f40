"""Which errors become which replies: the table from service errors to HTTP, database trouble, the unexpected."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask
from sqlalchemy import exc as sa_exc
from werkzeug.exceptions import HTTPException, InternalServerError

from api.error_bodies import DEFAULT_MESSAGES, error_reply, http_error_reply
from api.extensions import db
from api.services import exceptions as svc
from screening.evaluate import InvalidAnswers
from screening.text import bilingual

log = logging.getLogger(__name__)

STATUS_FOR = {
    svc.NotFound: 404,
    svc.Conflict: 409,
    svc.InvalidInput: 422,
    svc.AuthenticationFailed: 401,
    svc.PermissionDenied: 403,
    svc.TooManyRequests: 429,
}

OUT_OF_RANGE = bilingual(
    "Ada nilai di luar rentang yang dapat disimpan.", "A value is outside the range that can be stored."
)
# Seconds a client should wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 5
# The database is down, unreachable, or too slow (statement timeout, no pooled connection free).
UNAVAILABLE = (sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError)


def status_for(error: svc.ServiceError) -> int:
    """The HTTP status of a service error; one not in the table is a conflict with the current state."""
    return next((code for cls, code in STATUS_FOR.items() if isinstance(error, cls)), 409)


def _service_error(error: svc.ServiceError) -> Any:
    # A refused request changes nothing, whatever the service had begun.
    _rollback_quietly()
    code = status_for(error)
    headers = {"Retry-After": str(error.retry_after)} if isinstance(error, svc.TooManyRequests) else {}
    return error_reply(code, error.message, error.errors, headers)


def _invalid_answers(error: InvalidAnswers) -> Any:
    _rollback_quietly()
    return error_reply(422, DEFAULT_MESSAGES[422], {"json": {"answers": error.errors}})


def _database_unavailable(error: Exception) -> Any:
    log.warning("database unavailable: %s", error.__class__.__name__)
    _rollback_quietly()
    return error_reply(503, DEFAULT_MESSAGES[503], headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


def _value_out_of_range(_error: Exception) -> Any:
    # A value the schemas let through but the column cannot hold; nothing was stored.
    _rollback_quietly()
    return error_reply(422, DEFAULT_MESSAGES[422], {"json": [OUT_OF_RANGE]})


def _rollback_quietly() -> None:
    try:
        db.session.rollback()
    except Exception:  # the connection may be gone too; the pool replaces it on the next checkout
        log.debug("rollback after a database error failed", exc_info=True)


def log_failure(logger: logging.Logger, what: str, error: Exception) -> None:
    """Log an unexpected error with its stack. The database's own message can quote the failing row (a
    resident's phone, a note): for a database error, log its type, constraint and stack, never the message."""
    if isinstance(error, sa_exc.DBAPIError):
        diag = getattr(error.orig, "diag", None)
        logger.error(
            "%s database error %s (constraint %s) at\n%s",
            what,
            type(error.orig).__name__,
            getattr(diag, "constraint_name", None),
            "".join(traceback.format_tb(error.__traceback__)),
        )
    else:
        logger.error("%s error", what, exc_info=error)


def _unexpected(error: Exception) -> Any:
    if isinstance(error, HTTPException):
        return http_error_reply(error)
    if isinstance(error, sa_exc.DBAPIError):
        _rollback_quietly()
    log_failure(log, "unhandled", error)
    return http_error_reply(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    for unavailable in UNAVAILABLE:
        app.register_error_handler(unavailable, _database_unavailable)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # The driver's own error, raised outside SQLAlchemy (the LISTEN connection of a live stream). Imported
        # only on PostgreSQL: loading the driver is a good part of a SQLite process's start-up.
        import psycopg

        app.register_error_handler(psycopg.OperationalError, _database_unavailable)
    app.register_error_handler(sa_exc.DataError, _value_out_of_range)
    app.register_error_handler(svc.ServiceError, _service_error)
    app.register_error_handler(InvalidAnswers, _invalid_answers)
    app.register_error_handler(Exception, _unexpected)
