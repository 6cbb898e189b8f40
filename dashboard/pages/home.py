"""Ringkasan: confirmed cases first, then the key figures for my kabupaten/kota and the province, and the charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate
from flask import has_request_context, request

from dashboard import data, figures
from dashboard.case_data_replies import case_data_only
from dashboard.components import (
    age_text,
    confirmed_card,
    demo_banner,
    demo_tag,
    dropdown_labels,
    key_card,
    lang_of,
    local_stamp,
    stale,
    thousands,
)
from dashboard.first_paint import lang_from
from dashboard.labels import LANGS, label
from surveillance import formats

dash.register_page(__name__, path="/", name="Ringkasan", title="Sumbar Siaga")

CARD_FIGURES = (
    ("new_cases", 0),
    ("cases_7day_avg", 1),
    ("cases_7day_per_100k", 1),
    ("active", 0),
    ("cumulative_deaths", 0),
    ("cumulative_recovered", 0),
)


def layout(**_query: Any) -> html.Div:
    # The province's figures in the language the server knows, as in the first paint: the page shows them while
    # its callbacks (the visitor's own region, the switch's language) run.
    lang, banner, cards = "id", None, None
    if has_request_context():
        lang = lang_from(request)
        banner, cards = summary_parts(data.PROVINCE, lang)
    return html.Div(
        [
            html.Div(banner, id="demo-banner"),
            html.H1(label("summary_title", lang), id="summary-title"),
            html.Label(
                [
                    html.Span(id="my-region-label"),
                    # persistence keeps the visitor's own kabupaten/kota in the browser across visits.
                    dcc.Dropdown(
                        id="my-region-select",
                        value=data.PROVINCE,
                        options=region_options("id"),
                        clearable=False,
                        persistence=True,
                        persistence_type="local",
                        labels=dropdown_labels("id"),
                    ),
                ],
                className="filter-label",
            ),
            html.Div(cards, id="summary-cards"),
            html.Div(
                [
                    dcc.Graph(id=f"chart-{name}", config=figures.graph_config("id"))
                    for name in ("cases", "active", "deaths")
                ],
                className="charts",
            ),
            html.P(id="summary-alt", className="sr-caption"),
        ]
    )


@callback(
    Output("my-region-select", "options"),
    Output("summary-title", "children"),
    Output("my-region-label", "children"),
    Output("my-region-select", "labels"),
    Input("lang", "data"),
    Input("summary-title", "id"),
)
def region_choices(lang: str | None, _page: str) -> tuple[Any, str, str, dict[str, str]]:
    lang = lang_of(lang)
    return region_options(lang), label("summary_title", lang), label("my_region", lang), dropdown_labels(lang)


def region_options(lang: str) -> list[dict[str, str]]:
    names = data.area_names()
    return [
        {"label": label("province", lang) if code == data.PROVINCE else name, "value": code}
        for code, name in names.items()
    ]


@callback(Output("my-region", "data"), Input("my-region-select", "value"))
def remember_region(region: Any) -> str | None:
    """The nav's "Wilayah" link then opens this region's page (None: the province, so the region index)."""
    if not isinstance(region, str) or region not in data.area_names():
        raise PreventUpdate
    return None if region == data.PROVINCE else region


def first_paint(lang: str) -> list[Any]:
    """The headline (confirmed cases with its date) and the key figures of the province, in the server's HTML."""
    banner, cards = summary_parts(data.PROVINCE, lang)
    return [
        html.Div(banner, id="demo-banner"),
        html.H1(label("summary_title", lang), id="summary-title"),
        # Where the region picker will be, at its height, so the cards do not jump down when the app takes over;
        # hidden from screen readers, which get the real picker a moment later.
        html.Div(
            [html.Span(label("my_region", lang)), html.Div(label("province", lang), className="select-placeholder")],
            className="filter-label",
            **{"aria-hidden": "true"},
        ),
        html.Div(cards, id="summary-cards"),
    ]


def summary_parts(region: str, lang: str) -> tuple[Any, list[html.Div]]:
    """The demo banner (when shown areas hold demo figures) and each shown area's cards."""
    areas = {a["region"]: a for a in data.case_summary()["areas"]}
    shown = shown_areas(areas, region if region in areas else data.PROVINCE)
    demo = [area["demo"] for area in shown]
    banner = demo_banner(lang, all(demo)) if any(demo) else None
    today = data.today()
    return banner, [area_cards(a, lang, today) for a in shown]


def shown_areas(areas: dict[str, Any], region: str) -> list[dict[str, Any]]:
    return [areas[region]] + ([areas[data.PROVINCE]] if region != data.PROVINCE else [])


def area_cards(area: dict[str, Any], lang: str, today: dt.date) -> html.Div:
    old = stale(area["date"], today)
    meta = [age_text(area["date"], today, lang)]
    # When publication has stopped, the moment the old figures were loaded would read as news: left out.
    if area["last_updated"] and not old:
        meta.append(label("updated", lang).format(when=local_stamp(data.local_time(area["last_updated"]), lang)))
    name = label("province", lang) if area["region"] == data.PROVINCE else area["name"]
    return html.Div(
        [
            html.H2([name, " ", demo_tag(lang) if area["demo"] else None]),
            html.P(" · ".join(meta), className="meta area-age"),
            html.Div(
                [confirmed_card(area, lang)] + [key_card(n, area["figures"][n], lang, d, old) for n, d in CARD_FIGURES],
                className="cards",
            ),
        ],
        className="area",
    )


def summary_copy_key(region: Any, lang: Any) -> tuple[str, str, str] | None:
    """A region the page lists, in a language it offers, and the day (the figures' age is told against it):
    render_summary's copies are kept under these."""
    if lang not in LANGS or not isinstance(region, str) or region not in data.area_names():
        return None
    return region, lang, data.today().isoformat()


@callback(
    Output("demo-banner", "children"),
    Output("summary-cards", "children"),
    Output("chart-cases", "figure"),
    Output("chart-active", "figure"),
    Output("chart-deaths", "figure"),
    Output("summary-alt", "children"),
    Output("chart-cases", "config"),
    Output("chart-active", "config"),
    Output("chart-deaths", "config"),
    Input("my-region-select", "value"),
    Input("lang", "data"),
)
@case_data_only(summary_copy_key)
def render_summary(region: Any, lang: str | None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    if not isinstance(region, str) or region not in data.area_names():
        region = data.PROVINCE
    banner, cards = summary_parts(region, lang)
    rows = data.case_series(region)
    names = {"daily": label("daily", lang), "average": label("average", lang)}
    cases_fig = figures.daily_chart(rows, "new_cases", "cases_7day_avg", names, label("fig_new_cases", lang), lang)
    active_fig = figures.line_chart(
        rows, "active", label("fig_active", lang), label("fig_active", lang), figures.CASE_COLOURS["active"], lang
    )
    deaths_fig = figures.daily_chart(rows, "new_deaths", "deaths_7day_avg", names, label("fig_new_deaths", lang), lang)
    latest = rows[-1] if rows else None
    alt = (
        f"{label('fig_cumulative_cases', lang)}: {thousands(latest['cumulative_cases'], lang)}; "
        f"{label('fig_cases_7day_avg', lang)}: {thousands(latest['cases_7day_avg'] or 0, lang, 1)}; "
        f"{label('fig_active', lang)}: {thousands(latest['active'], lang)}; "
        f"{label('fig_cumulative_deaths', lang)}: {thousands(latest['cumulative_deaths'], lang)} "
        f"({formats.date(latest['date'], lang)})"
        if latest
        else label("no_data", lang)
    )
    config = figures.graph_config(lang)
    return (
        banner,
        cards,
        cases_fig,
        active_fig,
        deaths_fig,
        alt,
        config,
        config,
        config,
    )
