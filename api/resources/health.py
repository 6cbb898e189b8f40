"""Liveness (/healthz) and readiness (/readyz: the database answers)."""

from __future__ import annotations

import logging

import sqlalchemy as sa
from flask import Blueprint
from sqlalchemy.exc import SQLAlchemyError

from api.extensions import db

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> tuple[dict[str, str], int]:
    return {"status": "ok"}, 200


@bp.get("/readyz")
def readyz() -> tuple[dict[str, str], int]:
    try:
        db.session.execute(sa.text("SELECT 1"))
    except SQLAlchemyError:
        log.warning("database not reachable", exc_info=True)
        db.session.rollback()
        return {"status": "unavailable", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}, 200
