"""Security headers on every response (Flask-Talisman): a Content-Security-Policy with no outside origins
(stricter still for the residents' app), no framing, no sniffing, a strict referrer policy, geolocation only
for the residents' app and the public hospitals page, HSTS over HTTPS."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from flask import Flask, Response, request
from flask_talisman import Talisman

talisman = Talisman()

# Everything comes from this server. Scripts: our files, plus the hashes of the few inline scripts the
# dashboard framework writes (added at start-up). Styles allow inline: the chart library and the dashboard's
# components set style attributes as they draw.
POLICY: dict[str, str | list[str]] = {
    "default-src": "'self'",
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": "'self'",
    "worker-src": ["'self'", "blob:"],
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
NO_POWERFUL_FEATURES = "geolocation=(), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()"
# The residents' app asks for the phone's position when the panic button is pressed; nothing else does.
RESIDENT_APP_FEATURES = "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), browsing-topics=()"
RESIDENT_APP_PREFIX = "/app"
# The public hospitals page sorts by distance from a location the visitor chooses to share.
LOCATING_PAGES = frozenset({"/rumah-sakit"})
LOCATING_FEATURES = RESIDENT_APP_FEATURES
# The residents' app writes no inline script or style at all, so its pages get the policy without the
# dashboard's allowances: an injected script or style attribute there is refused.
RESIDENT_APP_POLICY = "; ".join(
    f"{name} {' '.join(v) if isinstance(v, list) else v}"
    for name, v in {**POLICY, "style-src": "'self'", "script-src": "'self'"}.items()
)


def tile_origin(template: str | None) -> str | None:
    """The origin of a configured map-tile URL template (the one outside origin the console's map may use)."""
    if not template:
        return None
    parts = urlsplit(template)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def _policy(tiles: str | None) -> dict[str, str | list[str]]:
    """The dashboard's policy; with SUMBAR_MAP_TILES its origin may serve images and be fetched from."""
    origin = tile_origin(tiles)
    if origin is None:
        return {name: list(v) if isinstance(v, list) else v for name, v in POLICY.items()}
    policy: dict[str, str | list[str]] = {name: list(v) if isinstance(v, list) else [v] for name, v in POLICY.items()}
    for name in ("img-src", "connect-src"):
        policy[name] = [*policy[name], origin]
    return policy


def init_app(app: Flask) -> None:
    # Registered before Talisman's own hook, so it runs after it (Flask runs these in reverse) and wins.
    @app.after_request
    def permissions(response: Response) -> Response:
        resident_app = request.path == RESIDENT_APP_PREFIX or request.path.startswith(RESIDENT_APP_PREFIX + "/")
        locating = resident_app or request.path in LOCATING_PAGES
        response.headers["Permissions-Policy"] = LOCATING_FEATURES if locating else NO_POWERFUL_FEATURES
        if resident_app:
            response.headers["Content-Security-Policy"] = RESIDENT_APP_POLICY
        return response

    talisman.init_app(
        app,
        # Local runs are plain HTTP; behind the TLS proxy HSTS is sent (Talisman sends it on HTTPS only).
        force_https=False,
        session_cookie_secure=False,
        frame_options="DENY",
        content_security_policy=_policy(app.config.get("MAP_TILES")),
        referrer_policy="strict-origin-when-cross-origin",
        permissions_policy={},
        strict_transport_security=True,
        strict_transport_security_include_subdomains=False,
    )


def allow_inline_scripts(hashes: Iterable[str]) -> None:
    """Permit exactly these inline scripts ('sha256-...' sources), e.g. those the dashboard framework writes."""
    policy = getattr(talisman, "content_security_policy", None)
    if policy is None:
        # No app has set the headers up (a dashboard made on a bare Flask app, as its tests do): nothing to widen.
        return
    sources = list(policy.get("script-src", ["'self'"]))
    policy["script-src"] = sources + [h for h in hashes if h not in sources]
