"""A real server notices a live stream's client hanging up while the stream waits, not at its next writes."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask

from scripts.live import running_server
from tests.api.test_live_capacity import Stream
from tests.factories import staff_headers

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[tuple[str, int]]:
    # One stream per process, and keep-alives far apart: a hang-up found by writing would take a minute.
    settings = {"STREAMS_PER_WORKER": "1", "STREAM_KEEPALIVE_SECONDS": "30", "STREAM_MAX_SECONDS": "60"}
    with running_server(database_url, workers=1, threads=4, **settings) as address:
        yield address


def test_a_closed_console_gives_its_stream_slot_back_within_seconds(app: Flask, server: tuple[str, int]) -> None:
    host, port = server
    officer = staff_headers("satgas_provinsi")
    first = Stream(host, port, officer)
    assert first.status == 200
    refused = Stream(host, port, officer)
    assert refused.status == 503  # the process's one slot is taken
    refused.close()
    first.close()
    closed_at, status, took = time.monotonic(), 0, 0.0
    while time.monotonic() < closed_at + 5:
        again = Stream(host, port, officer)
        status, took = again.status, time.monotonic() - closed_at
        again.close()
        if status == 200:
            break
        time.sleep(0.2)
    # Within the check's second or two, long before the two keep-alives (60 s) a write would have needed.
    assert status == 200, f"the slot was still taken {took:.1f} s after the close"
