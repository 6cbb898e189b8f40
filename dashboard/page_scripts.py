"""The scripts each page loads: Dash's list, less the bundles no page here uses."""

from __future__ import annotations

import re

# Dash puts dash_table's bundle on every page; no page has a DataTable (a test keeps it so), so it only cost
# each first visit 8 KB over the wire. Matched on the path Dash serves it at, its version stamp aside.
# Dash's polyfill stays, though current browsers have the rest of it: dash-renderer and dcc load their lazy
# components (graphs, dropdowns) through the regeneratorRuntime it defines, and fail to without it.
UNUSED = ("dash/dash_table/bundle.",)
SCRIPT = re.compile(r'<script src="[^"]*/_dash-component-suites/(?P<path>[^"]+)"></script>\n?')


def without_unused(scripts: str) -> str:
    """Dash's script tags for a page, less those of `UNUSED`."""
    return SCRIPT.sub(lambda tag: "" if tag["path"].startswith(UNUSED) else tag[0], scripts)
