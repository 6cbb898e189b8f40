"""The partial plotly.js bundle: the plotly version the Python package ships, every trace type the figures make,
served compressed ahead at plotly's URL, and the full bundle where the console's tiled map needs it."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli
import pytest
from flask import Flask
from plotly.offline import get_plotlyjs_version

from dashboard import plotly_js
from dashboard.app import init_dashboard
from tests.module_app import module_app

__all__ = ["module_app"]
DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
URL = "/_dash-component-suites/plotly/package_data/plotly.min.js"
# Needs the network and WebGL, drawn only with SUMBAR_MAP_TILES: the full bundle is served then.
FULL_BUNDLE_ONLY = {"scattermap"}


def bundled_traces(bundle: bytes) -> set[str]:
    """The trace modules a minified plotly.js bundle registers."""
    return set(re.findall(r'moduleType:"trace",name:"(\w+)"', bundle.decode("utf-8")))


def figure_traces() -> set[str]:
    """Every trace type the dashboard's code makes (graph_objects classes, go.Bar -> bar)."""
    made: set[str] = set()
    for module in DASHBOARD.rglob("*.py"):
        made |= {name.lower() for name in re.findall(r"\bgo\.([A-Z]\w*)\(", module.read_text(encoding="utf-8"))}
    return made - {"figure", "layout"}


@pytest.fixture(scope="module")
def app(module_app: Flask) -> Flask:
    init_dashboard(module_app)
    return module_app


def test_the_bundle_is_the_plotly_the_python_package_ships() -> None:
    head = plotly_js.BUNDLE.read_bytes()[:300].decode("utf-8")
    assert f"plotly.js v{get_plotlyjs_version()} " in head


def test_the_bundle_holds_every_trace_type_the_figures_make() -> None:
    traces = bundled_traces(plotly_js.BUNDLE.read_bytes())
    made = figure_traces()
    assert {"scatter", "bar", "choropleth", "scattergeo", "heatmap"} <= made  # the scan finds them
    assert made - FULL_BUNDLE_ONLY <= traces
    # Only what is drawn: the full bundle's other types (3D, WebGL, maps) are not in it.
    assert traces == made - FULL_BUNDLE_ONLY


def test_the_compressed_copy_is_the_bundle() -> None:
    packed = plotly_js.BUNDLE.with_name(plotly_js.BUNDLE.name + ".br").read_bytes()
    assert brotli.decompress(packed) == plotly_js.BUNDLE.read_bytes()


def test_the_graphs_get_the_partial_bundle_compressed_ahead(app: Flask) -> None:
    site = app.test_client()
    bundle = plotly_js.BUNDLE.read_bytes()
    with site.get(URL, headers={"Accept-Encoding": "gzip, deflate, br, zstd"}) as reply:
        assert reply.status_code == 200
        assert reply.headers["Content-Encoding"] == "br"
        assert "Accept-Encoding" in reply.headers["Vary"]
        assert "public" in reply.headers["Cache-Control"]
        assert "max-age=" in reply.headers["Cache-Control"]
        assert reply.mimetype == "text/javascript"
        assert brotli.decompress(reply.get_data()) == bundle
    # A client without brotli gets the server's own compression, or the file as it is.
    with site.get(URL, headers={"Accept-Encoding": "gzip"}) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(reply.get_data()) == bundle
    with site.get(URL, headers={"Accept-Encoding": "identity"}) as reply:
        assert "Content-Encoding" not in reply.headers
        assert reply.get_data() == bundle
    # Dash's versioned form of the same URL, and nothing else under plotly's folder.
    with site.get(URL.replace("plotly.min.js", "plotly.v6_0_0m1.min.js"), headers={"Accept-Encoding": "br"}) as reply:
        assert brotli.decompress(reply.get_data()) == bundle
    assert site.get(URL.replace("plotly.min.js", "plotly-geo-assets.js")).status_code == 404


def test_with_map_tiles_the_console_gets_the_full_bundle(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(app.config, "MAP_TILES", "https://tiles.example.org/{z}/{x}/{y}.png")
    with app.test_client().get(URL, headers={"Accept-Encoding": "identity"}) as reply:
        assert reply.status_code == 200
        full = reply.get_data()
    assert "scattermap" in bundled_traces(full)
    assert len(full) > 2 * len(plotly_js.BUNDLE.read_bytes())
