"""What a monitoring alert says: the note the rules write and the reason codes read back from it (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence

EMERGENCY_PREFIX = "Isolation check-in emergency: "
SILENCE_NOTE = re.compile(r"No isolation check-in for (\d+) h")


def emergency_note(reasons: Sequence[str]) -> str:
    """The note of an alert opened by an emergency check-in; it keeps the check-in's reason codes."""
    return EMERGENCY_PREFIX + ", ".join(reasons)


def silence_note(hours: int) -> str:
    """The note of an alert opened because an isolating resident stopped reporting."""
    return f"No isolation check-in for {hours} h"


def note_reasons(note: str | None) -> list[str]:
    """The reason codes a monitoring alert's note carries (see reason_text for their sentences)."""
    if not note:
        return []
    if note.startswith(EMERGENCY_PREFIX):
        return [code.strip() for code in note[len(EMERGENCY_PREFIX) :].split(",") if code.strip()]
    silent = SILENCE_NOTE.fullmatch(note)
    if silent:
        return [f"no_checkin_{silent[1]}h"]
    return []


def is_emergency_note(note: str | None) -> bool:
    """An alert opened by an emergency check-in (it sorts with trouble breathing)."""
    return bool(note and note.startswith(EMERGENCY_PREFIX))
