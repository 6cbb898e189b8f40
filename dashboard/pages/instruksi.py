"""Instruksi: the governor's published instructions, newest first, searchable."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data
from dashboard.components import when
from dashboard.labels import label

dash.register_page(__name__, path="/instruksi", name="Instruksi", title="Instruksi · Sumbar Siaga")


def layout(**query: Any) -> html.Div:
    return html.Div(
        [
            html.H1(id="instructions-title"),
            html.Div(
                dcc.Input(id="instruction-search", type="search", debounce=True, value=query.get("q", "")),
                className="search-box",
            ),
            html.Ul(id="instruction-list", className="instruction-list"),
        ]
    )


@callback(
    Output("instructions-title", "children"),
    Output("instruction-search", "placeholder"),
    Output("instruction-list", "children"),
    Input("instruction-search", "value"),
    Input("lang", "data"),
)
def render_instructions(q: str | None, lang: str | None) -> tuple[Any, ...]:
    lang = lang or "id"
    items = data.published_instructions(q)
    entries = [
        html.Li(
            [
                html.A(
                    f"{item['type'].title()} {item['number']}",
                    href=f"/instruksi/{item['id']}",
                    className="instruction-number",
                ),
                html.Div(item["title"]),
                html.Div(when(item, lang), className="meta"),
            ]
        )
        for item in items
    ] or [html.Li(label("no_instructions", lang))]
    return label("instructions_title", lang), label("search", lang), entries
