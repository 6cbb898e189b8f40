"""The rate limits' in-process counters: counted and expired as limits' memory storage does, without a thread
started for every hit."""

from __future__ import annotations

import threading
import time

import pytest
from flask import Flask

from api import limit_storage
from api.extensions import limiter
from api.limit_storage import ProcessMemoryStorage


def test_the_app_counts_in_this_process_without_redis(app: Flask) -> None:
    assert app.config["RATELIMIT_STORAGE_URI"] == "process-memory://"
    assert isinstance(limiter.storage, ProcessMemoryStorage)


def test_counters_expire_on_reading_and_the_sweep_thread_starts_once_for_many_hits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[threading.Timer] = []
    timer = threading.Timer

    def counting(interval: float, function: object) -> threading.Timer:
        made = timer(interval, function)  # type: ignore[arg-type]
        started.append(made)
        return made

    storage = ProcessMemoryStorage()
    monkeypatch.setattr(limit_storage.threading, "Timer", counting)
    # Hits in bursts 30 ms apart: limits' own storage starts a thread for each burst (its timer lives 10 ms).
    for burst in range(10):
        for hit in range(1, 21):
            assert storage.incr("k", expiry=60) == burst * 20 + hit
            assert storage.acquire_entry("moving", limit=1000, expiry=60)
        time.sleep(0.03)
    assert len(started) <= 1
    assert all(t.daemon and t.interval == limit_storage.SWEEP_SECONDS for t in started)
    storage.incr("short", expiry=0.1)
    time.sleep(0.15)
    assert storage.get("short") == 0  # its window passed: the counter reads as expired, swept or not
    assert storage.incr("short", expiry=0.1) == 1
