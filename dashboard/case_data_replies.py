"""Public callbacks whose reply follows only from their inputs and the case data, answered again from a copy
until the case data change: a page view then costs a lookup, not three figures built and serialized."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Flask, current_app, has_app_context
from plotly.io.json import to_json_plotly

from dashboard import data

F = TypeVar("F", bound=Callable[..., Any])
# Where a server keeps its copies (the server's own: its database's case data versions).
REPLY_COPIES = "sumbar.reply_copies"
# A map reply carries the boundaries (about half a megabyte): a budget in bytes, not in replies, bounds the
# memory whatever mix of pages is asked for.
DEFAULT_MAX_BYTES = 32 * 1024 * 1024

# What a callback's copy is kept under: the values its reply follows from, checked against what the page can
# offer and put in one form (a map's date rather than the list and index it came as). None when the values are
# not ones the page offers: the reply is made, and not kept, so made-up values cannot fill the copies.
CopyKey = Callable[..., Any]


def init_reply_copies(server: Flask) -> None:
    """Give the server its copies, bounded by SUMBAR_PUBLIC_REPLY_CACHE_MB."""
    megabytes = int(server.config.get("PUBLIC_REPLY_CACHE_MB", DEFAULT_MAX_BYTES >> 20))
    server.extensions.setdefault(REPLY_COPIES, ReplyCopies(megabytes << 20))


def reply_copies() -> ReplyCopies | None:
    if not has_app_context():
        return None
    copies: ReplyCopies | None = current_app.extensions.get(REPLY_COPIES)
    return copies


def case_data_only(copy_key: CopyKey) -> Callable[[F], F]:
    """Memoize a callback (put this below its @callback) whose reply depends on nothing but its inputs and the
    case data (no session, no clock, no other table); `copy_key` takes the callback's inputs.

    A copy is the reply as JSON, which is also what Dash sends: read back, the components are the plain
    {type, namespace, props} objects the browser receives either way, so the reply is the same bytes.
    """

    def memoize(func: F) -> F:
        name = f"{func.__module__}.{func.__qualname__}"

        @wraps(func)
        def answer(*args: Any) -> Any:
            copies = reply_copies()
            key = copy_key(*args) if copies is not None else None
            if copies is None or key is None:
                return func(*args)
            kept_under = json.dumps([name, key], separators=(",", ":"))
            version = data.case_data_version()
            copy = copies.get(kept_under, version)
            if copy is not None:
                return tuple(json.loads(copy))
            reply = func(*args)
            copies.put(kept_under, version, to_json_plotly(list(reply)).encode())
            return reply

        setattr(answer, MARK, copy_key)
        return cast(F, answer)

    return memoize


MARK = "sumbar_case_data_only"


def is_case_data_only(callback: Any) -> bool:
    return getattr(callback, MARK, None) is not None


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
