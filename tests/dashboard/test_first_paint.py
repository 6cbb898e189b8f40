"""The summary's first paint from the server: the headline and key figures in the HTML, in the language the
visitor chose last, the same the page's callbacks render; plotly asked for beside the app's scripts."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace
from typing import Any

import dash
import pytest
from dash import dcc, html
from flask import Flask
from flask.testing import FlaskClient

from api.caching import forget_recent
from dashboard import data
from dashboard.app import init_dashboard
from dashboard.first_paint import LANG_COOKIE, to_html
from dashboard.plotly_js import PLOTLY_URL
from tests.module_app import demo_app, module_app

__all__ = ["demo_app", "module_app"]


def entry_point(page: str) -> str:
    """What the page shows before its scripts run: the entry point's content, up to the app's configuration."""
    start = page.index('<div id="react-entry-point">')
    return page[start : page.index("<footer>", start)]


@pytest.fixture(scope="module")
def site(module_app: Flask) -> FlaskClient:
    init_dashboard(module_app)
    return module_app.test_client()


def test_html_components_become_the_html_react_would_render() -> None:
    card = html.Div(
        [html.Div("Kasus <baru>", className="card-label"), html.Span(12_345), None],
        className="card",
        role="group",
        n_clicks=0,
        **{"aria-label": 'Kasus "baru": 12.345'},
    )
    assert to_html(card) == (
        '<div class="card" role="group" aria-label="Kasus &#34;baru&#34;: 12.345">'
        '<div class="card-label">Kasus &lt;baru&gt;</div><span>12345</span></div>'
    )
    with pytest.raises(TypeError, match="html components only"):
        to_html(html.Div(dcc.Dropdown(id="x")))


def test_before_any_case_data_the_first_paint_says_so(site: FlaskClient) -> None:
    reply = site.get("/")
    assert reply.status_code == 200
    shown = entry_point(reply.get_data(as_text=True))
    assert '<h1 id="summary-title">Ringkasan COVID-19</h1>' in shown
    assert 'class="card headline"' in shown
    assert "–" in shown


def test_the_first_paint_is_the_summary_the_callbacks_render_in_the_chosen_language(
    pages: SimpleNamespace, site: FlaskClient, demo_app: Flask
) -> None:
    for lang, cookie in (("id", None), ("en", "en"), ("id", "fr"), ("id", "id")):
        if cookie is None:
            site.delete_cookie(LANG_COOKIE)
        else:
            site.set_cookie(LANG_COOKIE, cookie)
        page = site.get("/").get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        shown = entry_point(page)
        banner, cards = pages.home.summary_parts(data.PROVINCE, lang)
        # The headline (confirmed cases with its date) and the key figures, as the page's callback draws them.
        assert f'<div id="summary-cards">{to_html(cards)}</div>' in shown
        assert to_html(banner) in shown
        province = next(a for a in data.case_summary()["areas"] if a["region"] == data.PROVINCE)
        total = f"{province['cumulative_cases']:,}".replace(",", "," if lang == "en" else ".")
        assert f'<div class="card-value headline-value">{total}</div>' in shown
        assert "demo" in shown.lower()
        assert 'class="card headline"' in shown
        assert re.search(r"<h1[^>]*>(Ringkasan COVID-19|COVID-19 summary)</h1>", shown)
        # The page's landmarks while the app loads: the product's name in a header, the figures in main.
        assert shown.count("<main") == 1
        assert '<a class="brand" href="/">Sumbar Siaga</a>' in shown
        assert f'<link rel="preload" as="script" href="{PLOTLY_URL}">' in page
    site.delete_cookie(LANG_COOKIE)


def test_the_page_layout_holds_the_same_figures_so_nothing_blinks_when_the_app_starts(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    with demo_app.test_request_context("/", headers={"Cookie": f"{LANG_COOKIE}=en"}):
        layout = pages.home.layout()
        _, cards = pages.home.summary_parts(data.PROVINCE, "en")
    assert to_html(layout.children[3]) == to_html(html.Div(cards, id="summary-cards"))
    assert layout.children[1].children == "COVID-19 summary"


def test_pages_without_a_first_paint_keep_the_loading_text_and_load_plotly_only_for_their_graphs(
    site: FlaskClient,
) -> None:
    page = site.get("/instruksi").get_data(as_text=True)
    assert "Loading..." in entry_point(page)
    assert 'rel="preload"' not in page


def test_the_first_paint_is_rendered_once_per_language_for_a_few_seconds_and_again_after_a_change(
    site: FlaskClient, demo_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The page module the server renders (each Dash app made in the session imports its pages anew).
    home = sys.modules[next(p["module"] for p in dash.page_registry.values() if p["path"] == "/")]
    rendered: list[str] = []
    parts = home.summary_parts

    def counting(region: str, lang: str) -> Any:
        rendered.append(lang)
        return parts(region, lang)

    monkeypatch.setattr(home, "summary_parts", counting)
    forget_recent()
    for _ in range(3):
        site.get("/")
    assert rendered == ["id"]
    forget_recent()  # what a case-data import in this process does (case_stats.forget_version)
    site.get("/")
    assert rendered == ["id", "id"]
