"""Cross-site request refusal: what a browser sends with the console's session cookie must come from our pages."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request
from flask_smorest import abort

from screening.text import bilingual

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CROSS_SITE = bilingual(
    "Permintaan dari situs lain ditolak.", "Refused: the request did not come from this site's own pages."
)


def _origin_of(url: str | None) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def same_origin() -> bool:
    """The request's Origin (or, from browsers that send none, its Referer) is this server as the client sees it."""
    sent = request.headers.get("Origin")
    origin = sent if sent and sent != "null" else _origin_of(request.headers.get("Referer"))
    return origin is not None and origin == request.host_url.rstrip("/")


def init_app(app: Flask) -> None:
    """State-changing requests that carry the session cookie, and every console sign-in or sign-out form, are
    refused unless they come from the server's own origin (calls with a bearer token are not affected).
    Behind a proxy the origin is right only when SUMBAR_PROXY_HOPS lets the forwarded host and scheme through."""

    @app.before_request
    def refuse_cross_site_requests() -> None:
        if request.method not in UNSAFE_METHODS:
            return
        # A cross-site page cannot add an Authorization header, so bearer-token calls are not at risk.
        with_session = app.config["SESSION_COOKIE_NAME"] in request.cookies and "Authorization" not in request.headers
        if (with_session or request.path.startswith("/satgas/")) and not same_origin():
            abort(403, message=CROSS_SITE)
