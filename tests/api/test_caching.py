"""The cache map and its memos: once per request, once per process (and key), at most so old; every cache mapped."""

from __future__ import annotations

import re
from pathlib import Path

from flask import Flask

import api.caching
from api.caching import forget_per_process, forget_per_request, forget_recent, per_process, per_request, recent

ROOT = Path(__file__).resolve().parents[2]
# How a cache is made or used in this code base; each file that does it must be on the map.
CACHING = re.compile(
    r"functools\.cache|^@cache|lru_cache|per_process\(|per_request\(|recent\(|session\.info\[|cache\.set\(|ReplyCopies\(",
    re.MULTILINE,
)


class Counter:
    def __init__(self, value: object = "value") -> None:
        self.calls, self.value = 0, value

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_a_per_request_value_is_computed_once_until_forgotten(app: Flask) -> None:
    count = Counter()
    assert [per_request("memo", count), per_request("memo", count)] == ["value", "value"]
    assert count.calls == 1
    forget_per_request("memo")
    per_request("memo", count)
    assert count.calls == 2
    # Each request or command runs in an application context of its own.
    with app.app_context():
        per_request("memo", count)
    assert count.calls == 3


def test_a_per_process_value_is_loaded_once_per_key_and_an_empty_one_not_kept(app: Flask) -> None:
    count, empty = Counter(), Counter(frozenset())
    per_process("codes", count)
    per_process("codes", count)
    assert count.calls == 1
    per_process("codes", count, key="another file")
    assert count.calls == 2
    forget_per_process("codes")
    per_process("codes", count, key="another file")
    assert count.calls == 3
    per_process("empty", empty)
    per_process("empty", empty)
    assert empty.calls == 2


def test_a_recent_value_is_reused_within_its_age_and_forgotten_with_the_version(app: Flask) -> None:
    count = Counter()
    recent("situation", 3600, count)
    recent("situation", 3600, count)
    assert count.calls == 1
    recent("situation", 0, count)
    assert count.calls == 2
    forget_recent()
    recent("situation", 3600, count)
    assert count.calls == 3


def test_every_module_that_caches_is_on_the_map() -> None:
    the_map = api.caching.__doc__ or ""
    caching = [
        path.relative_to(ROOT).as_posix()
        for package in ("api", "dashboard", "webapp", "screening", "surveillance")
        for path in sorted((ROOT / package).rglob("*.py"))
        if path.name != "caching.py" and CACHING.search(path.read_text(encoding="utf-8"))
    ]
    # The unit of work keeps its own state (the commit it makes, the writer lock held) in session.info: no cache.
    caching.remove("api/transactions.py")
    assert "api/services/regions.py" in caching
    missing = [p for p in caching if p not in the_map and f"`{Path(p).stem}." not in the_map]
    assert missing == []
