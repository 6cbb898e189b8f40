"""The API documentation page (Swagger UI from the installed swagger-ui-bundle, so it works offline) with no
inline script, so the Content-Security-Policy needs no exception for it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, send_from_directory
from swagger_ui_bundle import swagger_ui_path

docs_assets = Blueprint("docs_assets", __name__)
HERE = Path(__file__).parent
PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sumbar Siaga API</title>
<link rel="stylesheet" href="/api/v1/docs/assets/swagger-ui.css">
<link rel="icon" href="/api/v1/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/v1/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/v1/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/v1/docs/assets/start.js"></script>
</body>
</html>
"""


@docs_assets.get("/api/v1/docs")
def page() -> Response:
    return Response(PAGE, mimetype="text/html")


ALLOWED = {
    "swagger-ui.css",
    "swagger-ui-bundle.js",
    "swagger-ui-standalone-preset.js",
    "favicon-32x32.png",
    "favicon-16x16.png",
}


@docs_assets.get("/api/v1/docs/assets/<path:filename>")
def asset(filename: str) -> Any:
    if filename == "start.js":
        return send_from_directory(str(HERE), "docs_start.js", max_age=86400)
    if filename not in ALLOWED:
        abort(404)
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


@docs_assets.get("/api/<path:path>")
def api_not_found(path: str) -> Any:  # noqa: ARG001 (the route variable)
    # Without this, the dashboard's catch-all page route would answer unknown API paths with HTML.
    # GET only, so that other methods on known paths still get 405.
    abort(404)
