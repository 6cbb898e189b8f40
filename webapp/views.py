"""Routes of the app: the shell page at /app and /app/, the manifest, the service worker, static files."""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, url_for

from webapp.manifest import THEME_COLOUR, manifest
from webapp.shell import current_shell

bp = Blueprint(
    "webapp",
    __name__,
    url_prefix="/app",
    static_folder="static",
    static_url_path="/static",
    template_folder="templates",
)

# The scope covers /app itself as well as /app/...: a scope of "/app/" would leave the page at /app
# uncontrolled, so it could not open offline. A script at /app/sw.js needs this header to claim it.
SW_SCOPE = "/app"
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


def static_url() -> str:
    return url_for("webapp.static", filename="")


@bp.get("")
@bp.get("/")
def app_page() -> Response:
    page = render_template(
        "webapp/app.html",
        shell=current_shell(),
        static_url=static_url(),
        theme_colour=THEME_COLOUR,
        sw_scope=SW_SCOPE,
        # The province's zone as the server keeps it (api.clock reads the same setting), not a copy in the scripts.
        time_zone=current_app.config["TIMEZONE"],
    )
    response = Response(page, mimetype="text/html")
    # Always revalidated: the service worker, not the HTTP cache, is what keeps the app offline.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/manifest.webmanifest")
def web_manifest() -> Response:
    body = json.dumps(manifest(static_url()), ensure_ascii=False, indent=1)
    response = Response(body, mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/sw.js")
def service_worker() -> Response:
    found = current_shell()
    urls = [url_for("webapp.app_page"), url_for("webapp.web_manifest")]
    urls += [url_for("webapp.static", filename=name) for name in found.static_files]
    script = render_template("webapp/sw.js", version=found.version, urls=urls, scope=SW_SCOPE)
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = SW_SCOPE
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.after_request
def security_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response
