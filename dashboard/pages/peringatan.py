"""Peringatan dini: early-warning signals from residents' self-screening, with small counts suppressed."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.labels import label

dash.register_page(__name__, path="/peringatan", name="Peringatan dini", title="Peringatan dini · Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(
        [html.H1(id="warning-title"), html.P(id="warning-intro"), html.Div(id="warning-table", className="table-wrap")]
    )


@callback(
    Output("warning-title", "children"),
    Output("warning-intro", "children"),
    Output("warning-table", "children"),
    Input("lang", "data"),
    Input("warning-title", "id"),
)
def render_warnings(lang: str | None, _page: str) -> tuple[Any, ...]:
    lang = lang or "id"
    names = data.region_names()
    # The last 14 days, newest first; signals first within a day.
    rows = [r for r in data.public_signals(60) if r["screenings"] not in (0, None)]
    rows = sorted(rows, key=lambda r: (r["date"], r["signal"]), reverse=True)[: 14 * 19]
    if not rows:
        return label("warning_title", lang), label("warning_intro", lang), html.P(label("no_signals", lang))
    header = html.Tr(
        [html.Th(label(k, lang)) for k in ("date", "col_region_name", "screenings", "flagged", "share", "signal")]
    )
    body = [
        html.Tr(
            [
                html.Td(r["date"]),
                html.Td(names.get(r["region"], r["region"])),
                html.Td(r["screenings"], className="num"),
                html.Td(r["suspect_or_symptomatic"], className="num"),
                html.Td("–" if r["share"] is None else f"{100 * r['share']:.0f}%", className="num"),
                html.Td("⚠" if r["signal"] else "", className="signal"),
            ],
            className="signal-row" if r["signal"] else "",
        )
        for r in rows
    ]
    table = html.Table([html.Thead(header), html.Tbody(body)], className="table", id="warning-values")
    return label("warning_title", lang), label("warning_intro", lang), table
