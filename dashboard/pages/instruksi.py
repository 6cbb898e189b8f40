"""Instruksi: the governor's published instructions, newest first, searched as you type."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboard import data
from dashboard.components import instruction_summary, lang_of, when
from dashboard.labels import label

dash.register_page(__name__, path="/instruksi", name="Instruksi", title="Instruksi · Sumbar Siaga")
MAX_QUERY = 200


def layout(**query: Any) -> html.Div:
    initial = query.get("q")
    return html.Div(
        [
            html.H1(id="instructions-title"),
            html.Div(
                [
                    html.Label(id="instruction-search-label", htmlFor="instruction-search"),
                    # Searches while typing, a third of a second after the last key.
                    dcc.Input(
                        id="instruction-search",
                        type="search",
                        debounce=0.3,
                        value=initial if isinstance(initial, str) else "",
                        maxLength=MAX_QUERY,
                    ),
                ],
                className="search-box",
            ),
            html.P(id="instruction-count", className="meta", role="status"),
            html.Ul(id="instruction-list", className="instruction-list"),
        ]
    )


@callback(
    Output("instructions-title", "children"),
    Output("instruction-search-label", "children"),
    Output("instruction-count", "children"),
    Output("instruction-list", "children"),
    Input("instruction-search", "value"),
    Input("lang", "data"),
)
def render_instructions(q: Any, lang: str | None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    query = q[:MAX_QUERY] if isinstance(q, str) else None
    items = data.published_instructions(query)
    entries = [
        html.Li(
            [
                html.A(
                    f"{item['type'].title()} {item['number']}",
                    href=f"/instruksi/{item['id']}",
                    className="instruction-number",
                ),
                html.Div(item["title"], className="instruction-title"),
                html.P(instruction_summary(item, lang), className="summary"),
                html.Div(when(item, lang), className="meta"),
            ]
        )
        for item in items
    ] or [html.Li(label("no_instructions", lang))]
    count = label("instructions_count", lang).format(n=len(items))
    return label("instructions_title", lang), label("search", lang), count, entries
