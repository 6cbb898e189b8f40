"""Reading the JSON columns back: an empty list, the most common value stored, without a trip through the parser."""

from __future__ import annotations

import json
from typing import Any

# A check-in's symptoms and danger signs are mostly empty, and a check-in reads those of every earlier check-in
# of its episode (triage compares them): parsing "[]" was most of that reading's cost.


def load_stored_json(text: str | bytes) -> Any:
    """json.loads, with "[]" answered at once (a new list each time: callers may change it)."""
    # SQLite hands over text, psycopg bytes; each compared with its own kind.
    if len(text) == 2 and (text == "[]" if isinstance(text, str) else text == b"[]"):
        return []
    return json.loads(text)
