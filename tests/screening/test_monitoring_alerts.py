"""A monitoring alert's note keeps its reason codes, and they read back as sentences."""

from __future__ import annotations

from screening.monitoring_alerts import emergency_note, is_emergency_note, note_reasons, silence_note
from screening.reasons import reason_text


def test_an_emergency_note_gives_back_its_reason_codes() -> None:
    note = emergency_note(["spo2_below_90", "danger_sign:bluish_lips"])
    assert is_emergency_note(note)
    assert note_reasons(note) == ["spo2_below_90", "danger_sign:bluish_lips"]


def test_a_silence_note_is_not_an_emergency_and_reads_as_hours_without_a_report() -> None:
    note = silence_note(49)
    assert not is_emergency_note(note)
    assert [reason_text(code)["en"] for code in note_reasons(note)] == ["No isolation check-in for 49 hours."]
    assert reason_text(note_reasons(note)[0])["id"] == "Tidak ada laporan isolasi selama 49 jam."


def test_other_notes_carry_no_reasons() -> None:
    assert note_reasons(None) == []
    assert note_reasons("raised by hand") == []
