"""Level: the weekly transmission level per kabupaten/kota on a map, with the week selectable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures
from dashboard.labels import label

dash.register_page(__name__, path="/level", name="Level", title="Level transmisi · Sumbar Siaga")


def weeks() -> list[str]:
    """Mondays of the complete weeks in the data, newest first."""
    dates = data.case_dates()
    if len(dates) < 7:
        return []
    first, last = dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1])
    monday = last - dt.timedelta(days=last.weekday() + (7 if last.weekday() != 6 else 0))
    out = []
    while monday >= first:
        out.append(monday.isoformat())
        monday -= dt.timedelta(days=7)
    return out


def layout(**_query: Any) -> html.Div:
    options = weeks()
    return html.Div(
        [
            html.H1(id="levels-title"),
            html.Label(
                [
                    html.Span(id="week-label"),
                    dcc.Dropdown(
                        id="levels-week", options=options, value=options[0] if options else None, clearable=False
                    ),
                ],
                className="filter",
            ),
            dcc.Graph(id="levels-map", config={"displayModeBar": False}),
            html.Div(id="levels-table", className="table-wrap"),
        ]
    )


@callback(
    Output("levels-title", "children"),
    Output("week-label", "children"),
    Output("levels-map", "figure"),
    Output("levels-table", "children"),
    Input("levels-week", "value"),
    Input("lang", "data"),
)
def render_levels(week: str | None, lang: str | None) -> tuple[Any, ...]:
    lang = lang or "id"
    result = data.transmission_levels(week)
    centroids = {r["code"]: (r["lat"], r["lon"]) for r in data.map_values("cumulative_cases", None)}
    figure = figures.level_map(result["areas"], data.boundaries_geojson(), centroids, label("level", lang))
    header = html.Tr(
        [
            html.Th(label(k, lang))
            for k in ("col_region_name", "fig_cases_7day_per_100k", "level", "capacity", "situation", "missing_inputs")
        ]
    )
    body = [
        html.Tr(
            [
                html.Td(a["name"]),
                html.Td("–" if a.get("cases_per_100k") is None else f"{a['cases_per_100k']:.1f}", className="num"),
                html.Td(a.get("transmission_level") or "–", className="num"),
                html.Td(a.get("capacity") or "–"),
                html.Td(a.get("situational_level") or "–", className="num"),
                html.Td(", ".join(a.get("missing", []))),
            ]
        )
        for a in result["areas"]
    ]
    title = f"{label('levels_title', lang)} · {result['week_end'] or '–'}"
    table = html.Table([html.Thead(header), html.Tbody(body)], className="table", id="levels-values")
    return title, label("week", lang), figure, table
