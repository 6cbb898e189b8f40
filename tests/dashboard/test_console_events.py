"""A live-stream event moves only its own card on the console, in queue order, without reading the queue again."""

from __future__ import annotations

import importlib
import uuid
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa
from dash.exceptions import PreventUpdate
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import Alert, StaffAccess
from api.schemas.alerts import stream_view
from dashboard import console_queue, data
from scripts.statements import counted_statements
from tests.dashboard.test_console_pages import MONITORING, _signed_in
from tests.dashboard.test_pages import text
from tests.factories import device_headers


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


def moves(satgas: Any, sent: Any, applied: str = "7", lang: str = "id") -> dict[str, Any]:
    reply: dict[str, Any] = satgas.render_alert_events(sent, applied, lang)
    return reply


@pytest.fixture
def satgas(pages: SimpleNamespace, app: Flask, monkeypatch: pytest.MonkeyPatch) -> Any:
    def not_per_event(*_args: Any) -> Any:
        raise AssertionError("an event must not read the whole queue again")

    for name in ("alert_queue", "open_alerts", "alert_history", "flagged_episodes", "response_time_table"):
        monkeypatch.setattr(data, name, not_per_event)
    monkeypatch.setattr(data, "boundaries_geojson", not_per_event)
    return importlib.import_module("dashboard.pages.satgas")


def test_an_event_becomes_its_card_and_a_key_that_sorts_as_the_queue_does(satgas: Any) -> None:
    breathing = view(4, severity=0, minute=20, category="breathing")
    reply = moves(satgas, [{"id": "8", "alert": breathing}])
    assert reply["applied"] == 8
    [move] = reply["moves"]
    assert (move["event"], move["id"], move["unclaimed"]) == (8, breathing["id"], True)
    assert move["card"].id == f"alert-{breathing['id']}"
    # Unclaimed first, then severity, then the oldest: text order is queue order.
    keys = [
        console_queue.sort_key(alert)
        for alert in (
            view(1, severity=0, minute=10),
            breathing,
            view(2, severity=2, minute=5),
            view(3, "acknowledged", 0, 1),
            view(5, "dispatched", 1, 0),
        )
    ]
    assert move["key"] == keys[1]
    assert keys == sorted(keys)


def test_a_closed_alert_leaves_the_queue_and_the_latest_event_per_alert_counts(satgas: Any) -> None:
    resolved = {**view(3, "acknowledged", 0, 1), "status": "resolved", "outcome": "helped"}
    [move] = moves(satgas, [{"id": "9", "alert": resolved}])["moves"]
    assert (move["key"], move["card"], move["unclaimed"]) == (None, None, False)
    first, later = view(5), {**view(5), "status": "acknowledged"}
    reply = moves(satgas, [{"id": "8", "alert": first}, {"id": "9", "alert": later}])
    assert [(m["event"], m["unclaimed"]) for m in reply["moves"]] == [(9, False)]
    assert reply["applied"] == 9


def test_events_already_applied_change_nothing_and_the_empty_line_comes_in_the_pages_language(satgas: Any) -> None:
    with pytest.raises(PreventUpdate):
        moves(satgas, [{"id": "7", "alert": view(5)}], applied="7")
    empty = moves(satgas, [{"id": "8", "alert": view(6)}])["empty"]
    assert [line.className for line in empty] == ["queue-empty"]


@pytest.mark.parametrize("applied", [None, "", "x", "-1", "²", "9" * 30, 7])
def test_an_applied_mark_the_page_never_holds_changes_nothing(satgas: Any, applied: Any) -> None:
    with pytest.raises(PreventUpdate):
        satgas.render_alert_events([{"id": "8", "alert": view(7)}], applied, "id")


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
        moves(satgas, sent)


def access_rows() -> int:
    # On a connection of its own: the access log is written outside the request's transaction.
    with db.engine.connect() as connection:
        return int(connection.scalar(sa.select(sa.func.count()).select_from(StaffAccess)) or 0)


def test_an_english_event_reads_only_its_card_and_records_no_access_per_event(
    satgas: Any, app: Flask, client: FlaskClient
) -> None:
    """The stream carries Indonesian sentences; an English page reads the alert again for its card only: no history,
    no hospitals, and no access-log row (the stream was recorded when it opened, docs/security.md)."""
    made = client.post(
        "/api/v1/alerts",
        json={"category": "breathing", "region": "13.71", "lat": -0.95, "lon": 100.35},
        headers=device_headers(),
    )
    assert made.status_code == 201
    context = _signed_in(app)
    try:
        sent = [{"id": "8", "alert": stream_view(db.session.get(Alert, uuid.UUID(made.get_json()["id"])))}]
        data.region_names()  # the per-process region names are read once, before counting
        logged = access_rows()
        with counted_statements() as statements:
            [move] = moves(satgas, sent, lang="en")["moves"]
        after = access_rows()
    finally:
        context.pop()
    assert "Routed to the queue: nearest to Kota Padang" in text(move["card"])
    assert after == logged
    read = " ".join(statements).lower()
    for table in ("staff_access_log", "alert_transitions", "alert_locations", "alert_presses", "hospitals"):
        assert table not in read
