"""The Flask application factory: the API's composition root."""

from __future__ import annotations

from typing import Any

from flask import Flask

from api import (
    allow,
    connection_checks,
    events,
    http,
    logs,
    metrics,
    origin,
    private_replies,
    request_ids,
    security_headers,
    static_files,
    streams,
    transactions,
)
from api.auth import register_security_schemes
from api.cli import register_cli
from api.config import load_config
from api.errors import register_error_handlers
from api.extensions import cache, compress, db, limiter, migrate, rest_api
from api.http import BoundedIntegerConverter, path_integer_schema
from api.openapi import ContractPlugin
from api.resources import register_resources
from api.schemas.alerts import stream_view
from api.smorest import OperationIds

MIGRATIONS_DIR = __path__[0] + "/migrations"


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, test_config)
    request_ids.init_app(app)
    logs.init_app(app)
    metrics.init_app(app)
    http.init_app(app)
    allow.init_app(app)
    security_headers.init_app(app)
    private_replies.init_app(app)
    db.init_app(app)
    transactions.init_app(app)
    connection_checks.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR)
    limiter.init_app(app)
    cache.init_app(app)
    compress.init_app(app)
    static_files.init_app(app)
    rest_api.init_app(app, spec_kwargs={"extra_plugins": [OperationIds(), ContractPlugin()]})
    rest_api.register_converter(BoundedIntegerConverter, path_integer_schema)
    register_security_schemes(rest_api)
    register_resources(app)
    events.init_app(app, serialize=stream_view)
    streams.init_app(app)
    register_error_handlers(app)
    origin.init_app(app)
    register_cli(app)
    return app
