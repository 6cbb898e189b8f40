"""Peringatan dini: early-warning signals from residents' self-screening, with what a signal means, a chart of
regions by day, and each region's latest day; small counts are withheld whole."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data, figures
from dashboard.components import demo_banner, lang_of, thousands
from dashboard.labels import label
from surveillance import formats

dash.register_page(__name__, path="/peringatan", name="Peringatan dini", title="Peringatan dini · Sumbar Siaga")
# Signals are computed over 60 days (each day needs 9 days before it), the chart shows the last 4 weeks.
DAYS = 60
SHOWN_DAYS = 28


def layout(**_query: Any) -> html.Div:
    return html.Div(
        [
            html.H1(id="warning-title"),
            html.Div(id="warning-banner"),
            html.P(id="warning-intro"),
            html.H2(id="warning-chart-title"),
            html.P(id="warning-legend", className="legend"),
            dcc.Graph(id="warning-chart", config=figures.graph_config("id")),
            html.H2(id="warning-table-title"),
            html.Div(
                id="warning-table",
                className="table-wrap",
                tabIndex="0",
                role="region",
                **{"aria-labelledby": "warning-table-title"},
            ),
        ]
    )


def short(name: str) -> str:
    return name.replace("Kabupaten ", "Kab. ")


def latest_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per region, its latest day with screenings (withheld or not), and the day of its latest signal."""
    latest: dict[str, dict[str, Any]] = {}
    signal: dict[str, str] = {}
    for row in rows:
        if row["suppressed"] or row["screenings"]:
            latest[row["region"]] = row
        if row["signal"]:
            signal[row["region"]] = row["date"]
    return [{**row, "last_signal": signal.get(code)} for code, row in sorted(latest.items())]


def count(row: dict[str, Any], key: str, lang: str) -> str:
    below = f"<{data.SUPPRESS_BELOW}"
    return below if row["suppressed"] else thousands(row[key], lang)


@callback(
    Output("warning-title", "children"),
    Output("warning-intro", "children"),
    Output("warning-chart-title", "children"),
    Output("warning-legend", "children"),
    Output("warning-chart", "figure"),
    Output("warning-table-title", "children"),
    Output("warning-table", "children"),
    Output("warning-banner", "children"),
    Output("warning-chart", "config"),
    Input("lang", "data"),
    Input("warning-title", "id"),
)
def render_warnings(lang: str | None, _page: str) -> tuple[Any, ...]:
    lang = lang_of(lang)
    names = {code: short(name) for code, name in data.area_names().items()}
    rows = data.public_signals(DAYS)
    texts = (label("warning_title", lang), label("warning_intro", lang), label("warning_chart", lang))
    words = {"withheld": label("withheld", lang), "share": label("share", lang), "signal": label("signal_day", lang)}
    shown_from = sorted({r["date"] for r in rows})[-SHOWN_DAYS:][:1]
    figure = figures.warning_chart([r for r in rows if shown_from and r["date"] >= shown_from[0]], names, words, lang)
    latest = latest_rows(rows)
    banner = demo_banner(lang) if data.demo_screenings() else None
    if not latest:
        table: Any = html.P(label("no_signals", lang))
    else:
        # The signal column comes first, so a phone shows it without scrolling sideways.
        columns = ("signal", "col_region_name", "latest_day", "screenings", "flagged", "share")
        header = html.Tr([html.Th(label(k, lang), scope="col") for k in columns])
        body = [
            html.Tr(
                [
                    html.Td(
                        f"⚠ {formats.date(r['last_signal'], lang)}" if r["last_signal"] else "–",
                        className="signal" if r["last_signal"] else "nowrap",
                    ),
                    html.Td(names.get(r["region"], r["region"])),
                    html.Td(formats.date(r["date"], lang), className="nowrap"),
                    html.Td(count(r, "screenings", lang), className="num"),
                    html.Td(count(r, "suspect_or_symptomatic", lang), className="num"),
                    html.Td(
                        "–" if r["share_percent"] is None else f"{thousands(r['share_percent'], lang)}%",
                        className="num",
                    ),
                ],
                className="signal-row" if r["last_signal"] else "",
            )
            for r in latest
        ]
        table = html.Table([html.Thead(header), html.Tbody(body)], className="table compact", id="warning-values")
    return (
        texts[0],
        texts[1],
        texts[2],
        label("warning_legend", lang),
        figure,
        label("warning_table", lang),
        table,
        banner,
        figures.graph_config(lang),
    )
