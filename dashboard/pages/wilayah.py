"""Wilayah: the province and every kabupaten/kota with their headline figures, each linking to its own page."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import demo_tag, lang_of, thousands
from dashboard.labels import label
from surveillance import formats

dash.register_page(__name__, path="/wilayah", name="Wilayah", title="Wilayah · Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(id="regions-page")


@callback(Output("regions-page", "children"), Input("lang", "data"), Input("regions-page", "id"))
def render_regions(lang: str | None, _page: str) -> list[Any]:
    lang = lang_of(lang)
    header = html.Tr(
        [
            html.Th(label(key, lang), scope="col")
            for key in ("col_region_name", "fig_confirmed", "fig_cases_7day_per_100k", "date")
        ]
    )
    rows = []
    for area in data.case_summary()["areas"]:
        name = label("province", lang) if area["region"] == data.PROVINCE else area["name"]
        rate = area["figures"]["cases_7day_per_100k"]["value"]
        rows.append(
            html.Tr(
                [
                    html.Th(
                        [
                            html.A(name, href=f"/wilayah/{area['region']}"),
                            " ",
                            demo_tag(lang) if area["demo"] else None,
                        ],
                        scope="row",
                    ),
                    html.Td(
                        "–" if area["cumulative_cases"] is None else thousands(area["cumulative_cases"], lang),
                        className="num",
                    ),
                    html.Td("–" if rate is None else thousands(rate, lang, 1), className="num"),
                    html.Td(formats.date(area["date"], lang) if area["date"] else "–", className="nowrap"),
                ]
            )
        )
    return [
        html.H1(label("regions_title", lang)),
        html.P(label("regions_intro", lang)),
        html.Div(
            html.Table([html.Thead(header), html.Tbody(rows)], className="table", id="regions-index"),
            className="table-wrap",
            tabIndex="0",
            role="region",
            **{"aria-label": label("regions_title", lang)},
        ),
    ]
