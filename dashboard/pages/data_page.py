"""Data: CSV downloads, the codebook of every field, the errata, and the reference table of regions."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import thousands
from dashboard.labels import label

dash.register_page(__name__, path="/data", name="Data", title="Data · Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(id="data-page")


@callback(Output("data-page", "children"), Input("lang", "data"), Input("data-page", "id"))
def render_data(lang: str | None, _page: str) -> list[Any]:
    lang = lang or "id"
    regions = data.regions_table()
    downloads = [html.Li(html.A(label("download_summary", lang), href="/api/v1/cases/summary?format=csv"))]
    downloads.append(
        html.Li(
            html.A(
                label("download_series", lang).format(name=label("province", lang)),
                href="/api/v1/cases?region=13&format=csv",
            )
        )
    )
    downloads += [
        html.Li(
            html.A(
                label("download_series", lang).format(name=r["name"]),
                href=f"/api/v1/cases?region={r['code']}&format=csv",
            )
        )
        for r in regions
    ]
    codebook = html.Table(
        [
            html.Thead(html.Tr([html.Th(label("field", lang)), html.Th(label("meaning", lang))])),
            html.Tbody(
                [html.Tr([html.Td(html.Code(f)), html.Td(i if lang == "id" else e)]) for f, i, e in data.codebook()]
            ),
        ],
        className="table",
        id="codebook",
    )
    errata = data.errata()
    errata_view: Any = (
        html.Table(
            [
                html.Thead(
                    html.Tr(
                        [
                            html.Th(label("date", lang)),
                            html.Th(label("col_region_name", lang)),
                            html.Th(label("fig_new_cases", lang)),
                        ]
                    )
                ),
                html.Tbody(
                    [
                        html.Tr([html.Td(e["date"]), html.Td(e["region"]), html.Td(e["new_cases"], className="num")])
                        for e in errata
                    ]
                ),
            ],
            className="table",
            id="errata",
        )
        if errata
        else html.P(label("no_errata", lang), id="errata")
    )
    reference = html.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(label(k, lang))
                        for k in ("col_code", "col_name", "col_capital", "col_population", "col_area")
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(r["code"]),
                            html.Td(r["name"]),
                            html.Td(r["capital"]),
                            html.Td(thousands(r["population_2020"], lang), className="num"),
                            html.Td(thousands(r["area_km2"], lang, 1), className="num"),
                        ]
                    )
                    for r in regions
                ]
            ),
        ],
        className="table",
        id="regions-table",
    )
    return [
        html.H1(label("data_title", lang)),
        html.H2(label("downloads", lang)),
        html.Ul(downloads, id="downloads"),
        html.H2(label("codebook", lang)),
        html.Div(codebook, className="table-wrap"),
        html.H2(label("errata", lang)),
        errata_view,
        html.H2(label("home_title", lang)),
        html.P(label("home_intro", lang)),
        html.Div(reference, className="table-wrap"),
    ]
