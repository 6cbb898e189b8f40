"""Wilayah: every chart for one kabupaten/kota, compared with the province."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures
from dashboard.components import key_card
from dashboard.labels import label

dash.register_page(__name__, path_template="/wilayah/<code>", name="Wilayah", title="Wilayah · Sumbar Siaga")


def layout(code: str = "13.71", **_query: Any) -> html.Div:
    return html.Div(
        [
            html.H1(id="region-title"),
            dcc.Dropdown(
                id="region-select",
                value=code,
                clearable=False,
                className="filter",
                options=[{"label": name, "value": c} for c, name in data.region_names().items()],
            ),
            html.Div(id="region-cards"),
            html.Div(
                [
                    dcc.Graph(id=f"region-chart-{n}", config={"displayModeBar": False})
                    for n in ("cases", "rate", "active", "deaths")
                ],
                className="charts",
            ),
            dcc.Graph(id="region-chart-rt", config={"displayModeBar": False}),
            html.P(id="region-rt-alt", className="sr-caption"),
        ]
    )


@callback(
    Output("region-title", "children"),
    Output("region-cards", "children"),
    Output("region-chart-cases", "figure"),
    Output("region-chart-rate", "figure"),
    Output("region-chart-active", "figure"),
    Output("region-chart-deaths", "figure"),
    Output("region-chart-rt", "figure"),
    Output("region-rt-alt", "children"),
    Input("region-select", "value"),
    Input("lang", "data"),
)
def render_region(code: str, lang: str | None) -> tuple[Any, ...]:
    lang = lang or "id"
    names = data.region_names()
    rows, province = data.case_series(code), data.case_series("13")
    area = next(a for a in data.case_summary()["areas"] if a["region"] == code)
    series_names = {"daily": label("daily", lang), "average": label("average", lang)}
    pair = (names.get(code, code), label("province", lang))
    cards = html.Div(
        [
            key_card(n, area["figures"][n], lang, 1 if "avg" in n or "100k" in n else 0)
            for n in ("new_cases", "cases_7day_avg", "cases_7day_per_100k", "active", "cumulative_deaths")
        ],
        className="cards",
    )
    rt = data.region_rt(code, lang)["estimates"]
    latest = next((e for e in reversed(rt) if e["reported"]), None)
    rt_text = (
        label("rt_alt", lang).format(
            mean=f"{latest['mean']:.2f}",
            low=f"{latest['q025']:.2f}",
            high=f"{latest['q975']:.2f}",
            date=latest["date_end"],
        )
        if latest
        else label("no_data", lang)
    )
    return (
        label("region_title", lang).format(name=names.get(code, code)),
        cards,
        figures.daily_chart(rows, "new_cases", "cases_7day_avg", series_names, label("fig_new_cases", lang)),
        figures.comparison_chart(rows, province, "cases_7day_per_100k", pair, label("fig_cases_7day_per_100k", lang)),
        figures.line_chart(
            rows, "active", label("fig_active", lang), label("fig_active", lang), figures.CASE_COLOURS["active"]
        ),
        figures.comparison_chart(
            rows, province, "cumulative_deaths_per_100k", pair, label("fig_cumulative_deaths_per_100k", lang)
        ),
        figures.rt_chart(rt, {"band": label("band", lang), "rt": label("rt", lang)}, label("rt_title", lang)),
        rt_text,
    )
