"""Buttons in a list the server redraws reach their server callback through a store, so a redraw loses no click."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, dcc

# Why: Dash asks again for every callback whose pattern-matching inputs are in a part of the page it redraws,
# and a callback asked for again while its request is on its way has that request's reply thrown away. An
# officer's claim was made on the server and its reply (the confirmation, the refresh it starts) was lost
# whenever the console's timer or a stream event redrew the queue meanwhile. A browser-side callback (no
# network, so nothing of it is in flight) passes each new click on to a store outside the list, and the
# server callback listens to the store alone. A redraw asks the browser-side callback again: buttons the server
# drew afresh have no click time, and cards the browser kept (a stream event moves only its own card) keep
# theirs, so it passes a click on only when its time is newer than the last one it passed on. Still so: a second
# click in the same list while the first one's request is on its way supersedes that request (one callback).


def click_store(button_type: str) -> dcc.Store:
    """The store that carries the newest click of `button_type`'s buttons: put it in the page's layout."""
    return dcc.Store(id=store_id(button_type))


def store_id(button_type: str) -> str:
    """The id of the store that carries `button_type`'s clicks."""
    return f"{button_type}-click"


def relay_clicks(button_type: str, parts: tuple[str, ...]) -> Input:
    """Pass each new click of the buttons {"type": button_type, part: ...} to their store; the Input a server
    callback listens to instead of the buttons (inputs.clicked_button reads it)."""
    pattern: dict[str, Any] = {"type": button_type, **dict.fromkeys(parts, ALL)}
    dash.clientside_callback(
        ClientsideFunction(namespace="relay", function_name="newestClick"),
        Output(store_id(button_type), "data"),
        Input(pattern, "n_clicks_timestamp"),
        State(store_id(button_type), "data"),
        prevent_initial_call=True,
    )
    return Input(store_id(button_type), "data")
