"""Every isolation event reads as words in both languages, from its action code and details alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from screening import isolation_events as events
from screening.isolation import CLOSING_OUTCOMES, REASONS
from screening.isolation_events import event_text

CASES: list[tuple[str, dict[str, Any] | None, str, str]] = [
    (
        "start",
        events.started("suspect", dt.date(2021, 7, 1)),
        "Episode dimulai (Suspek, mulai 1 Jul 2021)",
        "Episode started (Suspect, from 1 Jul 2021)",
    ),
    ("start", None, "Episode dimulai (–, mulai –)", "Episode started (–, from –)"),
    ("note", None, "Catatan", "Note"),
    (
        "flag_urgent",
        events.found(["spo2_below_90", "danger_sign:bluish_lips"]),
        "Ditandai perlu diperiksa hari ini — Saturasi oksigen (SpO2) di bawah 90%. "
        "Tanda bahaya: bibir atau wajah kebiruan.",
        "Flagged: check today — Oxygen saturation (SpO2) below 90%. Danger sign: bluish lips or face.",
    ),
    (
        "alert_opened",
        events.found(["respiratory_rate_above_30"]),
        "Peringatan darurat dibuka — Napas lebih dari 30 kali per menit.",
        "Emergency alert opened — Breathing faster than 30 per minute.",
    ),
    (
        "flag_silent",
        events.quiet(25),
        "Ditandai tidak melapor 24 jam — tidak ada laporan selama 25 jam",
        "Flagged: silent 24 h — no check-in for 25 hours",
    ),
    (
        "escalated",
        events.quiet(49),
        "Dieskalasi ke antrean peringatan — tidak ada laporan selama 49 jam",
        "Escalated to the alert queue — no check-in for 49 hours",
    ),
    (
        "reminder",
        events.quiet(12, dt.datetime(2021, 7, 1, 3, tzinfo=dt.UTC)),
        "Pengingat dikirim — tidak ada laporan selama 12 jam",
        "Reminder sent — no check-in for 12 hours",
    ),
    ("reminder", None, "Pengingat dikirim", "Reminder sent"),
    (
        "end_date_moved",
        events.moved(dt.date(2021, 7, 14), dt.date(2021, 8, 2)),
        "Tanggal selesai berubah — 14 Jul 2021 → 2 Agu 2021",
        "Release date moved — 14 Jul 2021 → 2 Aug 2021",
    ),
    (
        "unflag_silent",
        events.because(events.CHECKIN_RECEIVED),
        "Tanda 'tidak melapor' diturunkan — laporan diterima",
        "'Silent' flag lowered — check-in received",
    ),
    ("unflag_urgent", None, "Tanda 'perlu diperiksa' diturunkan", "'Check today' flag lowered"),
    ("unflag_escalated", {}, "Tanda 'dieskalasi' diturunkan", "'Escalated' flag lowered"),
    (
        "close:completed",
        events.because(events.RELEASE_DATE_REACHED),
        "Ditutup: Selesai isolasi — tanggal selesai tercapai",
        "Closed: Completed — release date reached",
    ),
    ("close:referred", None, "Ditutup: Dirujuk", "Closed: Referred"),
    ("close:cured", None, "Ditutup: cured", "Closed: cured"),
    ("renamed", {"cause": "typo"}, "renamed — typo", "renamed — typo"),
]


@pytest.mark.parametrize(("action", "details", "indonesian", "english"), CASES)
def test_an_event_reads_the_same_in_both_languages_from_its_code_and_details(
    action: str, details: dict[str, Any] | None, indonesian: str, english: str
) -> None:
    assert event_text(action, details, "id") == indonesian
    assert event_text(action, details, "en") == english


def test_an_unknown_language_reads_indonesian() -> None:
    assert event_text("note", None, "fr") == "Catatan"
    assert events.day_text("2021-08-02", "fr") == "2 Agu 2021"


def test_every_isolation_reason_and_closing_outcome_has_words() -> None:
    assert set(events.REASON_TEXT) == set(REASONS)
    assert set(events.OUTCOME_TEXT) == set(CLOSING_OUTCOMES)
