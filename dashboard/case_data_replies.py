"""Public callbacks whose reply follows only from their inputs and the case data, answered again from a copy
until the case data change: a page view then costs a lookup, not three figures built and serialized."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])
MARK = "sumbar_case_data_only"
# A map reply carries the boundaries (about half a megabyte): a budget in bytes, not in replies, bounds the
# memory whatever mix of pages is asked for.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

# What a callback's copy is kept under: the values its reply follows from, checked against what the page can
# offer and put in one form (a map's date rather than the list and index it came as). None when the values are
# not ones the page offers: the reply is made, and not kept, so made-up values cannot fill the copies.
CopyKey = Callable[..., Any]


def case_data_only(copy_key: CopyKey) -> Callable[[F], F]:
    """Mark a callback (below its @callback) whose reply depends on nothing but its inputs and the case data
    (no session, no clock, no other table); `copy_key` takes the callback's inputs."""

    def mark(func: F) -> F:
        setattr(func, MARK, copy_key)
        return func

    return mark


def copy_key_of(callback: Any) -> CopyKey | None:
    found: CopyKey | None = getattr(callback, MARK, None)
    return found


def is_case_data_only(callback: Any) -> bool:
    return copy_key_of(callback) is not None


def request_key(output: str, copy_key: CopyKey, values: list[Any]) -> str | None:
    """The copy's key for a request of callback `output` with these input values, or None (not kept)."""
    key = copy_key(*values)
    if key is None:
        return None
    return json.dumps([output, key], separators=(",", ":"))


class ReplyCopies:
    """Copies of reply bodies by request, each valid for the case data version it was made from; the least
    recently used go first once their bytes pass `max_bytes`."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._copies: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._copies)

    @staticmethod
    def _size(key: str, reply: bytes) -> int:
        return len(key) + len(reply)

    def _drop(self, key: str) -> None:
        _version, reply = self._copies.pop(key)
        self.bytes -= self._size(key, reply)

    def get(self, key: str, version: str) -> bytes | None:
        with self._lock:
            found = self._copies.get(key)
            if found is None:
                return None
            if found[0] != version:
                self._drop(key)  # made from figures that have changed since
                return None
            self._copies.move_to_end(key)
            return found[1]

    def put(self, key: str, version: str, reply: bytes) -> None:
        size = self._size(key, reply)
        if size > self.max_bytes:
            return
        with self._lock:
            if key in self._copies:
                self._drop(key)
            self._copies[key] = (version, reply)
            self.bytes += size
            while self.bytes > self.max_bytes:
                self._drop(next(iter(self._copies)))
