"""Dash shell: page container, navigation (a menu button on phones), language switch, mounted on the Flask
server at /."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html
from dash._utils import to_json
from flask import Flask, Response, request
from werkzeug.exceptions import NotFound

from api.allow import mark_fallback
from api.error_bodies import http_error_reply
from api.security_headers import allow_inline_scripts
from dashboard.callback_requests import refuse_malformed_callback_requests
from dashboard.case_data_replies import init_reply_copies
from dashboard.components import lang_of, navigation
from dashboard.first_paint import lang_from, page_first_paint, with_first_paint
from dashboard.labels import LANGS, label
from dashboard.page_scripts import without_unused
from dashboard.plotly_js import PLOTLY_URL, init_plotly_bundle

HERE = Path(__file__).parent

# The page is Indonesian until the visitor's choice (kept in the browser) is known; assets/shell.js then sets
# <html lang> to it. The icon is the product's own (assets/favicon.svg, with favicon.ico for older browsers).
INDEX = """<!DOCTYPE html>
<html lang="id">
    <head>
        {%metas%}
        <title>{%title%}</title>
        <link rel="icon" type="image/svg+xml" href="/assets/favicon.svg">
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""


class Dashboard(dash.Dash):
    """Dash with a first paint from the server (the page's headline in the HTML, in the visitor's language) and
    only the scripts its pages use."""

    # Off for the render at start-up (below), which comes before any database need exist.
    first_paints = False
    # Every page view asks for the shell and the callback list, which are the same for every visitor: each is
    # encoded once per process (about 1.6 ms a view otherwise); the callback list again if one is added.
    _layout_json: str | None = None
    _dependencies_json: tuple[int, str] | None = None

    def serve_layout(self) -> Any:
        if self._layout_json is None:
            self._layout_json = to_json(self.get_layout())
        return self.backend.make_response(self._layout_json, mimetype="application/json")

    def dependencies(self) -> Any:
        callbacks = self._callback_list
        if self._dependencies_json is None or self._dependencies_json[0] != len(callbacks):
            self._dependencies_json = (len(callbacks), to_json(callbacks))
        return self.backend.make_response(self._dependencies_json[1], content_type="application/json")

    def interpolate_index(self, **kwargs: Any) -> str:
        lang = lang_from(request)
        page = page_first_paint(request.path, lang) if self.first_paints else None
        if page is not None:
            kwargs["app_entry"] = with_first_paint(kwargs["app_entry"], page)
            # Such a page draws its graphs at once: plotly downloads beside the app's scripts, not after them.
            kwargs["css"] += f'<link rel="preload" as="script" href="{PLOTLY_URL}">'
        kwargs["scripts"] = without_unused(kwargs["scripts"])
        index: str = super().interpolate_index(**kwargs)
        return index.replace('<html lang="id">', f'<html lang="{lang}">', 1)


def shell() -> html.Div:
    return html.Div(
        [
            # The language the visitor chose; the switch itself remembers it in the browser (persistence).
            dcc.Store(id="lang", data="id"),
            # The visitor's own kabupaten/kota, chosen on the summary page and remembered in the browser.
            dcc.Store(id="my-region", storage_type="local"),
            dcc.Location(id="url", refresh=False),
            html.Header(
                [
                    html.A("Sumbar Siaga", href="/", className="brand"),
                    html.Button(
                        "☰",
                        id="menu-toggle",
                        className="menu-toggle",
                        n_clicks=0,
                        **{"aria-expanded": "false", "aria-controls": "nav", "aria-label": "Menu"},
                    ),
                    html.Nav(id="nav", className="nav", **{"aria-label": "Menu"}),
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


def choose_lang(value: str | None) -> str:
    return lang_of(value)


def translate_shell(lang: str | None, my_region: str | None, path: str | None) -> tuple[Any, Any, str]:
    lang = lang_of(lang)
    region = my_region if isinstance(my_region, str) and my_region else None
    footer = [
        html.Span(label("footer", lang)),
        " · ",
        html.A(label("nav_data", lang), href="/data"),
        " · ",
        html.A(label("api_docs", lang), href="/api/v1/docs"),
        " · ",
        html.A(label("privacy", lang), href="/privasi", id="privacy-link"),
    ]
    return navigation(lang, region, path), footer, label("main_menu", lang)


def register_shell_callbacks(app: dash.Dash) -> None:
    app.callback(Output("lang", "data"), Input("lang-switch", "value"))(choose_lang)
    app.callback(
        Output("nav", "children"),
        Output("footer", "children"),
        Output("menu-toggle", "aria-label"),
        Input("lang", "data"),
        Input("my-region", "data"),
        Input("url", "pathname"),
    )(translate_shell)
    # In the browser: <html lang> follows the switch; the phone menu opens and closes, and closes on navigation.
    app.clientside_callback(
        ClientsideFunction(namespace="shell", function_name="setLang"),
        Output("lang-switch", "className"),
        Input("lang", "data"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="shell", function_name="toggleMenu"),
        Output("nav", "className"),
        Output("menu-toggle", "aria-expanded"),
        Input("menu-toggle", "n_clicks"),
        Input("url", "pathname"),
        State("nav", "className"),
    )


def console_service_worker() -> Response:
    """The console's service worker (pushes to officers); it may control /satgas itself, not only /satgas/..."""
    script = (HERE / "console_sw.js").read_text(encoding="utf-8")
    response = Response(script, mimetype="text/javascript")
    response.headers["Service-Worker-Allowed"] = "/satgas"
    response.headers["Cache-Control"] = "no-cache"
    return response


def unknown_bundle(_error: dash.exceptions.DependencyException) -> Any:
    """A script path Dash has not registered (a typo, an old version's file) is not found, not a server error."""
    return http_error_reply(NotFound())


def init_dashboard(server: Flask) -> dash.Dash:
    app = Dashboard(
        # Named after the package, so the pages are importable as dashboard.pages.<name> (tests call them).
        "dashboard",
        server=server,
        url_base_pathname="/",
        use_pages=True,
        pages_folder=str(HERE / "pages"),
        assets_folder=str(HERE / "assets"),
        title="Sumbar Siaga",
        update_title=None,
        suppress_callback_exceptions=True,
        index_string=INDEX,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "theme-color", "content": "#0b6e4f"},
        ],
    )
    app.layout = shell
    # The pages' route answers any path (an unknown one with the page saying so): its GET is no other route's.
    mark_fallback(server, app.config.routes_pathname_prefix + "<path:path>")
    register_shell_callbacks(app)
    server.add_url_rule("/satgas/sw.js", "console_service_worker", console_service_worker)
    server.register_error_handler(dash.exceptions.DependencyException, unknown_bundle)
    init_plotly_bundle(server)
    refuse_malformed_callback_requests(app, server)
    init_reply_copies(app, server)
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
    app.first_paints = True
    return app
