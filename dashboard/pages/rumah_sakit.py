"""Rumah sakit: the COVID-19 referral hospitals per kabupaten/kota with their free beds and the age of each
report, each phone a link that calls it; nearest first once the visitor shares the phone's location."""

from __future__ import annotations

from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, callback, clientside_callback, dcc, html
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
            html.Button(id="hospitals-locate", className="button", n_clicks=0),
            html.P(id="hospitals-locate-status", className="meta", role="status"),
            dcc.Store(id="hospitals-near"),
            html.Div(id="hospitals", className="hospitals"),
        ]
    )


def parse_near(value: Any) -> tuple[float, float] | None:
    """The "lat,lon" the browser stored, or None for anything else (no location, refused, a crafted value)."""
    if not isinstance(value, str) or value.count(",") != 1:
        return None
    try:
        lat, lon = (float(part) for part in value.split(","))
    except ValueError:
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


clientside_callback(
    ClientsideFunction(namespace="hospitals", function_name="locate"),
    Output("hospitals-near", "data"),
    Input("hospitals-locate", "n_clicks"),
    prevent_initial_call=True,
)


@callback(
    Output("hospitals-title", "children"),
    Output("hospitals-intro", "children"),
    Output("hospitals-filter-label", "children"),
    Output("hospitals-region", "options"),
    Output("hospitals", "children"),
    Output("hospitals-region", "labels"),
    Output("hospitals-locate", "children"),
    Output("hospitals-locate-status", "children"),
    Input("hospitals-region", "value"),
    Input("lang", "data"),
    Input("hospitals-near", "data"),
)
def render_hospitals(region: Any, lang: str | None, near_value: Any = None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    names = {code: name for code, name in data.area_names().items() if code != data.PROVINCE}
    if region != ALL and (not isinstance(region, str) or region not in names):
        raise PreventUpdate
    near = parse_near(near_value)
    status = "" if near_value is None else label("nearest_first" if near else "location_unavailable", lang)
    controls = (label("sort_nearest", lang), status)
    if near is not None:
        found = data.referral_hospitals(None if region == ALL else region, near)
        listing = hospital_list(found, lang) if found else html.P(label("no_hospitals", lang))
        return (
            label("hospitals_title", lang),
            label("hospitals_intro", lang),
            label("col_region_name", lang),
            options(lang),
            [html.Section([listing], id="hospitals-nearest")],
            dropdown_labels(lang),
            *controls,
        )
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
        *controls,
    )
