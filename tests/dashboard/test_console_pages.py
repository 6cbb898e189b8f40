"""The console's and the monitoring board's pieces called as plain functions: cards an officer can act on, the
board's words and times in the page's language."""

from __future__ import annotations

import datetime as dt
import importlib
from types import SimpleNamespace
from typing import Any

from flask import Flask

from tests.dashboard.test_pages import links, text

NOW = dt.datetime(2026, 11, 28, 18, 40, tzinfo=dt.UTC)
MONITORING = {
    "id": "5a7c0c7e-0000-4000-8000-000000000001", "type": "monitoring", "category": "monitoring", "status": "new",
    "region": "13.71", "created_at": "2026-11-28T18:36:00+00:00", "press_count": 1, "escalated": False,
    "sla_deadline": "2026-11-28T18:41:00+00:00", "acknowledged_by": None, "phone": "0812 3333 4444",
    "resident_name": "Siti Aminah", "lat": None, "lon": None, "accuracy_m": None, "maps_url": None, "geo_uri": None,
    "routed_by_text": "the isolation episode's region: Kota Padang", "severity": 0, "note": "raw note",
    "reason_texts": ["Danger sign: bluish lips or face."], "episode": "6b8d1d8f-0000-4000-8000-000000000002",
    "updated_at": "2026-11-28T18:36:00+00:00",
}  # fmt: skip


def test_a_monitoring_card_shows_the_name_a_tel_link_the_reasons_and_the_episode(pages: SimpleNamespace) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    card = satgas.alert_card(MONITORING, "en", NOW, {"13.71": "Kota Padang"})
    shown = text(card)
    assert "Siti Aminah" in shown
    assert "Danger sign: bluish lips or face." in shown
    assert "danger_sign:" not in shown
    assert "Routed: the isolation episode's region: Kota Padang" in shown
    assert "first pressed 4 min ago" in shown
    assert "tel:081233334444" in links(card)
    assert f"/satgas/pemantauan?episode={MONITORING['episode']}" in links(card)
    assert "sev-high" in card.className


def test_a_claimed_card_offers_no_outcome_beforehand(pages: SimpleNamespace) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    located = {**MONITORING, "status": "acknowledged", "lat": -0.95, "lon": 100.36, "accuracy_m": 25.0,
               "maps_url": "https://maps.example/?q=1", "geo_uri": "geo:-0.950000,100.360000"}  # fmt: skip
    card = satgas.alert_card(located, "id", NOW, {})
    outcome = find(card, lambda c: getattr(c, "id", None) == {"type": "alert-outcome", "id": located["id"]})
    assert outcome.value is None
    assert {"https://maps.example/?q=1", "geo:-0.950000,100.360000"} <= set(links(card))
    assert "± 25 m" in text(card)


def find(component: Any, matches: Any) -> Any:
    if matches(component):
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = find(child, matches)
            if found is not None:
                return found
    return None


def test_board_events_and_times_read_in_the_pages_language(pages: SimpleNamespace, app: Flask) -> None:
    board = importlib.import_module("dashboard.pages.pemantauan")
    event = {"action": "flag_urgent", "actor": "system", "staff": None, "at": "2026-11-28T18:36:00+00:00",
             "details": {"reasons": ["spo2_below_90", "danger_sign:bluish_lips"]}, "note": None}  # fmt: skip
    closed = {"action": "close:referred", "actor": "staff", "staff": "rina", "details": None, "note": "RSUP",
              "at": event["at"]}  # fmt: skip
    with app.app_context():
        assert board.event_text(event, "id") == (
            "29 Nov 2026 01.36 WIB · Ditandai perlu diperiksa hari ini — "
            "Saturasi oksigen (SpO2) di bawah 90%. Tanda bahaya: bibir atau wajah kebiruan. · sistem"
        )
        assert board.event_text(closed, "en") == "29 Nov 2026 01:36 WIB · Closed: Referred · rina · RSUP"
        silent = {**event, "action": "flag_silent", "details": {"hours": 25}}
        assert board.event_text(silent, "en").endswith("Flagged: silent 24 h — no check-in for 25 hours · system")
        # The words come from the action and details alone: a note that looks like a system sentence stays as it is.
        staff = {**closed, "action": "note", "note": "no check-in for 25 h"}
        assert board.event_text(staff, "en").endswith("Note · rina · no check-in for 25 h")


def test_the_board_shows_each_event_in_the_words_the_api_gives(pages: SimpleNamespace, app: Flask, client: Any) -> None:
    from tests.factories import device_headers, staff_headers

    board = importlib.import_module("dashboard.pages.pemantauan")
    resident = device_headers()
    body = {"reason": "suspect", "start_date": dt.date.today().isoformat(), "region": "13.71"}
    episode = client.post("/api/v1/isolations", json=body, headers=resident).get_json()["id"]
    measured = dt.datetime.now(dt.UTC).isoformat()
    client.post(f"/api/v1/isolations/{episode}/checkins", json={"measured_at": measured, "spo2": 88}, headers=resident)
    for lang in ("id", "en"):
        headers = {**staff_headers("satgas_provinsi"), "Accept-Language": lang}
        events = client.get(f"/api/v1/isolations/{episode}", headers=headers).get_json()["events"]
        assert [e["action"] for e in events] == ["start", "flag_urgent", "alert_opened"]
        with app.app_context():
            lines = [board.event_text(event, lang) for event in events]
        assert all(f" · {event['text']} · " in line for event, line in zip(events, lines, strict=True))
