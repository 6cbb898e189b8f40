"""plotly.js for the graphs: the partial bundle in vendor/plotly (only the traces the dashboard draws) at Dash's URL."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from flask import Flask, Response, abort, current_app, request

BUNDLE = Path(__file__).parent / "vendor" / "plotly" / "plotly-sumbar.min.js"
# Where the graphs load plotly from (Dash's renderer names the plain URL; a versioned one is Dash's own form).
ROUTE = "/_dash-component-suites/plotly/package_data/<name>"
PLOTLY_URL = ROUTE.replace("<name>", "plotly.min.js")
NAMES = re.compile(r"plotly(\.v[\w]+)?\.min\.js")


@cache
def _read(path: Path) -> bytes:
    # Read once per process: the graphs of every first visit download it.
    return path.read_bytes()


@cache
def _full_bundle() -> bytes:
    return resources.files("plotly").joinpath("package_data/plotly.min.js").read_bytes()


def plotly_bundle(name: str) -> Response:
    if not NAMES.fullmatch(name):
        abort(404)
    if current_app.config.get("MAP_TILES"):
        # The console's tiled map is a scattermap (MapLibre), which only the full bundle holds.
        return Response(_full_bundle(), mimetype="text/javascript")
    accepts_br = request.accept_encodings["br"] > 0
    reply = Response(_read(BUNDLE.with_name(BUNDLE.name + ".br") if accepts_br else BUNDLE), mimetype="text/javascript")
    if accepts_br:
        # Compressed ahead at brotli's highest level; Flask-Compress leaves an encoded reply alone.
        reply.headers["Content-Encoding"] = "br"
    reply.vary.add("Accept-Encoding")
    return reply


def init_plotly_bundle(server: Flask) -> None:
    """A more specific route than Dash's component suites, so it answers plotly's URL before them."""
    server.add_url_rule(ROUTE, "plotly_bundle", plotly_bundle)
