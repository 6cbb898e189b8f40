"""Rumah sakit: the COVID-19 referral hospitals per kabupaten/kota, each with its phone as a link that calls it."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data
from dashboard.components import dropdown_labels, hospital_list, lang_of
from dashboard.labels import label

dash.register_page(__name__, path="/rumah-sakit", name="Rumah sakit", title="Rumah sakit rujukan · Sumbar Siaga")
ALL = "all"


def options(lang: str) -> list[dict[str, str]]:
    names = [(code, name) for code, name in data.area_names().items() if code != data.PROVINCE]
    return [{"label": label("all_areas", lang), "value": ALL}] + [{"label": n, "value": c} for c, n in names]


def layout(wilayah: str = ALL, **_query: Any) -> html.Div:
    # The choice must be among the options from the start (a dropdown drops a value it does not offer).
    offered = options("id")
    chosen = wilayah if isinstance(wilayah, str) and wilayah in {o["value"] for o in offered} else ALL
    return html.Div(
        [
            html.H1(id="hospitals-title"),
            html.P(id="hospitals-intro"),
            html.Label(
                [
                    html.Span(id="hospitals-filter-label"),
                    dcc.Dropdown(
                        id="hospitals-region",
                        value=chosen,
                        options=offered,
                        clearable=False,
                        labels=dropdown_labels("id"),
                    ),
                ],
                className="filter",
            ),
            html.Div(id="hospitals", className="hospitals"),
        ]
    )


@callback(
    Output("hospitals-title", "children"),
    Output("hospitals-intro", "children"),
    Output("hospitals-filter-label", "children"),
    Output("hospitals-region", "options"),
    Output("hospitals", "children"),
    Output("hospitals-region", "labels"),
    Input("hospitals-region", "value"),
    Input("lang", "data"),
)
def render_hospitals(region: Any, lang: str | None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    names = {code: name for code, name in data.area_names().items() if code != data.PROVINCE}
    if region != ALL and (not isinstance(region, str) or region not in names):
        raise PreventUpdate
    sections = []
    for code, name in names.items():
        if region not in (ALL, code):
            continue
        found = data.referral_hospitals(code)
        sections.append(
            html.Section(
                [html.H2(name), hospital_list(found, lang) if found else html.P(label("no_hospitals", lang))],
                id=f"hospitals-{code.replace('.', '-')}",
            )
        )
    return (
        label("hospitals_title", lang),
        label("hospitals_intro", lang),
        label("col_region_name", lang),
        options(lang),
        sections,
        dropdown_labels(lang),
    )
