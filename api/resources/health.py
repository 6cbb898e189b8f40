"""Liveness (/healthz) and readiness (/readyz: the database answers; the signing key's fingerprint, to compare
across instances)."""

from __future__ import annotations

import hashlib
import logging

import sqlalchemy as sa
from flask import Blueprint, current_app
from sqlalchemy.exc import SQLAlchemyError

from api.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    return {"status": "ok"}, 200


def key_fingerprint() -> str:
    """A short digest of the signing key: every instance behind one proxy must show the same one, or a
    console session signed by one would be refused by another (the key itself is never shown)."""
    return hashlib.sha256(str(current_app.config["SECRET_KEY"]).encode()).hexdigest()[:12]


@bp.get("/readyz")
def readyz() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("database not reachable")
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable", "secret_key": key_fingerprint()}, 503
    return {"status": "ok", "database": "ok", "secret_key": key_fingerprint()}, 200
