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
# Replies kept per process: the inputs a visitor can choose (area x language x measure x date) are few on
# the pages that matter, and the oldest copy goes first.
MAX_REPLIES = 512


def case_data_only(func: F) -> F:
    """Mark a callback (below its @callback) whose reply depends on nothing but its inputs and the case data:
    no session, no clock, no other table."""
    setattr(func, MARK, True)
    return func


def is_case_data_only(callback: Any) -> bool:
    return bool(getattr(callback, MARK, False))


class ReplyCopies:
    """Copies of reply bodies by request, each valid for the case data version it was made from."""

    def __init__(self, size: int = MAX_REPLIES) -> None:
        self._size = size
        self._copies: OrderedDict[str, tuple[str, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(body: dict[str, Any]) -> str:
        parts = [body.get(name) for name in ("output", "inputs", "state", "changedPropIds")]
        return json.dumps(parts, sort_keys=True, separators=(",", ":"))

    def get(self, key: str, version: str) -> bytes | None:
        with self._lock:
            found = self._copies.get(key)
            if found is None or found[0] != version:
                return None
            self._copies.move_to_end(key)
            return found[1]

    def put(self, key: str, version: str, reply: bytes) -> None:
        with self._lock:
            self._copies[key] = (version, reply)
            self._copies.move_to_end(key)
            while len(self._copies) > self._size:
                self._copies.popitem(last=False)
