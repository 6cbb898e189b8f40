"""Reading JSON request bodies safely: nesting within reason, text that can be stored (no lone surrogates, no
control characters), each key of an object once."""

from __future__ import annotations

import json
from typing import Any

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32


UNUSABLE = "<unusable body>"

# PostgreSQL refuses NUL in text and JSON, and the other C0 controls (bar tab and newline) only garble a note
# on the console: dropped from every string, so a panic press is never refused for what its note carries.
_CONTROLS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n")


class DuplicateKeyError(json.JSONDecodeError):
    """An object names one key twice. Parsers disagree on which value wins, so a check on one value and a use of
    the other could be made to read different ones: the body is refused instead. The key is kept out of the
    message (messages reach logs; the key is the caller's own text)."""

    def __init__(self, key: str) -> None:
        super().__init__("duplicate key in an object", UNUSABLE, 0)
        self.key = key


class UnusableJSON(json.JSONDecodeError):
    """Well-formed JSON this API cannot use: text no database can store, or nesting past MAX_DEPTH."""


def storable(text: str) -> str:
    """The text without the control characters no database or console should get (tab and newline stay)."""
    return text.translate(_CONTROLS)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        # Keys are compared as they will be stored: "a\u0000" and "a" would become one key.
        key = storable(key)
        if key in found:
            raise DuplicateKeyError(key)
        found[key] = value
    return found


def _clean(value: Any, depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise ValueError(f"nested deeper than {MAX_DEPTH}")
    if isinstance(value, str):
        # "\ud800" decodes to a lone surrogate, which no database can encode as UTF-8.
        value.encode("utf-8")
        return storable(value)
    if isinstance(value, dict):
        for key in value:
            key.encode("utf-8")
        return {key: _clean(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item, depth + 1) for item in value]
    return value


def parse_body(text: str | bytes) -> Any:
    """json.loads, refusing what would otherwise break later: raises json.JSONDecodeError for a body that is not
    JSON (not UTF-8 or not well-formed), DuplicateKeyError for a key named twice in one object, UnusableJSON for
    one that is well-formed but cannot be used; strings come back without control characters."""
    try:
        decoded = text.decode("utf-8") if isinstance(text, bytes) else text
    except UnicodeDecodeError as error:
        raise json.JSONDecodeError(f"not UTF-8: {error.reason}", UNUSABLE, error.start) from None
    try:
        value = _clean(json.loads(decoded, object_pairs_hook=_unique_keys))
    except json.JSONDecodeError:
        raise
    except (RecursionError, UnicodeError, ValueError) as error:
        # A non-empty document: webargs reads an empty one as "no body" and would go on without the fields.
        raise UnusableJSON(f"unusable JSON: {error.__class__.__name__}", UNUSABLE, 0) from None
    return value


class JSONProvider(DefaultJSONProvider):
    """Flask's own JSON reading (request.get_json) with the same refusals as the API's argument parser."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:  # noqa: ARG002 (kwargs are json.loads options)
        return parse_body(s)
