"""Ringkasan: the landing page (currently the province's kabupaten/kota reference table)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import label, thousands

dash.register_page(__name__, path="/", name="Ringkasan", title="Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(id="home-content")


@callback(Output("home-content", "children"), Input("lang", "data"))
def render_home(lang: str | None) -> list[Any]:
    lang = lang or "id"
    rows = data.regions_table()
    header = html.Tr(
        [html.Th(label(k, lang)) for k in ("col_code", "col_name", "col_capital", "col_population", "col_area")]
    )
    body = [
        html.Tr(
            [
                html.Td(r["code"]),
                html.Td(r["name"]),
                html.Td(r["capital"]),
                html.Td(thousands(r["population_2020"], lang), className="num"),
                html.Td(thousands(r["area_km2"], lang, 1), className="num"),
            ]
        )
        for r in rows
    ]
    total = html.Tr(
        [
            html.Td("13"),
            html.Td(label("total", lang)),
            html.Td("Padang"),
            html.Td(thousands(sum(r["population_2020"] for r in rows), lang), className="num"),
            html.Td(thousands(sum(r["area_km2"] for r in rows), lang, 1), className="num"),
        ],
        className="total",
    )
    return [
        html.H1(label("home_title", lang)),
        html.P(label("home_intro", lang)),
        html.Div(
            html.Table([html.Thead(header), html.Tbody([*body, total])], className="table", id="regions-table"),
            className="table-wrap",
        ),
    ]
