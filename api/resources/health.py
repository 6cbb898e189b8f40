"""Liveness (/healthz) and readiness (/readyz: the database answers; for the holder of the metrics token, a check
value of the signing key, to compare across instances)."""

from __future__ import annotations

import hashlib
import hmac
import logging

import sqlalchemy as sa
from flask import Blueprint, current_app
from sqlalchemy.exc import SQLAlchemyError

from api.extensions import db
from api.metrics import holds_metrics_token

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)

KEY_CHECK_LABEL = b"sumbar-siaga instance key check"


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    return {"status": "ok"}, 200


def key_check() -> str:
    """An HMAC of a fixed label under the signing key: every instance behind one proxy must show the same one, or
    a console session signed by one would be refused by another. Anyone who sees it can test guesses of the key
    offline, so only the holder of the metrics token is shown it."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, KEY_CHECK_LABEL, hashlib.sha256).hexdigest()[:16]


@bp.get("/readyz")
def readyz() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(sa.text("SELECT 1"))
        body, status = {"status": "ok", "database": "ok"}, 200
    except SQLAlchemyError:
        log.warning("database not reachable")
        db.session.rollback()
        body, status = {"status": "unavailable", "database": "unreachable"}, 503
    if holds_metrics_token():
        body["signing_key_check"] = key_check()
    return body, status
