"""Peta: one measure per kabupaten/kota on a chosen date, as a choropleth of the boundaries, with a table."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures, inputs
from dashboard.case_data_replies import case_data_only
from dashboard.components import demo_tag, dropdown_labels, lang_of, thousands
from dashboard.labels import LANGS, label
from surveillance import formats
from surveillance.freshness import data_until, is_stale

dash.register_page(__name__, path="/peta", name="Peta", title="Peta · Sumbar Siaga")

DEFAULT_MEASURE = "cases_7day_per_100k"
DECIMALS = {"cumulative_cases": 0, "active": 0, "cases_7day_per_100k": 1, "cumulative_deaths_per_100k": 1}


def slider_marks(dates: list[str]) -> dict[int, str]:
    """The first day of each year, labelled by year: few enough to stay readable on a 360-pixel phone."""
    marks = {}
    for index, day in enumerate(dates):
        if index == 0 or day[:4] != dates[index - 1][:4]:
            marks[index] = day[:4]
    return marks


def layout(**_query: Any) -> html.Div:
    dates = data.case_dates()
    last = max(0, len(dates) - 1)
    return html.Div(
        [
            html.H1(id="map-title"),
            html.Div(id="map-banner"),
            html.Div(
                html.Label(
                    [
                        html.Span(id="measure-label"),
                        dcc.Dropdown(
                            id="map-measure",
                            value=DEFAULT_MEASURE,
                            options=[{"label": label(f"fig_{m}", "id"), "value": m} for m in data.MAP_MEASURES],
                            clearable=False,
                            labels=dropdown_labels("id"),
                        ),
                    ],
                    className="filter",
                ),
                className="filters",
            ),
            html.Label(html.Span(id="date-label", className="date-label"), htmlFor="map-date"),
            dcc.Slider(
                id="map-date",
                min=0,
                max=last,
                step=1,
                value=last,
                marks=slider_marks(dates),
                updatemode="mouseup",
                # The index means nothing to a reader: no number box beside the slider; the date shows above it.
                allow_direct_input=False,
                className="date-slider",
            ),
            dcc.Store(id="map-dates", data=dates),
            html.Div(dcc.Graph(id="region-map", config=figures.graph_config("id")), className="area-map"),
            html.P(id="region-map-alt", className="sr-caption"),
            html.H2(id="map-table-title"),
            html.Div(
                id="map-table",
                className="table-wrap",
                tabIndex="0",
                role="region",
                **{"aria-labelledby": "map-table-title"},
            ),
        ]
    )


@callback(
    Output("map-title", "children"),
    Output("measure-label", "children"),
    Output("map-measure", "options"),
    Output("map-table-title", "children"),
    Output("map-measure", "labels"),
    Input("lang", "data"),
    Input("map-title", "id"),
)
def map_labels(lang: str | None, _page: str) -> tuple[Any, ...]:
    lang = lang_of(lang)
    options = [{"label": label(f"fig_{m}", lang), "value": m} for m in data.MAP_MEASURES]
    return label("map_title", lang), label("measure", lang), options, label("map_table", lang), dropdown_labels(lang)


def hover_line(row: dict[str, Any], measure_name: str, decimals: int, lang: str) -> str:
    value = "–" if row["value"] is None else thousands(row["value"], lang, decimals)
    as_of = f" ({formats.date(row['date'], lang)})" if row["date"] else ""
    demo = f" · {label('demo_tag', lang)}" if row["demo"] else ""
    return f"<b>{row['name']}</b><br>{measure_name}: {value}{as_of}{demo}"


def map_copy_key(measure: Any, index: Any, dates: Any, lang: Any) -> tuple[str, str, str, str] | None:
    """A measure and a day with figures that the page offers, in a language it offers, on the day asked (the
    figures' age is told against it): the reply follows from these alone, whatever list of dates the request
    carried."""
    if measure not in data.MAP_MEASURES or lang not in LANGS or not isinstance(dates, list):
        return None
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(dates):
        return None
    date = dates[index]
    if not isinstance(date, str) or date not in set(data.case_dates()):
        return None
    return measure, date, lang, data.today().isoformat()


def date_text(date: str | None, lang: str) -> str:
    """The date shown, and once the newest figures are old, that publication stopped."""
    shown = f"{label('date', lang)}: {formats.date(date, lang) if date else '–'}"
    dates = data.case_dates()
    today = data.today()
    if dates and is_stale(dt.date.fromisoformat(dates[-1]), today):
        shown += f" ({data_until(dt.date.fromisoformat(dates[-1]), today, lang)})"
    return shown


@callback(
    Output("region-map", "figure"),
    Output("map-table", "children"),
    Output("date-label", "children"),
    Output("region-map-alt", "children"),
    Output("map-banner", "children"),
    Output("region-map", "config"),
    Input("map-measure", "value"),
    Input("map-date", "value"),
    Input("map-dates", "data"),
    Input("lang", "data"),
)
@case_data_only(map_copy_key)
def render_map(measure: Any, index: Any, dates: Any, lang: str | None) -> tuple[Any, ...]:
    lang = inputs.language(lang)
    measure = inputs.choice(measure, data.MAP_MEASURES)
    dates = inputs.strings(dates)
    date = inputs.iso_date(inputs.item_at(index, dates)) if dates else None
    name, decimals = label(f"fig_{measure}", lang), DECIMALS[measure]
    values = [{**v, "text": hover_line(v, name, decimals, lang)} for v in data.map_values(measure, date)]
    figure = figures.region_map(values, data.boundaries_geojson(), name, lang)
    table = html.Table(
        [
            html.Thead(
                html.Tr(
                    [html.Th(label(k, lang), scope="col") for k in ("col_region_name", f"fig_{measure}", "as_of_col")]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td([v["name"], " ", demo_tag(lang) if v["demo"] else None]),
                            html.Td(
                                "–" if v["value"] is None else thousands(v["value"], lang, decimals), className="num"
                            ),
                            html.Td(formats.date(v["date"], lang) if v["date"] else "–", className="nowrap"),
                        ]
                    )
                    for v in sorted(values, key=lambda v: -(v["value"] or 0))
                ]
            ),
        ],
        className="table",
        id="map-values",
    )
    shown_date = formats.date(date, lang) if date else "–"
    demo = [v["demo"] for v in values]
    banner = (
        html.P(label("demo_banner" if all(demo) else "demo_some", lang), className="demo-banner") if any(demo) else None
    )
    alt = label("region_map_alt", lang).format(measure=name, date=shown_date)
    return figure, table, date_text(date, lang), alt, banner, figures.graph_config(lang)
