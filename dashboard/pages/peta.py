"""Peta: one measure per kabupaten/kota on a chosen date, as a choropleth or as circles at the centroids."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures
from dashboard.components import thousands
from dashboard.labels import label

dash.register_page(__name__, path="/peta", name="Peta", title="Peta · Sumbar Siaga")

MEASURES = ("cumulative_cases", "cases_7day_per_100k", "active", "cumulative_deaths_per_100k")


def layout(**_query: Any) -> html.Div:
    dates = data.case_dates()
    step = max(1, len(dates) // 12)
    marks = {i: dates[i][:7] for i in range(0, len(dates), step)} if dates else {}
    return html.Div(
        [
            html.H1(id="map-title"),
            html.Div(
                [
                    html.Label(
                        [
                            html.Span(id="measure-label"),
                            dcc.Dropdown(
                                id="map-measure",
                                value="cases_7day_per_100k",
                                options=[{"label": label(f"fig_{m}", "id"), "value": m} for m in MEASURES],
                                clearable=False,
                            ),
                        ],
                        className="filter",
                    ),
                ],
                className="filters",
            ),
            html.Label(html.Span(id="date-label")),
            dcc.Slider(
                id="map-date",
                min=0,
                max=max(0, len(dates) - 1),
                step=1,
                value=max(0, len(dates) - 1),
                marks=marks,
                updatemode="mouseup",
            ),
            dcc.Store(id="map-dates", data=dates),
            dcc.Graph(id="region-map", config={"displayModeBar": False}),
            html.H2(id="map-table-title"),
            html.Div(id="map-table", className="table-wrap"),
        ]
    )


@callback(
    Output("map-title", "children"),
    Output("measure-label", "children"),
    Output("map-measure", "options"),
    Output("map-table-title", "children"),
    Input("lang", "data"),
    Input("map-title", "id"),
)
def map_labels(lang: str | None, _page: str) -> tuple[Any, ...]:
    lang = lang or "id"
    options = [{"label": label(f"fig_{m}", lang), "value": m} for m in MEASURES]
    return label("map_title", lang), label("measure", lang), options, label("map_table", lang)


@callback(
    Output("region-map", "figure"),
    Output("map-table", "children"),
    Output("date-label", "children"),
    Input("map-measure", "value"),
    Input("map-date", "value"),
    Input("map-dates", "data"),
    Input("lang", "data"),
)
def render_map(measure: str, index: int | None, dates: list[str], lang: str | None) -> tuple[Any, ...]:
    lang, measure = lang or "id", measure or "cases_7day_per_100k"
    date = dates[index] if dates and index is not None and index < len(dates) else None
    values = data.map_values(measure, date)
    figure = figures.region_map(values, data.boundaries_geojson(), label(f"fig_{measure}", lang))
    decimals = 0 if measure in ("cumulative_cases", "active") else 1
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(label("col_region_name", lang)), html.Th(label(f"fig_{measure}", lang))])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(v["name"]),
                            html.Td(
                                "–" if v["value"] is None else thousands(v["value"], lang, decimals), className="num"
                            ),
                        ]
                    )
                    for v in sorted(values, key=lambda v: -(v["value"] or 0))
                ]
            ),
        ],
        className="table",
        id="map-values",
    )
    return figure, table, f"{label('date', lang)}: {date or '–'}"
