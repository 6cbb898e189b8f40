"""The shape check of Dash's callback requests: a body no page sends is answered 400 before Dash reads it."""

from __future__ import annotations

from typing import Any

import dash
from flask import Flask, abort, request

# Dash reads the body's keys without checking them, so a body of the wrong shape (no "output", a callback
# this app does not have, inputs missing or extra) is a KeyError or IndexError inside Dash: a server error
# for what is bad input. Only the shape is checked here; what a callback does with the values it is sent
# is the callback's own business (dashboard/inputs.py), and its bugs stay server errors.
_CHECKED = "sumbar.callback_shape_check"
PAGE_ROUTER = "_pages_content.children"


def _same_shape(sent: Any, expected: list[dict[str, Any]]) -> bool:
    """The inputs (or state) a request sends match the callback's, one for one (wildcard ones by count only)."""
    if not isinstance(sent, list) or len(sent) != len(expected):
        return False
    for given, wanted in zip(sent, expected, strict=True):
        wildcard = not isinstance(wanted["id"], str) or wanted["id"].startswith("{")
        if wildcard:
            if not isinstance(given, list) or not all(isinstance(item, dict) for item in given):
                return False
            continue
        if not isinstance(given, dict) or (given.get("id"), given.get("property")) != (
            wanted["id"],
            wanted["property"],
        ):
            return False
    return True


def well_formed(body: Any, callbacks: dict[str, dict[str, Any]]) -> bool:
    """A callback request names a server callback of this app, with its inputs, state and outputs as declared."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return False
    callback = callbacks.get(body["output"])
    if callback is None or "callback" not in callback:  # unknown, or run in the browser only
        return False
    outputs = body.get("outputs")
    declared = callback.get("output")
    if callback.get("no_output"):
        outputs_ok = True
    elif isinstance(declared, list):
        outputs_ok = isinstance(outputs, list) and len(outputs) == len(declared)
    else:
        outputs_ok = isinstance(outputs, dict)
    return (
        outputs_ok
        and _same_shape(body.get("inputs"), callback["inputs"])
        and _same_shape(body.get("state", []), callback["state"])
    )


def _router_reads_a_path(body: dict[str, Any], prefix: str) -> bool:
    """Dash's own page router (not ours to check inside) reads an address under the app's prefix, and text."""
    if PAGE_ROUTER not in body["output"]:
        return True
    for given in (*body["inputs"], *body.get("state", [])):
        value = given.get("value")
        if given.get("property") == "pathname" and not (isinstance(value, str) and value.startswith(prefix)):
            return False
        if not isinstance(value, str | None):
            return False
    return True


def refuse_malformed_callback_requests(app: dash.Dash, server: Flask) -> None:
    """Answer 400 (the usual error body) to a callback request of a shape no page sends, before Dash reads it."""
    if server.extensions.get(_CHECKED):
        return
    server.extensions[_CHECKED] = True
    path = app.config.requests_pathname_prefix + "_dash-update-component"

    @server.before_request
    def check_callback_request() -> None:
        if request.method == "POST" and request.path == path:
            body = request.get_json(silent=True)
            prefix = app.config.requests_pathname_prefix
            if not well_formed(body, app.callback_map) or not _router_reads_a_path(body, prefix):
                abort(400)
