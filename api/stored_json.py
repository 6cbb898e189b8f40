"""Reading the JSON columns back: an empty list, the most common value stored, without a trip through the parser."""

from __future__ import annotations

import json
from typing import Any

# Symptoms, danger signs and reasons of a check-in are mostly empty: a check-in reads those of every earlier
# check-in of its episode (triage compares them), and parsing "[]" was most of that reading's cost.
_EMPTY_LISTS = frozenset({"[]", b"[]"})


def load_stored_json(text: str | bytes) -> Any:
    """json.loads, with "[]" answered at once (a new list each time: callers may change it)."""
    if len(text) == 2 and text in _EMPTY_LISTS:
        return []
    return json.loads(text)
