"""Public callbacks whose reply follows only from their inputs and the case data, answered again from a copy
until the case data change: a page view then costs a lookup, not three figures built and serialized."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import dash
from flask import Flask, Response, request

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


def init_reply_copies(app: dash.Dash, server: Flask) -> None:
    """Give the server its copies, bounded by SUMBAR_PUBLIC_REPLY_CACHE_MB, and answer from them.

    A copy is the reply's body as Dash sent it, kept after the reply and sent again as it is: keeping the
    figures and letting Dash encode them again cost nine tenths of such a reply's time (130 KB of JSON read
    back and written out for each summary).
    """
    megabytes = int(server.config.get("PUBLIC_REPLY_CACHE_MB", DEFAULT_MAX_BYTES >> 20))
    copies = server.extensions.setdefault(REPLY_COPIES, ReplyCopies(megabytes << 20))
    path = app.config.requests_pathname_prefix + "_dash-update-component"

    # Registered after the check of the request's shape (callback_requests.py), so it reads a well-formed one.
    @server.before_request
    def answer_from_copy() -> Response | None:
        if request.method != "POST" or request.path != path:
            return None
        kept_under = _kept_under(app, request.get_json(silent=True))
        if kept_under is None:
            return None
        version = data.case_data_version()
        copy = copies.get(kept_under, version)
        if copy is not None:
            return Response(copy, mimetype="application/json")
        request.environ[_TO_KEEP] = (kept_under, version)
        return None

    # Flask runs these in reverse: this one sees the body before the compression registered earlier.
    @server.after_request
    def keep_copy(response: Response) -> Response:
        to_keep = request.environ.get(_TO_KEEP)
        if to_keep is not None and response.status_code == 200 and response.mimetype == "application/json":
            copies.put(*to_keep, response.get_data())
        return response


_TO_KEEP = "sumbar.reply_copy"


def _kept_under(app: dash.Dash, body: Any) -> str | None:
    """What a case-data-only callback's reply to this request is kept under; None for any other request."""
    if not isinstance(body, dict) or not isinstance(body.get("output"), str):
        return None
    spec = app.callback_map.get(body["output"])
    copy_key = getattr(spec["callback"], MARK, None) if spec is not None else None
    if copy_key is None:
        return None
    items = [*(body.get("inputs") or []), *(body.get("state") or [])]
    if not all(isinstance(item, dict) for item in items):
        return None  # pattern-matching inputs: no such callback is kept
    key = copy_key(*(item.get("value") for item in items))
    if key is None:
        return None
    callback = spec["callback"]
    return json.dumps([f"{callback.__module__}.{callback.__qualname__}", key], separators=(",", ":"))


def case_data_only(copy_key: CopyKey) -> Callable[[F], F]:
    """Mark a callback (put this below its @callback) whose reply depends on nothing but its inputs and the
    case data (no session, no clock, no other table); `copy_key` takes the callback's inputs and states, in
    order. Its replies are then kept and sent again until the case data change (init_reply_copies)."""

    def mark(func: F) -> F:
        setattr(func, MARK, copy_key)
        return func

    return mark


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
