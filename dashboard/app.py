"""Dash shell: page container, navigation and language switch, mounted on the Flask server at /."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, dcc, html
from flask import Flask

from api.security_headers import allow_inline_scripts
from dashboard.components import navigation
from dashboard.labels import LANGS, label

HERE = Path(__file__).parent


def shell() -> html.Div:
    return html.Div(
        [
            # The language the visitor chose; the switch itself remembers it in the browser (persistence).
            dcc.Store(id="lang", data="id"),
            html.Header(
                [
                    html.A("Sumbar Siaga", href="/", className="brand"),
                    html.Nav(id="nav", className="nav"),
                    html.Div(
                        dcc.RadioItems(
                            id="lang-switch",
                            options=[{"label": code.upper(), "value": code} for code in LANGS],
                            value="id",
                            inline=True,
                            persistence=True,
                            persistence_type="local",
                        ),
                        role="group",
                        className="lang-switch",
                        **{"aria-label": "Bahasa / Language"},
                    ),
                ],
                className="topbar",
            ),
            html.Main(dash.page_container, className="page"),
            html.Footer(id="footer", className="footer"),
        ]
    )


def register_shell_callbacks(app: dash.Dash) -> None:
    @app.callback(Output("lang", "data"), Input("lang-switch", "value"))
    def choose_lang(value: str | None) -> str:
        return value if value in LANGS else "id"

    @app.callback(Output("nav", "children"), Output("footer", "children"), Input("lang", "data"))
    def translate_shell(lang: str | None) -> tuple[Any, Any]:
        lang = lang if lang in LANGS else "id"
        footer = [
            html.Span(label("footer", lang)),
            " · ",
            html.A(label("api_docs", lang), href="/api/v1/docs"),
            " · ",
            html.A(label("privacy", lang), href="/privasi", id="privacy-link"),
        ]
        return navigation(lang), footer


def init_dashboard(server: Flask) -> dash.Dash:
    app = dash.Dash(
        __name__,
        server=server,
        url_base_pathname="/",
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        title="Sumbar Siaga",
        update_title=None,
        suppress_callback_exceptions=True,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = shell
    register_shell_callbacks(app)
    # Dash registers its script bundles while rendering the index page. Under several worker processes a
    # worker may be asked for a bundle before it has rendered any page, so render it once now.
    with server.test_request_context("/"):
        # The framework's own set-up hooks run before the first request; running them here also adds the
        # inline scripts its pages need, which the policy below must know.
        server.preprocess_request()
        app.index()
    # The framework writes a few inline scripts into its page (known once it has rendered it); the
    # Content-Security-Policy permits exactly those.
    allow_inline_scripts(app.csp_hashes())
    return app
