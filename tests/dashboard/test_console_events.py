"""A live-stream event moves only its own card on the console, in queue order, without reading the queue again."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from dash.exceptions import PreventUpdate
from flask import Flask

from dashboard import console_queue, data
from tests.dashboard.test_console_pages import MONITORING


def view(n: int, status: str = "new", severity: int = 2, minute: int = 30, category: str = "other") -> dict[str, Any]:
    return {
        **MONITORING,
        "id": f"5a7c0c7e-0000-4000-8000-{n:012d}",
        "status": status,
        "severity": severity,
        "category": category,
        "created_at": f"2026-11-28T18:{minute:02d}:00+00:00",
        "episode": None,
    }


QUEUE = [view(1, severity=0, minute=10), view(2, severity=2, minute=5), view(3, "acknowledged", 0, 1)]


def operations(patch: Any) -> list[tuple[str, Any]]:
    ops = patch.to_plotly_json()["operations"]
    return [(op["operation"], op["location"] or op["params"].get("index")) for op in ops]


@pytest.fixture
def satgas(pages: SimpleNamespace, app: Flask, monkeypatch: pytest.MonkeyPatch) -> Any:
    def not_per_event(*_args: Any) -> Any:
        raise AssertionError("an event must not read the whole queue again")

    for name in ("alert_queue", "alert_history", "flagged_episodes", "response_time_table", "boundaries_geojson"):
        monkeypatch.setattr(data, name, not_per_event)
    return importlib.import_module("dashboard.pages.satgas")


def store(alerts: list[dict[str, Any]], applied: int = 7) -> dict[str, Any]:
    return console_queue.queue_of(alerts, applied).store()


def test_a_new_alert_goes_where_queue_order_puts_it_and_nothing_else_is_read(satgas: Any) -> None:
    breathing = view(4, severity=0, minute=20, category="breathing")
    cards, order, applied, unclaimed = satgas.apply_alert_events(
        [{"id": "8", "alert": breathing}], store(QUEUE), "open", "id"
    )
    # Unclaimed first, then severity, then the oldest: after the older breathing alert, before "other".
    assert operations(cards) == [("Insert", 1)]
    assert [e[0] for e in order["entries"]] == [QUEUE[0]["id"], breathing["id"], QUEUE[1]["id"], QUEUE[2]["id"]]
    assert (order["applied"], applied, unclaimed) == (8, "8", "3")


def test_a_claimed_alert_moves_behind_the_unclaimed_and_a_resolved_one_leaves(satgas: Any) -> None:
    claimed = {**QUEUE[0], "status": "acknowledged", "acknowledged_by": "rina"}
    cards, order, _, unclaimed = satgas.apply_alert_events([{"id": "8", "alert": claimed}], store(QUEUE), "open", "id")
    # Behind the unclaimed one, and behind the claimed one of the same severity pressed earlier.
    assert operations(cards) == [("Delete", [0]), ("Insert", 2)]
    assert [e[:2] for e in order["entries"]] == [
        [QUEUE[1]["id"], "new"],
        [QUEUE[2]["id"], "acknowledged"],
        [claimed["id"], "acknowledged"],
    ]
    assert unclaimed == "1"
    resolved = {**QUEUE[2], "status": "resolved", "outcome": "helped"}
    cards, order, _, _ = satgas.apply_alert_events([{"id": "9", "alert": resolved}], store(QUEUE), "open", "id")
    assert operations(cards) == [("Delete", [2])]
    assert len(order["entries"]) == 2


def test_events_already_applied_change_nothing_and_the_latest_per_alert_counts(satgas: Any) -> None:
    with pytest.raises(PreventUpdate):
        satgas.apply_alert_events([{"id": "7", "alert": view(5)}], store(QUEUE, applied=7), "open", "id")
    first, later = view(5), {**view(5), "status": "acknowledged"}
    _, order, applied, _ = satgas.apply_alert_events(
        [{"id": "8", "alert": first}, {"id": "9", "alert": later}], store(QUEUE), "open", "id"
    )
    assert [e[1] for e in order["entries"] if e[0] == first["id"]] == ["acknowledged"]
    assert applied == "9"


def test_the_first_alert_replaces_the_empty_line_and_the_history_tab_keeps_its_list(satgas: Any) -> None:
    cards, order, _, unclaimed = satgas.apply_alert_events([{"id": "8", "alert": view(6)}], store([]), "open", "id")
    assert [card.id for card in cards] == [f"alert-{view(6)['id']}"]
    assert unclaimed == "1"
    cards, order, _, _ = satgas.apply_alert_events([{"id": "8", "alert": view(6)}], store(QUEUE), "history", "id")
    assert cards is satgas.no_update
    assert len(order["entries"]) == 4


@pytest.mark.parametrize(
    "sent",
    [
        None,
        [],
        "x",
        [{"id": "8"}],
        [{"id": "x", "alert": view(7)}],
        [{"id": "8", "alert": {**view(7), "id": 1}}],
        [{"id": "8", "alert": {**view(7), "lat": "north"}}],
        [{"id": "8", "alert": {**view(7), "category": "x"}}],
        [{"id": "8", "alert": view(7)}] * 51,
    ],
)
def test_events_of_a_shape_the_stream_never_sends_change_nothing(satgas: Any, sent: Any) -> None:
    with pytest.raises(PreventUpdate):
        satgas.apply_alert_events(sent, store(QUEUE), "open", "id")


@pytest.mark.parametrize("order", [None, {"entries": [["a", "new", 0, "x"]], "applied": 1}, {"entries": []}])
def test_a_queue_store_the_page_never_holds_changes_nothing(satgas: Any, order: Any) -> None:
    with pytest.raises(PreventUpdate):
        satgas.apply_alert_events([{"id": "8", "alert": view(7)}], order, "open", "id")
