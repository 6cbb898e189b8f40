"""One instruction on its own page, its number in the page title; an unknown id says it is not found."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import instruction_summary, lang_of, when
from dashboard.labels import label


def find(instruction_id: Any) -> dict[str, Any] | None:
    """The published instruction with that id; None for anything else (not a number, too large, a draft)."""
    if not isinstance(instruction_id, str) or not instruction_id.isdigit() or len(instruction_id) > 12:
        return None
    return data.instruction(int(instruction_id))


def title(instruction_id: str = "") -> str:
    item = find(instruction_id)
    if item is None:
        return f"{label('instruction_not_found', 'id').rstrip('.')} · Sumbar Siaga"
    return f"{item['type'].title()} {item['number']} · Sumbar Siaga"


dash.register_page(__name__, path_template="/instruksi/<instruction_id>", name="Instruksi", title=title)


def layout(instruction_id: str = "", **_query: Any) -> html.Div:
    return html.Div([html.Div(id="instruction-page", **{"data-id": instruction_id[:20]})])


@callback(
    Output("instruction-page", "children"),
    Input("lang", "data"),
    Input("instruction-page", "data-id"),
)
def render_instruction(lang: str | None, instruction_id: Any) -> Any:
    lang = lang_of(lang)
    item = find(instruction_id)
    back = html.A(label("back", lang), href="/instruksi")
    if item is None:
        return [back, html.H1(label("instruction_not_found", lang))]
    regions = data.area_names()
    parts: list[Any] = [
        back,
        html.H1(f"{item['type'].title()} {item['number']}"),
        html.P(item["title"], className="lead"),
        html.P(when(item, lang), className="meta"),
        html.P(
            f"{label('regions_affected', lang)}: "
            + (", ".join(regions.get(code, code) for code in item["regions"]) or label("whole_province", lang)),
            className="meta",
        ),
    ]
    if item["signed_by"]:
        parts.append(html.P(f"{label('signed_by', lang)}: {item['signed_by']}", className="meta", id="signed-by"))
    summary = instruction_summary(item, lang)
    if summary:
        parts.append(html.P(summary))
    if item["body"]:
        parts.append(html.Div(item["body"], className="body", style={"whiteSpace": "pre-wrap"}))
    if item["source_url"]:
        parts.append(
            html.P([label("source", lang), ": ", html.A(item["source_url"], href=item["source_url"], rel="noopener")])
        )
    return parts
