"""The dashboard on the API's server (one Dash app for the module): the page, its language, icon and
compression, and the pages before any case data exists."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import brotli
import flask_compress.flask_compress
import pytest
from flask import Flask
from flask.testing import FlaskClient

import api.static_files
from dashboard.app import init_dashboard
from tests.module_app import module_app

__all__ = ["module_app"]
ASSETS = Path(__file__).resolve().parents[2] / "dashboard" / "assets"


@pytest.fixture(scope="module")
def site(module_app: Flask) -> FlaskClient:
    init_dashboard(module_app)
    return module_app.test_client()


def test_the_dashboard_is_served_at_the_root_beside_the_api(site: FlaskClient) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert "text/html" in page.content_type
    assert site.get("/api/v1/regions").is_json
    layout = site.get("/_dash-layout").get_data(as_text=True)
    for component in ('"lang-switch"', '"nav"', '"menu-toggle"', '"my-region"'):
        assert component in layout


def test_the_page_says_its_language_and_shows_the_products_own_icon(site: FlaskClient) -> None:
    page = site.get("/").get_data(as_text=True)
    assert '<html lang="id">' in page
    assert '<link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">' in page
    icon = re.search(r'<link rel="icon" type="image/x-icon" href="([^"]+)"', page)
    assert icon is not None
    with site.get(icon.group(1)) as reply:
        assert reply.get_data() == (ASSETS / "favicon.ico").read_bytes()
    with site.get("/assets/favicon.svg") as reply:
        assert b"<svg" in reply.get_data()
    # The browser side of the language: <html lang> follows the switch (assets/shell.js).
    with site.get("/assets/shell.js") as reply:
        assert "document.documentElement.lang" in reply.get_data(as_text=True)


def test_pages_and_their_scripts_are_compressed(site: FlaskClient) -> None:
    page = site.get("/", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] == "br"
    scripts = re.findall(r'<script src="([^"]+)"', site.get("/").get_data(as_text=True))
    bundle = next(s for s in scripts if "dash_renderer" in s)
    with site.get(bundle) as plain, site.get(bundle, headers={"Accept-Encoding": "gzip"}) as packed:
        assert packed.headers["Content-Encoding"] == "gzip"
        assert len(packed.get_data()) < len(plain.get_data()) / 2


def test_pages_load_no_table_script_but_keep_the_polyfill_dash_s_lazy_components_need(site: FlaskClient) -> None:
    for path in ("/", "/satgas", "/wilayah/13.71"):
        scripts = re.findall(r'<script src="([^"]+)"', site.get(path).get_data(as_text=True))
        assert not [s for s in scripts if "dash_table" in s]
        # dash-renderer and dcc load their lazy components (graphs, dropdowns) through regeneratorRuntime, which
        # only the polyfill defines: without it they fail to load, in current Chromium too.
        for bundle in ("deps/polyfill@", "dash_renderer", "dcc/dash_core_components.", "dash_html_components"):
            assert [s for s in scripts if bundle in s], bundle


# dash_table imported in any form, or a DataTable made.
USES_DATATABLE = re.compile(r"import[^\n]*\bdash_table\b|\bdash\.dash_table\b|\bdash_table\.|DataTable\(")


def test_no_dashboard_module_draws_a_datatable_whose_script_the_pages_leave_out() -> None:
    package = Path(__file__).resolve().parents[2] / "dashboard"
    modules = list(package.rglob("*.py"))
    assert len(modules) > 20
    for module in modules:
        assert not USES_DATATABLE.search(module.read_text(encoding="utf-8")), module
    assert USES_DATATABLE.search("from dash import dash_table, dcc")
    assert USES_DATATABLE.search("dash_table.DataTable(data=rows)")


# A bundle Dash serves itself (plotly's own comes compressed ahead: tests/dashboard/test_plotly_bundle.py).
GRAPH = "/_dash-component-suites/dash/dcc/async-graph.js"


def test_a_bundle_path_dash_does_not_know_is_not_found(site: FlaskClient) -> None:
    with site.get(GRAPH) as known:
        assert known.status_code == 200
    for unknown in ("/_dash-component-suites/dash/nope.js", "/_dash-component-suites/nope/nope.js"):
        reply = site.get(unknown)
        assert reply.status_code == 404
        assert reply.is_json
        assert reply.get_json()["status"] == 404


def test_a_bundle_is_compressed_once_and_cached_by_browsers(site: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    compress = flask_compress.flask_compress._compress_data
    once = api.static_files.brotli.compress

    def counting(app: Flask, data: bytes, algorithm: str) -> bytes:
        calls.append(algorithm)
        return compress(app, data, algorithm)

    def counting_once(data: bytes, quality: int) -> bytes:
        calls.append(f"br{quality}")
        return once(data, quality=quality)

    monkeypatch.setattr(flask_compress.flask_compress, "_compress_data", counting)
    monkeypatch.setattr(api.static_files, "brotli", SimpleNamespace(compress=counting_once))
    # A bundle at its plain URL and at a versioned one (as Dash names its own).
    versioned = GRAPH.replace("async-graph.js", "async-graph.v4_4_1m1.js")
    for url, cache_control in ((GRAPH, "max-age=3600"), (versioned, "immutable")):
        first, second = (site.get(url, headers={"Accept-Encoding": "gzip, br"}) for _ in range(2))
        assert first.headers["Content-Encoding"] == second.headers["Content-Encoding"] == "br"
        assert first.get_data() == second.get_data()
        assert brotli.decompress(first.get_data()) == site.get(url, headers={"Accept-Encoding": "identity"}).get_data()
        assert "public" in second.headers["Cache-Control"]
        assert "max-age=" in second.headers["Cache-Control"]
        assert cache_control in second.headers["Cache-Control"]
    # once per URL, not once per download, and harder than the replies made per request
    assert calls == [f"br{api.static_files.STATIC_BR_LEVEL}"] * 2
    calls.clear()
    with site.get(GRAPH, headers={"Accept-Encoding": "gzip"}) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
    assert calls == ["gzip"]
    asset = re.search(r'src="(/assets/shell\.js\?m=[^"]+)"', site.get("/").get_data(as_text=True))
    assert asset
    with site.get(asset.group(1), headers={"Accept-Encoding": "gzip"}) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        assert reply.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Replies that are not static files are compressed afresh: the same path can answer differently.
    calls.clear()
    for _ in range(2):
        assert site.get("/", headers={"Accept-Encoding": "br"}).headers["Content-Encoding"] == "br"
    assert calls == ["br", "br"]


def test_the_summary_renders_before_any_case_data_exists(pages: SimpleNamespace, site: FlaskClient) -> None:
    banner, cards, cases, active, deaths, alt, *_ = pages.home.render_summary("13", "en")
    assert alt == "No data yet."
    assert banner is None
    assert cards[0].children[2].children[0].children[1].children == "–"
    level = pages.level.render_levels(None, "en")
    assert level[0].endswith("· –")
    assert pages.peta.render_map("active", 0, [], "en")[2] == "Date: –"


MAP_OUTPUTS = [
    ("region-map", "figure"),
    ("map-table", "children"),
    ("date-label", "children"),
    ("region-map-alt", "children"),
    ("map-banner", "children"),
    ("region-map", "config"),
]
MAP_INPUTS = [("map-measure", "value"), ("map-date", "value"), ("map-dates", "data"), ("lang", "data")]


def crafted(outputs: list[tuple[str, str]], inputs: list[tuple[str, str, object]]) -> dict[str, object]:
    """A callback request as a crafted client might send it (this is what the guard reads, not a page test)."""
    return {
        "output": ".." + "...".join(f"{i}.{p}" for i, p in outputs) + "..",
        "outputs": [{"id": i, "property": p} for i, p in outputs],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "changedPropIds": [],
        "state": [],
    }


@pytest.mark.parametrize(
    "body",
    [
        crafted([("region-map", "nonsense")], [("map-measure", "value", "active")]),
        crafted(MAP_OUTPUTS, [("map-measure", "value", "active")]),
        crafted(MAP_OUTPUTS, [(i, p, None) for i, p in reversed(MAP_INPUTS)]),
        {**crafted(MAP_OUTPUTS, [(i, p, None) for i, p in MAP_INPUTS]), "outputs": {"id": "region-map"}},
        {"output": 42},
        [],
        "not an object",
    ],
)
def test_crafted_callback_requests_get_400_not_a_server_error(site: FlaskClient, body: object) -> None:
    reply = site.post("/_dash-update-component", json=body)
    assert reply.status_code == 400
    assert reply.get_json()["code"] == 400


def test_well_formed_requests_with_bad_values_change_nothing(site: FlaskClient) -> None:
    body = crafted(
        MAP_OUTPUTS,
        [
            ("map-measure", "value", "no_such_measure"),
            ("map-date", "value", 10**30),
            ("map-dates", "data", "x"),
            ("lang", "data", "xx"),
        ],
    )
    assert site.post("/_dash-update-component", json=body).status_code == 204


def test_no_two_callbacks_write_the_same_output(site: FlaskClient) -> None:
    from dash import get_app

    site.get("/_dash-dependencies")  # Dash collects the callbacks on its first request
    outputs = [o for key in get_app().callback_map for o in key.strip(".").split("...")]
    assert len(outputs) > 50
    assert len(outputs) == len(set(outputs))


def test_the_console_service_worker_may_control_the_console(site: FlaskClient) -> None:
    reply = site.get("/satgas/sw.js")
    assert reply.status_code == 200
    assert reply.mimetype == "text/javascript"
    assert reply.headers["Service-Worker-Allowed"] == "/satgas"
    assert "showNotification" in reply.get_data(as_text=True)


def test_the_shell_and_the_callback_list_are_encoded_once_per_process(app: Flask) -> None:
    dash_app = init_dashboard(app)
    made: list[int] = []
    shell = dash_app.layout

    def counted() -> object:
        made.append(1)
        return shell()  # type: ignore[operator]

    dash_app.layout = counted
    client = app.test_client()
    first, second = (client.get("/_dash-layout").get_data() for _ in range(2))
    assert first == second
    assert len(made) <= 1  # Dash may call it once more when the layout is set; never per request
    before = client.get("/_dash-dependencies").get_json()
    assert client.get("/_dash-dependencies").get_json() == before
    assert any("summary-cards" in callback["output"] for callback in before)
