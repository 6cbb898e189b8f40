"""The Allow header names exactly the methods an address's own route serves, not those of the catch-all routes
behind it (the API's 404 for unknown addresses, the dashboard's pages)."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.routing import MapAdapter

FALLBACKS = "sumbar.fallback_endpoints"
# In the order replies list them.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def mark_fallback(app: Flask, endpoint: str) -> None:
    """`endpoint` answers paths no other route claims; its methods are no other route's."""
    app.extensions.setdefault(FALLBACKS, set()).add(endpoint)


def served_methods(adapter: MapAdapter, path: str, fallbacks: set[str]) -> list[str]:
    """The methods `path`'s own route serves; a catch-all's only when no other route claims the path."""
    own: list[str] = []
    behind: list[str] = []
    for method in METHODS:
        try:
            rule, _ = adapter.match(path, method, return_rule=True)
        except HTTPException:  # not found, not allowed, or a redirect (RequestRedirect is one)
            continue
        (behind if rule.endpoint in fallbacks else own).append(method)
    return own or behind


def init_app(app: Flask) -> None:
    @app.after_request
    def exact_allow(response: Response) -> Response:
        # Werkzeug lists the methods of every route the path matches, a catch-all's GET included (on a 405
        # and on OPTIONS), which would tell a client that GET works where it only finds a 404.
        if "Allow" in response.headers:
            adapter = current_app.create_url_adapter(request)
            if adapter is not None:
                methods = served_methods(adapter, request.path, current_app.extensions.get(FALLBACKS, set()))
                if methods:
                    response.headers["Allow"] = ", ".join(methods)
        return response
