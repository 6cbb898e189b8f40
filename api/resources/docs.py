"""Swagger UI assets served from the installed swagger-ui-bundle, so /api/v1/docs works offline."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, send_from_directory
from swagger_ui_bundle import swagger_ui_path

docs_assets = Blueprint("docs_assets", __name__)
ALLOWED = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
    "favicon-16x16.png",
}


@docs_assets.get("/api/v1/docs/assets/<path:filename>")
def asset(filename: str) -> Any:
    if filename not in ALLOWED:
        abort(404)
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


@docs_assets.get("/api/<path:path>")
def api_not_found(path: str) -> Any:  # noqa: ARG001 (the route variable)
    # Without this, the dashboard's catch-all page route would answer unknown API paths with HTML.
    # GET only, so that other methods on known paths still get 405.
    abort(404)
