"""The console's and the monitoring board's pieces called as plain functions: cards an officer can act on, the
board's words and times in the page's language, and lists that come a page at a time."""

from __future__ import annotations

import datetime as dt
import importlib
import time
from types import SimpleNamespace
from typing import Any

import pytest
from flask import Flask, session
from flask.testing import FlaskClient

from dashboard import data
from tests.dashboard.test_pages import links, text
from tests.factories import device_headers, hospital_staff, staff, staff_headers

NOW = dt.datetime(2026, 11, 28, 18, 40, tzinfo=dt.UTC)
MONITORING = {
    "id": "5a7c0c7e-0000-4000-8000-000000000001",
    "type": "monitoring",
    "category": "monitoring",
    "status": "new",
    "region": "13.71",
    "created_at": "2026-11-28T18:36:00+00:00",
    "press_count": 1,
    "escalated": False,
    "sla_deadline": "2026-11-28T18:41:00+00:00",
    "acknowledged_by": None,
    "phone": "0812 3333 4444",
    "resident_name": "Siti Aminah",
    "lat": None,
    "lon": None,
    "accuracy_m": None,
    "maps_url": None,
    "geo_uri": None,
    "routed_by_text": "the isolation episode's region: Kota Padang",
    "severity": 0,
    "note": "raw note",
    "reason_texts": ["Danger sign: bluish lips or face."],
    "episode": "6b8d1d8f-0000-4000-8000-000000000002",
    "updated_at": "2026-11-28T18:36:00+00:00",
    "outside_province": False,
}


def test_a_monitoring_card_shows_the_name_a_tel_link_the_reasons_and_the_episode(pages: SimpleNamespace) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    card = satgas.alert_card(MONITORING, "en", NOW, {"13.71": "Kota Padang"})
    shown = text(card)
    assert "Siti Aminah" in shown
    assert "Danger sign: bluish lips or face." in shown
    assert "danger_sign:" not in shown
    assert "Routed to the queue: the isolation episode's region: Kota Padang" in shown
    assert "opened 4 min ago" in shown  # a report opened it: nobody pressed anything
    assert "pressed" not in shown
    assert "tel:081233334444" in links(card)
    assert f"/satgas/pemantauan?episode={MONITORING['episode']}" in links(card)
    assert "sev-high" in card.className


@pytest.mark.parametrize(
    ("lang", "via", "chat"), [("id", "lewat WhatsApp", "Buka WhatsApp"), ("en", "via WhatsApp", "Open WhatsApp")]
)
def test_a_card_raised_over_whatsapp_says_so_with_a_tel_and_a_wa_me_link(
    pages: SimpleNamespace, lang: str, via: str, chat: str
) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    alert = {
        **MONITORING,
        "phone": "+6281233334444",
        "channel": "whatsapp",
        "whatsapp_url": "https://wa.me/6281233334444",
    }
    card = satgas.alert_card(alert, lang, NOW, {"13.71": "Kota Padang"})
    assert via in text(card)
    assert chat in text(card)
    assert "tel:+6281233334444" in links(card)
    assert "https://wa.me/6281233334444" in links(card)


ISOLATION = {
    "episode": MONITORING["episode"],
    "day": 4,
    "total_days": 13,
    "address": "Jl. Sawahan No. 12, Padang Timur",
    "lat": -0.9521,
    "lon": 100.3702,
    "maps_url": "https://www.google.com/maps/search/?api=1&query=-0.952100%2C100.370200",
    "age": 67,
    "pregnant": None,
    "risk_factors": ["diabetes", "hypertension"],
    "last_reading": {
        "measured_at": "2026-11-28T18:30:00+00:00",
        "temperature_c": 38.4,
        "spo2": 88,
        "respiratory_rate": None,
        "triage": "emergency",
    },
}


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "id",
            [
                "Jl. Sawahan No. 12, Padang Timur",
                "Titik rumah di peta",
                "Isolasi hari ke-4 dari 13 · usia 67 tahun · penyakit penyerta: Diabetes (kencing manis), "
                "Hipertensi (darah tinggi)",
                "Laporan terakhir: suhu 38.4 °C, SpO2 88% (29 Nov 2026 01.30 WIB)",
            ],
        ),
        (
            "en",
            [
                "Home pin in maps",
                "Isolation day 4 of 13 · aged 67 · conditions: Diabetes, High blood pressure",
                "Last check-in: temperature 38.4 °C, SpO2 88% (29 Nov 2026 01:30 WIB)",
            ],
        ),
    ],
)
def test_a_card_from_an_isolation_shows_the_address_pin_age_risks_and_last_readings(
    pages: SimpleNamespace, app: Flask, lang: str, expected: list[str]
) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    with app.app_context():
        card = satgas.alert_card({**MONITORING, "isolation": ISOLATION}, lang, NOW, {"13.71": "Kota Padang"})
    shown = text(card)
    for line in expected:
        assert line in shown
    assert ISOLATION["maps_url"] in links(card)
    bare = {**ISOLATION, "address": None, "maps_url": None, "age": None, "risk_factors": [], "last_reading": None}
    with app.app_context():
        shown = text(satgas.alert_card({**MONITORING, "isolation": bare}, "en", NOW, {}))
    assert "No isolation address given" in shown
    assert "Isolation day 4 of 13 · no conditions reported" in shown
    assert "No check-in yet" in shown
    assert "Isolation day" not in text(satgas.alert_card(MONITORING, "en", NOW, {}))


def test_a_claimed_card_offers_no_outcome_beforehand(pages: SimpleNamespace) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    located = {
        **MONITORING,
        "status": "acknowledged",
        "lat": -0.95,
        "lon": 100.36,
        "accuracy_m": 25.0,
        "maps_url": "https://maps.example/?q=1",
        "geo_uri": "geo:-0.950000,100.360000",
    }
    card = satgas.alert_card(located, "id", NOW, {})
    outcome = find(card, lambda c: getattr(c, "id", None) == {"type": "alert-outcome", "id": located["id"]})
    assert outcome.value is None
    assert {"https://maps.example/?q=1", "geo:-0.950000,100.360000"} <= set(links(card))
    assert "± 25 m" in text(card)


def test_a_card_whose_fix_lies_outside_the_province_says_so_beside_the_location(pages: SimpleNamespace) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    jakarta = {
        **MONITORING,
        "type": "panic",
        "category": "medical",
        "lat": -6.2,
        "lon": 106.8,
        "accuracy_m": 30.0,
        "maps_url": "https://maps.example/?q=2",
        "geo_uri": "geo:-6.2,106.8",
        "outside_province": True,
    }
    shown = text(satgas.alert_card(jakarta, "id", NOW, {"13.71": "Kota Padang"}))
    assert "Lokasi di luar Sumatera Barat" in shown
    assert "Lokasi di luar" not in text(satgas.alert_card({**jakarta, "outside_province": False}, "id", NOW, {}))


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
    event = {
        "action": "flag_urgent",
        "actor": "system",
        "staff": None,
        "at": "2026-11-28T18:36:00+00:00",
        "details": {"reasons": ["spo2_below_90", "danger_sign:bluish_lips"]},
        "note": None,
    }
    closed = {
        "action": "close:referred",
        "actor": "staff",
        "staff": "rina",
        "details": None,
        "note": "RSUP",
        "at": event["at"],
    }
    with app.app_context():
        assert board.event_text(event, "id") == (
            "29 Nov 2026 01.36 WIB · Ditandai perlu diperiksa hari ini — "
            "Saturasi oksigen (SpO2) di bawah 90%. Tanda bahaya: bibir atau wajah kebiruan. · sistem"
        )
        assert board.event_text(closed, "en") == "29 Nov 2026 01:36 WIB · Closed: Referred · rina · RSUP"
        silent = {**event, "action": "flag_silent", "details": {"hours": 25}}
        assert board.event_text(silent, "en").endswith("Flagged: silent 24 h — no check-in for 25 hours · system")
        # The words come from the action and details alone: a note that looks like a system sentence stays as it is.
        staff_note = {**closed, "action": "note", "note": "no check-in for 25 h"}
        assert board.event_text(staff_note, "en").endswith("Note · rina · no check-in for 25 h")
    # The board's filters are named in the page's language too.
    assert board.monitoring_labels("en", "monitoring-title")[2:] == ("Flags", "Regency/city")
    assert board.monitoring_labels("id", "monitoring-title")[2:] == ("Tanda", "Kabupaten/kota")


def _signed_in(app: Flask, role: str = "satgas_provinsi") -> Any:
    """A request context with `role` signed in to the console, as a console page's callback runs."""
    context = app.test_request_context("/satgas")
    context.push()
    user = staff(role)
    session.update({"staff_id": user.id, "v": user.session_version, "seen": int(time.time())})
    return context


def test_the_board_shows_a_page_and_says_in_both_languages_that_there_are_more(
    pages: SimpleNamespace, app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = importlib.import_module("dashboard.pages.pemantauan")
    body = {
        "reason": "close_contact",
        "start_date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "region": "13.71",
    }
    for _ in range(3):
        client.post("/api/v1/isolations", json=body, headers=device_headers())
    monkeypatch.setattr(data, "BOARD_PAGE", 2)
    context = _signed_in(app)
    try:
        page = data.monitoring_board()
        assert (len(page.rows), page.total, page.more) == (2, 3, True)
        assert "Showing 2 of 3 episodes" in text(board.refresh_board(None, None, None, None, "en"))
        assert "Menampilkan 2 dari 3 episode" in text(board.refresh_board(None, None, None, None, "id"))
        monkeypatch.setattr(data, "BOARD_PAGE", 3)
        assert "Showing" not in text(board.refresh_board(None, None, None, None, "en"))
        # A language value the page never sends is read as the default, not a server error.
        monkeypatch.setattr(data, "BOARD_PAGE", 2)
        assert "Menampilkan 2 dari 3 episode" in text(board.refresh_board(None, None, None, None, ["en"]))
    finally:
        context.pop()


def test_the_console_queue_is_one_page_of_open_alerts_and_says_when_there_are_more(
    pages: SimpleNamespace, app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    made = [
        client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
        for _ in range(3)
    ]
    closed = made[0].get_json()["id"]
    client.post(f"/api/v1/alerts/{closed}/claim", json={}, headers=staff_headers())
    client.post(f"/api/v1/alerts/{closed}/resolve", json={"outcome": "helped"}, headers=staff_headers())
    monkeypatch.setattr(data, "QUEUE_PAGE", 1)
    context = _signed_in(app)
    try:
        page = data.open_alerts("en")
        assert (len(page.rows), page.total, page.more) == (1, 2, True)
        assert closed not in {a["id"] for a in page.rows}
        assert data.alert_queue("en") == page.rows
        assert "Showing 1 of 2 open alerts" in text(satgas.refresh_console(None, None, "open", "en", None)[1])
        assert "Menampilkan 1 dari 2 peringatan" in text(satgas.refresh_console(None, None, "open", "id", None)[1])
        monkeypatch.setattr(data, "QUEUE_PAGE", 2)
        assert satgas.refresh_console(None, None, "open", "en", None)[1] is None
    finally:
        context.pop()


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


def test_the_console_names_an_officer_s_unit_not_the_raw_role(pages: SimpleNamespace, app: Flask) -> None:
    satgas = importlib.import_module("dashboard.pages.satgas")
    with app.app_context():
        assert satgas.staff_title("satgas_kabkota", "13.71") == "Satgas Kota Padang"
        assert satgas.staff_title("satgas_provinsi", None) == "Satgas Provinsi Sumatera Barat"
    context = _signed_in(app)
    try:
        assert satgas.refresh_console(None, None, "open", "en", None)[7] == "0 open alerts with a location on the map."
    finally:
        context.pop()
    assert satgas.label("map_alt_one", "en").format(n=1) == "1 open alert with a location on the map."


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (1, "en", "1 check-in. Latest: SpO2 93, temperature 37.5, breathing 22, triage urgent."),
        (2, "en", "2 check-ins. Latest: SpO2 93, temperature 37.5, breathing 22, triage urgent."),
        (1, "id", "1 laporan. Terakhir: SpO2 93, suhu 37.5, napas 22, triase mendesak."),
        (2, "id", "2 laporan. Terakhir: SpO2 93, suhu 37.5, napas 22, triase mendesak."),
    ],
)
def test_the_vitals_caption_counts_one_check_in_and_several_in_english_and_indonesian(
    pages: SimpleNamespace, count: int, lang: str, expected: str
) -> None:
    board = importlib.import_module("dashboard.pages.pemantauan")
    reading = {"spo2": 93, "temperature_c": 37.5, "respiratory_rate": 22, "triage": "urgent"}
    assert board.vitals_caption([reading] * count, lang) == expected


def test_a_locked_out_sign_in_says_when_to_try_again_and_what_to_do_meanwhile() -> None:
    from dashboard.components import login_form

    shown = text(login_form(failed=True, next_page="/satgas", wait=90))
    assert "Coba lagi dalam 2 menit" in shown
    assert "admin Satgas" in shown
    assert "task force admin" in shown


def _hospital_signed_in(app: Flask, code: str) -> Any:
    context = app.test_request_context("/satgas/rumah-sakit")
    context.push()
    user = hospital_staff(code)
    session.update({"staff_id": user.id, "v": user.session_version, "seen": int(time.time())})
    return context


def test_the_bed_form_saves_a_hospitals_day_and_marks_bad_fields_in_the_pages_language(
    pages: SimpleNamespace, app: Flask
) -> None:
    form = importlib.import_module("dashboard.pages.satgas_rumah_sakit")
    context = _hospital_signed_in(app, "1371010")
    try:
        assert [code for code, _ in data.bed_reporter()["hospitals"]] == ["1371010"]  # type: ignore[index]
        today = data.local_today().isoformat()
        good = [40, 30, 8, 8, None, None, None, 2]
        bad = form.send_report(1, "1371010", today, 40, 41, 8, 1.5, None, None, None, None, "en")
        assert bad[0] == "Check the marked fields."
        errors = dict(zip(("day", *form.FIELDS), bad[1:], strict=True))
        assert errors["icu_occupied"] == "Must be a whole number."
        bad = form.send_report(1, "1371010", today, 40, 41, 8, 2, None, None, None, None, "id")
        assert dict(zip(("day", *form.FIELDS), bad[1:], strict=True))["isolation_occupied"] == (
            "Tidak boleh melebihi jumlah tempat tidur."
        )
        assert data.hospital_now("1371010")["latest_report"] is None  # type: ignore[index]
        saved = form.send_report(1, "1371010", today, *good, "en")
        assert saved[0] == f"Report for {today} saved."
        again = form.send_report(1, "1371010", today, *good, "id")
        assert again[0].startswith(f"Laporan {today} tersimpan, menggantikan")
        assert "Isolation: 10 free of 40" in text(form.latest_report("1371010", "en", None))
        other = form.send_report(1, "1371444", today, *good, "en")
        assert other[0] == "Hospital 1371444 not found."
        assert form.silent_list("en", None) is None  # the silent list is the provincial task force's
    finally:
        context.pop()
    context = _signed_in(app)
    try:
        silent = text(form.silent_list("en", None))
        assert "Hospitals silent for 3 days" in silent
        assert "RSUP DR. M. DJAMIL" not in silent
        assert "RS UMUM DAERAH DR. RASIDIN PADANG  ·  never reported" in silent
    finally:
        context.pop()


def test_a_hospital_account_at_a_task_force_page_is_shown_the_way_to_its_bed_form(app: Flask) -> None:
    from dashboard.components import console_gate

    context = _hospital_signed_in(app, "1371010")
    try:
        user = data.console_user()
        assert user is not None
        shown = console_gate(user, {}, next_page="/satgas")
        assert shown is not None
        assert "bukan akun Satgas" not in text(shown)
        hospital = data.hospital_now("1371010")["name"]  # type: ignore[index]
        assert f"Akun ini melaporkan tempat tidur {hospital}." in text(shown)
        assert f"This account reports the beds of {hospital}." in text(shown)
        assert "/satgas/rumah-sakit" in links(shown)
    finally:
        context.pop()


def test_the_board_and_the_episode_show_where_the_resident_isolates(
    pages: SimpleNamespace, app: Flask, client: FlaskClient
) -> None:
    board = importlib.import_module("dashboard.pages.pemantauan")
    body = {
        "reason": "close_contact",
        "start_date": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "region": "13.71",
    }
    pinned = {**body, "address": "Jl. Sawahan No. 12, Padang Timur", "lat": -0.9521, "lon": 100.3702}
    episode = client.post("/api/v1/isolations", json=pinned, headers=device_headers()).get_json()["id"]
    client.post("/api/v1/isolations", json=body, headers=device_headers())
    context = _signed_in(app)
    try:
        listing = board.refresh_board(None, None, None, None, "en")
        detail = board.show_episode(episode, None, None, "id")
    finally:
        context.pop()
    assert "Jl. Sawahan No. 12, Padang Timur" in text(listing)
    assert "No isolation address given" in text(listing)
    assert "https://www.google.com/maps/search/?api=1&query=-0.952100%2C100.370200" in links(listing)
    assert "Jl. Sawahan No. 12, Padang Timur" in text(detail)
    assert "Titik rumah di peta" in text(detail)
