"""A monitoring alert's cause says how urgent it is, and its reason codes read as sentences; its note is for people."""

from __future__ import annotations

from screening.monitoring_alerts import EMERGENCY_CHECKIN, SILENCE, is_emergency, silence_reasons
from screening.reasons import reason_text


def test_only_an_emergency_checkin_is_an_emergency() -> None:
    assert is_emergency(EMERGENCY_CHECKIN)
    assert not is_emergency(SILENCE)
    assert not is_emergency(None)


def test_a_silence_reads_as_hours_without_a_report_in_both_languages() -> None:
    [code] = silence_reasons(49)
    assert reason_text(code)["en"] == "No isolation check-in for 49 hours."
    assert reason_text(code)["id"] == "Tidak ada laporan isolasi selama 49 jam."
