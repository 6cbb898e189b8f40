"""A page's first paint in the server's HTML: what a page's `first_paint(lang)` returns, shown until the app runs."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import Any

import dash
from dash.development.base_component import Component
from flask import Request
from markupsafe import escape

from dashboard import data
from dashboard.components import lang_of

# The language the switch last chose, kept by assets/shell.js for the server (the switch itself keeps it in
# localStorage, which the server cannot read).
LANG_COOKIE = "sumbar_lang"
# Properties written as HTML attributes under another name; others are left out (callbacks' counters, styles).
ATTRIBUTES = {"className": "class", "id": "id", "role": "role", "href": "href", "title": "title"}
# React replaces the entry point's content with the app when it starts.
ENTRY = '<div id="react-entry-point">'


def lang_from(request: Request) -> str:
    return lang_of(request.cookies.get(LANG_COOKIE))


def to_html(node: Any) -> str:
    """Dash html components (no interactive ones) as the HTML React would render for them."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return str(escape(str(node)))
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise TypeError(f"a first paint holds html components only, not {type(node).__name__}")
    props = dict(node.to_plotly_json()["props"])
    children = props.pop("children", None)
    attrs = "".join(
        f' {ATTRIBUTES.get(name, name)}="{escape(str(value))}"'
        for name, value in props.items()
        if value is not None and (name in ATTRIBUTES or name.startswith(("aria-", "data-")))
    )
    tag = node._type.lower()
    return f"<{tag}{attrs}>{to_html(children)}</{tag}>"


def page_first_paint(path: str, lang: str) -> str | None:
    """The HTML of the first paint of the page at `path`, when its module defines `first_paint`."""
    for page in dash.page_registry.values():
        if page["path"] == path:
            render = getattr(sys.modules[page["module"]], "first_paint", None)
            return data.recent_first_paint(path, lang, partial(_render, render, lang)) if render else None
    return None


def _render(first_paint: Callable[[str], Any], lang: str) -> str:
    return to_html(first_paint(lang))


def with_first_paint(app_entry: str, page_html: str) -> str:
    """Dash's entry point holding the page's first paint in place of "Loading...", under the product's name."""
    start = app_entry.index(ENTRY) + len(ENTRY)
    end = app_entry.rindex("</div>")
    header = '<header class="topbar"><a class="brand" href="/">Sumbar Siaga</a></header>'
    shell = f'{header}<main class="page">{page_html}</main>'
    return app_entry[:start] + shell + app_entry[end:]
