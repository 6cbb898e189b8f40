"""Why the rules open a monitoring alert (its cause and reason codes) and the note a human reads on it (pure)."""

from __future__ import annotations

from collections.abc import Sequence

# The causes a monitoring alert is opened for; the queue sorts an emergency check-in with trouble breathing.
EMERGENCY_CHECKIN, SILENCE = "emergency_checkin", "silence"
CAUSES = (EMERGENCY_CHECKIN, SILENCE)


def emergency_note(reasons: Sequence[str]) -> str:
    """The note of an alert opened by an emergency check-in, for the people reading it."""
    return "Isolation check-in emergency: " + ", ".join(reasons)


def silence_note(hours: int) -> str:
    """The note of an alert opened because an isolating resident stopped reporting."""
    return f"No isolation check-in for {hours} h"


def silence_reasons(hours: int) -> list[str]:
    """The reason codes of an alert opened after `hours` without a check-in (reason_text reads them)."""
    return [f"no_checkin_{hours}h"]


def is_emergency(cause: str | None) -> bool:
    """An alert opened by an emergency check-in (it sorts with trouble breathing)."""
    return cause == EMERGENCY_CHECKIN
