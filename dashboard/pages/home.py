"""Ringkasan: key figures for my kabupaten/kota and the province, and the main charts."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures
from dashboard.components import key_card
from dashboard.labels import label

dash.register_page(__name__, path="/", name="Ringkasan", title="Sumbar Siaga")
GRAPH_CONFIG = {"displayModeBar": False}

CARD_FIGURES = (
    ("new_cases", 0),
    ("cases_7day_avg", 1),
    ("cases_7day_per_100k", 1),
    ("active", 0),
    ("cumulative_deaths", 0),
    ("cumulative_recovered", 0),
)


def layout(**_query: Any) -> html.Div:
    return html.Div(
        [
            html.Div(id="demo-banner"),
            html.H1(id="summary-title"),
            html.Label(
                [
                    html.Span(id="my-region-label"),
                    # persistence keeps the visitor's own kabupaten/kota in the browser across visits.
                    dcc.Dropdown(
                        id="my-region-select",
                        value="13",
                        options=region_options("id"),
                        clearable=False,
                        persistence=True,
                        persistence_type="local",
                    ),
                ],
                className="filter-label",
            ),
            html.Div(id="summary-cards"),
            html.Div(
                [dcc.Graph(id=f"chart-{name}", config=GRAPH_CONFIG) for name in ("cases", "active", "deaths")],
                className="charts",
            ),
            html.P(id="summary-alt", className="sr-caption"),
        ]
    )


@callback(
    Output("my-region-select", "options"),
    Output("summary-title", "children"),
    Output("my-region-label", "children"),
    Input("lang", "data"),
    Input("summary-title", "id"),
)
def region_choices(lang: str | None, _page: str) -> tuple[Any, str, str]:
    lang = lang or "id"
    return region_options(lang), label("summary_title", lang), label("my_region", lang)


def region_options(lang: str) -> list[dict[str, str]]:
    options = [{"label": label("province", lang), "value": "13"}]
    return options + [{"label": name, "value": code} for code, name in data.region_names().items()]


def area_cards(area: dict[str, Any], lang: str) -> html.Div:
    meta = [label("as_of", lang).format(date=area["date"] or "–")]
    if area["last_updated"]:
        meta.append(label("updated", lang).format(when=area["last_updated"][:16].replace("T", " ") + " UTC"))
    return html.Div(
        [
            html.H2(area["name"] if area["region"] != "13" else label("province", lang)),
            html.P(" · ".join(meta), className="meta"),
            html.Div([key_card(name, area["figures"][name], lang, d) for name, d in CARD_FIGURES], className="cards"),
        ]
    )


@callback(
    Output("demo-banner", "children"),
    Output("summary-cards", "children"),
    Output("chart-cases", "figure"),
    Output("chart-active", "figure"),
    Output("chart-deaths", "figure"),
    Output("summary-alt", "children"),
    Input("my-region-select", "value"),
    Input("lang", "data"),
)
def render_summary(region: str | None, lang: str | None) -> tuple[Any, ...]:
    lang, region = lang or "id", region or "13"
    summary = data.case_summary()
    areas = {a["region"]: a for a in summary["areas"]}
    banner = html.P(label("demo_banner", lang), className="demo-banner") if summary["demo"] else None
    shown = [areas[region]] + ([areas["13"]] if region != "13" else [])
    rows = data.case_series(region)
    names = {"daily": label("daily", lang), "average": label("average", lang)}
    cases_fig = figures.daily_chart(rows, "new_cases", "cases_7day_avg", names, label("fig_new_cases", lang))
    active_fig = figures.line_chart(
        rows, "active", label("fig_active", lang), label("fig_active", lang), figures.CASE_COLOURS["active"]
    )
    deaths_fig = figures.daily_chart(rows, "new_deaths", "deaths_7day_avg", names, label("fig_new_deaths", lang))
    latest = rows[-1] if rows else None
    alt = (
        f"{label('fig_cases_7day_avg', lang)}: {latest['cases_7day_avg'] or 0:.1f}; "
        f"{label('fig_active', lang)}: {latest['active']}; "
        f"{label('fig_cumulative_deaths', lang)}: {latest['cumulative_deaths']} ({latest['date']})"
        if latest
        else label("no_data", lang)
    )
    return banner, [area_cards(a, lang) for a in shown], cases_fig, active_fig, deaths_fig, alt
