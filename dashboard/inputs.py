"""Callback inputs checked where a callback reads them: a clean value, or PreventUpdate for one no page sends."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from dash.exceptions import PreventUpdate

from dashboard.labels import LANGS

T = TypeVar("T")

# A crafted request is answered 204 (Dash's PreventUpdate: nothing changes on the page) rather than with an
# error: the page it came from never sends such a value, so there is no visitor to show a message to.


def language(value: Any) -> str:
    """The page's language from a store or input value; Indonesian for anything unexpected (the default)."""
    return value if isinstance(value, str) and value in LANGS else "id"


def choice(value: Any, allowed: Collection[str]) -> str:
    """One of the values the page offers."""
    if not isinstance(value, str) or value not in allowed:
        raise PreventUpdate
    return value


def optional_choice(value: Any, allowed: Collection[str]) -> str | None:
    """One of the values the page offers, or None when nothing is chosen (None or "")."""
    if value is None or value == "":
        return None
    return choice(value, allowed)


def integer(value: Any, low: int, high: int) -> int:
    """A whole number from low to high (a JSON true is not one)."""
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise PreventUpdate
    return value


def event_id(value: Any) -> int:
    """A live-stream event id as the page keeps it, in decimal digits."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 19:
        raise PreventUpdate
    return integer(int(value), 0, 2**63 - 1)


def count(value: Any) -> int:
    """A click or tick counter: a whole number of 0 or more; 0 for none yet (None)."""
    return 0 if value is None else integer(value, 0, 2**53)


def iso_date(value: Any) -> str:
    """A date as YYYY-MM-DD."""
    if not isinstance(value, str) or len(value) != 10:
        raise PreventUpdate
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise PreventUpdate from None
    return value


def optional_iso_date(value: Any) -> str | None:
    return None if value is None or value == "" else iso_date(value)


def iso_moment(value: Any) -> dt.datetime:
    """An instant with its offset, as the API writes it."""
    if not isinstance(value, str) or len(value) > 40:
        raise PreventUpdate
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise PreventUpdate from None
    if moment.tzinfo is None:
        raise PreventUpdate
    return moment


def uuid_text(value: Any) -> str:
    """A record id as the API writes it."""
    if not isinstance(value, str) or len(value) != 36:
        raise PreventUpdate
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise PreventUpdate from None


def text(value: Any, longest: int) -> str:
    """Free text a visitor typed, at most `longest` characters; "" for none."""
    if value is None:
        return ""
    if not isinstance(value, str) or len(value) > longest:
        raise PreventUpdate
    return value


def item_at(value: Any, items: Sequence[T]) -> T:
    """The item a slider or list position points at."""
    return items[integer(value, 0, len(items) - 1)] if items else _nothing()


def strings(value: Any) -> list[str]:
    """A list of words (a store the page filled, so never None)."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise PreventUpdate
    return value


def clicked_button(value: Any, button_type: str, parts: Collection[str]) -> dict[str, Any]:
    """The id of the button a click relay (dashboard.click_relay) passed on: its type and `parts`, each a short
    word, a number or true/false, as the page drew them."""
    ident = value.get("id") if isinstance(value, dict) else None
    if (
        not isinstance(ident, dict)
        or ident.get("type") != button_type
        or set(ident) != {"type", *parts}
        or not all(isinstance(part, int) or (isinstance(part, str) and len(part) <= 100) for part in ident.values())
    ):
        raise PreventUpdate
    return ident


def _nothing() -> Any:
    raise PreventUpdate
