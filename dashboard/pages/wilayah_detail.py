"""Wilayah: every chart for the province or one kabupaten/kota (compared with the province), its Rt with the
credible band, and its referral hospitals; an unknown code says so."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data, figures
from dashboard.case_data_replies import case_data_only
from dashboard.components import (
    age_text,
    confirmed_card,
    demo_banner,
    dropdown_labels,
    hospital_list,
    key_card,
    lang_of,
    stale,
    thousands,
)
from dashboard.labels import LANGS, label
from surveillance import formats

dash.register_page(__name__, path_template="/wilayah/<code>", name="Wilayah", title="Wilayah · Sumbar Siaga")

CHARTS = ("cases", "rate", "active", "deaths")
CARDS = (("new_cases", 0), ("cases_7day_avg", 1), ("cases_7day_per_100k", 1), ("active", 0), ("cumulative_deaths", 0))


def layout(code: str = "", **_query: Any) -> html.Div:
    if not isinstance(code, str) or code not in data.area_names():
        return html.Div(
            [
                html.H1(id="region-missing-title"),
                html.P(id="region-missing-text"),
                html.A(id="region-missing-back", href="/wilayah"),
            ],
            id="region-missing",
            **{"data-code": str(code)[:40]},
        )
    return html.Div(
        [
            html.Div(id="region-banner"),
            html.H1(id="region-title"),
            dcc.Dropdown(
                id="region-select",
                value=code,
                clearable=False,
                className="filter",
                options=options("id"),
                labels=dropdown_labels("id"),
            ),
            html.P(id="region-age", className="meta"),
            html.Div(id="region-cards"),
            html.Div(
                [dcc.Graph(id=f"region-chart-{n}", config=figures.graph_config("id")) for n in CHARTS],
                className="charts",
            ),
            dcc.Graph(id="region-chart-rt", config=figures.graph_config("id")),
            html.P(id="region-rt-alt", className="sr-caption"),
            html.Section(id="region-hospitals"),
        ]
    )


def options(lang: str) -> list[dict[str, str]]:
    return [
        {"label": label("province", lang) if code == data.PROVINCE else name, "value": code}
        for code, name in data.area_names().items()
    ]


@callback(
    Output("region-missing-title", "children"),
    Output("region-missing-text", "children"),
    Output("region-missing-back", "children"),
    Input("lang", "data"),
    Input("region-missing", "data-code"),
)
def render_missing(lang: str | None, code: str | None) -> tuple[str, str, str]:
    lang = lang_of(lang)
    return (
        label("region_not_found", lang),
        label("region_not_found_text", lang).format(code=code or "–"),
        label("back_regions", lang),
    )


def rt_caption(estimates: list[dict[str, Any]], lang: str) -> str:
    latest = next((e for e in reversed(estimates) if e["reported"]), None)
    if latest is None:
        return label("no_data", lang)
    return label("rt_alt", lang).format(
        mean=thousands(latest["mean"], lang, 2),
        low=thousands(latest["q025"], lang, 2),
        high=thousands(latest["q975"], lang, 2),
        date=formats.date(latest["date_end"], lang),
    )


def hospitals_section(code: str, name: str, lang: str) -> list[Any]:
    link = html.A(label("all_hospitals", lang), href="/rumah-sakit")
    occupancy = data.bed_occupancy(code)
    chart: Any = (
        dcc.Graph(
            id="region-chart-beds",
            figure=figures.line_chart(
                occupancy,
                "percent",
                label("fig_bed_occupancy", lang),
                label("fig_bed_occupancy", lang),
                figures.CASE_COLOURS["active"],
                lang,
            ),
            config=figures.graph_config(lang),
        )
        if occupancy
        else None
    )
    if code == data.PROVINCE:
        return [html.H2(label("hospitals_title", lang)), chart, link]
    found = data.referral_hospitals(code)
    listing: Any = hospital_list(found, lang) if found else html.P(label("no_hospitals", lang))
    return [html.H2(label("hospitals_here", lang).format(name=name)), chart, listing, link]


# Apart from the case figures' reply, which is kept per case data version: bed reports change on their own
# and their ages move with the clock.
@callback(Output("region-hospitals", "children"), Input("region-select", "value"), Input("lang", "data"))
def render_region_hospitals(code: Any, lang: str | None) -> list[Any]:
    lang = lang_of(lang)
    names = data.area_names()
    if not isinstance(code, str) or code not in names:
        raise PreventUpdate
    return hospitals_section(code, label("province", lang) if code == data.PROVINCE else names[code], lang)


def region_copy_key(code: Any, lang: Any) -> tuple[str, str, str] | None:
    """A region the page lists, in a language it offers, and the day the figures' age is told against."""
    if lang not in LANGS or not isinstance(code, str) or code not in data.area_names():
        return None
    return code, lang, data.today().isoformat()


@callback(
    Output("region-banner", "children"),
    Output("region-title", "children"),
    Output("region-select", "options"),
    Output("region-select", "labels"),
    Output("region-age", "children"),
    Output("region-cards", "children"),
    Output("region-chart-cases", "figure"),
    Output("region-chart-rate", "figure"),
    Output("region-chart-active", "figure"),
    Output("region-chart-deaths", "figure"),
    Output("region-chart-rt", "figure"),
    Output("region-rt-alt", "children"),
    *[Output(f"region-chart-{n}", "config") for n in (*CHARTS, "rt")],
    Input("region-select", "value"),
    Input("lang", "data"),
)
@case_data_only(region_copy_key)
def render_region(code: Any, lang: str | None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    names = data.area_names()
    if not isinstance(code, str) or code not in names:
        raise PreventUpdate
    province = code == data.PROVINCE
    name = label("province", lang) if province else names[code]
    area = next(a for a in data.case_summary()["areas"] if a["region"] == code)
    rows = data.case_series(code)
    province_rows = None if province else data.case_series(data.PROVINCE)
    series_names = {"daily": label("daily", lang), "average": label("average", lang)}
    pair = (name, label("province", lang))
    today = data.today()
    old = stale(area["date"], today)
    cards = html.Div(
        [confirmed_card(area, lang)] + [key_card(n, area["figures"][n], lang, d, old) for n, d in CARDS],
        className="cards",
    )
    rt = data.region_rt(code)["estimates"]
    config = figures.graph_config(lang)
    return (
        demo_banner(lang) if area["demo"] else None,
        name if province else label("region_title", lang).format(name=name),
        options(lang),
        dropdown_labels(lang),
        age_text(area["date"], today, lang),
        cards,
        figures.daily_chart(rows, "new_cases", "cases_7day_avg", series_names, label("fig_new_cases", lang), lang),
        figures.comparison_chart(
            rows, province_rows, "cases_7day_per_100k", pair, label("fig_cases_7day_per_100k", lang), lang
        ),
        figures.line_chart(
            rows, "active", label("fig_active", lang), label("fig_active", lang), figures.CASE_COLOURS["active"], lang
        ),
        figures.comparison_chart(
            rows, province_rows, "cumulative_deaths_per_100k", pair, label("fig_cumulative_deaths_per_100k", lang), lang
        ),
        figures.rt_chart(
            rt,
            {"band": label("band", lang), "rt": label("rt", lang)},
            label("rt_title", lang),
            lang,
            subtitle=label("rt_subtitle", lang),
        ),
        rt_caption(rt, lang),
        *[config] * (len(CHARTS) + 1),
    )
