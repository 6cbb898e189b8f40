"""The privacy notice: what the product keeps about residents, why, how long, who sees it, their rights."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data

dash.register_page(__name__, path="/privasi", name="Privasi", title="Privasi · Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(id="privacy-page", className="prose")


@callback(Output("privacy-page", "children"), Input("lang", "data"))
def render_notice(lang: str | None) -> list[Any]:
    notice = data.privacy_notice(lang if lang in ("id", "en") else "id")
    parts: list[Any] = [html.H1(notice["title"], id="privacy-title")]
    for section in notice["sections"]:
        parts += [html.H2(section["heading"]), html.P(section["text"])]
    parts.append(html.P(f"{notice['basis']} · {notice['version']}", className="meta"))
    return parts
