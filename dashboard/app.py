"""Dash shell: page container, navigation (a menu button on phones), language switch, mounted on the Flask
server at /."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import dash
from dash import ClientsideFunction, Input, Output, State, dcc, html
from dash.exceptions import DashException, PreventUpdate
from flask import Flask, Response, abort, request
from sqlalchemy import exc as sa_exc

from api.allow import mark_fallback
from api.extensions import db
from api.security_headers import allow_inline_scripts
from dashboard import data
from dashboard.case_data_replies import DEFAULT_MAX_BYTES, CopyKey, ReplyCopies, copy_key_of, request_key
from dashboard.components import lang_of, navigation
from dashboard.labels import LANGS, label

log = logging.getLogger(__name__)
# What a callback raises on values of a shape no page sends (Dash's own refusals of a crafted path included).
INPUT_ERRORS = (
    ValueError,
    LookupError,
    TypeError,
    AttributeError,
    ArithmeticError,
    DashException,
    sa_exc.IntegrityError,
    sa_exc.DataError,
)

HERE = Path(__file__).parent
# Where the server keeps its public reply copies (dashboard/case_data_replies.py).
REPLY_COPIES = "sumbar.reply_copies"

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


def _same_shape(sent: Any, expected: list[dict[str, Any]]) -> bool:
    """The inputs (or state) a request sends match the callback's, one for one (wildcard ones by count only)."""
    if not isinstance(sent, list) or len(sent) != len(expected):
        return False
    for given, wanted in zip(sent, expected, strict=True):
        wildcard = not isinstance(wanted["id"], str) or wanted["id"].startswith("{")
        if wildcard:
            continue
        if not isinstance(given, dict) or (given.get("id"), given.get("property")) != (
            wanted["id"],
            wanted["property"],
        ):
            return False
    return True


def well_formed(body: Any, callbacks: dict[str, dict[str, Any]]) -> bool:
    """A callback request names a callback of this app, with its inputs, state and outputs as declared."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    callback = callbacks.get(body["output"])
    if callback is None or "callback" not in callback:  # unknown, or run in the browser only
        return False
    outputs = body.get("outputs")
    declared = callback.get("output")
    count = len(declared) if isinstance(declared, list) else 1
    if callback.get("no_output"):
        outputs_ok = True
    elif isinstance(declared, list):
        outputs_ok = isinstance(outputs, list) and len(outputs) == count
    else:
        outputs_ok = isinstance(outputs, dict)
    return (
        outputs_ok
        and _same_shape(body.get("inputs"), callback["inputs"])
        and _same_shape(body.get("state", []), callback["state"])
    )


def from_copy_or_dispatch(
    copies: ReplyCopies, body: dict[str, Any], copy_key: CopyKey, dispatch: Callable[[], Any]
) -> Any:
    """The reply made earlier for the same request from the same case data, else a new one (kept when the
    request's values are ones the page offers)."""
    key = request_key(body["output"], copy_key, [given.get("value") for given in body["inputs"]])
    if key is None:
        return dispatch()
    version = data.case_data_version()
    copy = copies.get(key, version)
    if copy is not None:
        return Response(copy, mimetype="application/json")
    reply = dispatch()
    if reply.status_code == 200:
        copies.put(key, version, reply.get_data())
    return reply


def guard_callbacks(app: dash.Dash, server: Flask) -> None:
    """A crafted callback request is answered 400 in the usual error body, where Dash would fail with a server
    error: an output no server callback has, missing or extra inputs, or values of a shape no page sends (a
    malformed id, a list where a word belongs) that make a callback raise. Callbacks marked case_data_only
    answer a request they have answered before from a copy while the case data stay the same."""
    endpoint = app.config.routes_pathname_prefix + "_dash-update-component"
    dispatch: Callable[..., Any] = server.view_functions[endpoint]
    # This server's own: its database's case data versions.
    copies = ReplyCopies(int(server.config.get("PUBLIC_REPLY_CACHE_MB", DEFAULT_MAX_BYTES >> 20)) << 20)
    server.extensions[REPLY_COPIES] = copies

    @wraps(dispatch)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        body = request.get_json(silent=True)
        if not well_formed(body, app.callback_map):
            abort(400)
        try:
            copy_key = copy_key_of(app.callback_map[body["output"]]["callback"])
            if copy_key is not None:
                return from_copy_or_dispatch(copies, body, copy_key, lambda: dispatch(*args, **kwargs))
            return dispatch(*args, **kwargs)
        except PreventUpdate:
            raise  # Dash answers it with 204: the callback chose to change nothing
        except INPUT_ERRORS as error:
            # Values only a crafted request carries; the pages themselves send none of these.
            db.session.rollback()
            log.warning("callback %s refused its input (%s)", body["output"][:200], type(error).__name__)
            abort(400)

    server.view_functions[endpoint] = guarded


def init_dashboard(server: Flask) -> dash.Dash:
    app = dash.Dash(
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
    guard_callbacks(app, server)
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
