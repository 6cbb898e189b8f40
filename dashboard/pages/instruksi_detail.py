"""One instruction on its own page."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import when
from dashboard.labels import label

dash.register_page(
    __name__, path_template="/instruksi/<instruction_id>", name="Instruksi", title="Instruksi · Sumbar Siaga"
)


def layout(instruction_id: str = "", **_query: Any) -> html.Div:
    return html.Div([html.Div(id="instruction-page", **{"data-id": instruction_id})])


@callback(
    Output("instruction-page", "children"),
    Input("lang", "data"),
    Input("instruction-page", "data-id"),
)
def render_instruction(lang: str | None, instruction_id: str | None) -> Any:
    lang = lang or "id"
    item = data.instruction(int(instruction_id)) if instruction_id and instruction_id.isdigit() else None
    back = html.A(label("back", lang), href="/instruksi")
    if item is None:
        return [back, html.P(label("no_instructions", lang))]
    parts: list[Any] = [
        back,
        html.H1(f"{item['type'].title()} {item['number']}"),
        html.P(item["title"], className="lead"),
        html.P(when(item, lang), className="meta"),
    ]
    if item["signed_by"]:
        parts.append(html.P(item["signed_by"], className="meta"))
    if item["summary"]:
        parts.append(html.P(item["summary"]))
    if item["body"]:
        parts.append(html.Div(item["body"], className="body", style={"whiteSpace": "pre-wrap"}))
    if item["source_url"]:
        parts.append(
            html.P([label("source", lang), ": ", html.A(item["source_url"], href=item["source_url"], rel="noopener")])
        )
    return parts
