"""Replies that carry residents' or staff data are never kept by a browser, proxy or phone cache (no-store)."""

from __future__ import annotations

from flask import Flask, Response, request

NO_STORE = "no-store"
# Every API reply (residents' own data, staff reads, tokens, errors) and the console's callbacks. Public
# statistics say how they may be kept themselves (api/resources/freshness.py); a reply that sets its own
# Cache-Control keeps it.
PRIVATE_PREFIXES = ("/api/v1/", "/_dash-update-component", "/satgas")


def init_app(app: Flask) -> None:
    @app.after_request
    def _no_store(response: Response) -> Response:
        if "Cache-Control" not in response.headers and request.path.startswith(PRIVATE_PREFIXES):
            response.headers["Cache-Control"] = NO_STORE
        return response
