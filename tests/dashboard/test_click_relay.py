"""A click passed on by a list's relay is read back as the id of a button the page drew, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from dash.exceptions import PreventUpdate

from dashboard.inputs import clicked_button

ALERT = "0f6c3a52-7d1e-4b8e-9a51-3c2f0f0d2a11"


def test_the_id_of_the_button_the_page_drew_is_read_back() -> None:
    click = {"id": {"type": "alert-action", "action": "claim", "id": ALERT}, "at": 1765100000000}
    assert clicked_button(click, "alert-action", ("action", "id")) == click["id"]
    duty = {"id": {"type": "duty-set", "officer": 7, "to": "on", "own": False}, "at": 1}
    assert clicked_button(duty, "duty-set", ("officer", "to", "own"))["officer"] == 7


@pytest.mark.parametrize(
    "click",
    [
        None,
        "claim",
        {"at": 1},
        {"id": "alert-action"},
        {"id": {"type": "episode-action", "action": "claim", "id": ALERT}},  # another list's button
        {"id": {"type": "alert-action", "id": ALERT}},  # a part missing
        {"id": {"type": "alert-action", "action": "claim", "id": ALERT, "extra": "x"}},
        {"id": {"type": "alert-action", "action": ["claim"], "id": ALERT}},
        {"id": {"type": "alert-action", "action": "claim", "id": None}},
        {"id": {"type": "alert-action", "action": "claim", "id": "x" * 101}},
    ],
)
def test_anything_else_changes_nothing(click: Any) -> None:
    with pytest.raises(PreventUpdate):
        clicked_button(click, "alert-action", ("action", "id"))
