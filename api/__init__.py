"""The Flask application factory: the API's composition root."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Flask

from api import events
from api.auth import register_security_schemes
from api.cli import register_cli
from api.config import load_config
from api.errors import register_error_handlers
from api.extensions import cache, compress, db, limiter, migrate, rest_api
from api.resources import register_resources
from api.schemas.alerts import StaffAlertSchema

MIGRATIONS_DIR = __path__[0] + "/migrations"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, test_config)
    logging.basicConfig(level=app.config["LOG_LEVEL"])
    db.init_app(app)
    register_sqlite_pragmas(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    limiter.init_app(app)
    cache.init_app(app)
    compress.init_app(app)
    rest_api.init_app(app)
    register_security_schemes(rest_api)
    register_resources(app)
    events.init_app(app, serialize=StaffAlertSchema().dump)
    register_error_handlers(app)
    register_cli(app)
    return app


def register_sqlite_pragmas(app: Flask) -> None:
    """WAL and a busy timeout let web workers share one SQLite file; foreign keys are off unless asked for.

    synchronous=NORMAL is SQLite's recommended setting under WAL: a committed write survives a crash of
    the application; only a power cut or OS crash can lose the last commits. Production runs PostgreSQL.
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()
