"""Against a running multi-process server: the claim race and the live stream across workers."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.factories import device_headers, staff_headers
from tests.live import request, running_server

pytestmark = pytest.mark.live


@pytest.fixture
def server(app: Flask, database_url: str) -> Iterator[tuple[str, int]]:
    # Streams end after 3 s so that the server can stop promptly.
    with running_server(database_url, STREAM_MAX_SECONDS="3") as address:
        yield address


def claim_together(host: str, port: int, alert_id: str, callers: list[dict[str, str]]) -> list[int]:
    """Send one claim per caller, released at the same instant; returns the status codes."""
    barrier = threading.Barrier(len(callers))
    results: list[int] = []

    def claim(headers: dict[str, str]) -> None:
        barrier.wait()
        results.append(request(host, port, "POST", f"/api/v1/alerts/{alert_id}/claim", {}, headers)[0])

    threads = [threading.Thread(target=claim, args=(headers,)) for headers in callers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_of_two_responders_claiming_at_once_exactly_one_wins(server: tuple[str, int]) -> None:
    host, port = server
    responders = [staff_headers("satgas_provinsi"), staff_headers("satgas_kabkota", "13.71")]
    for _ in range(15):
        body = {"category": "medical", "region": "13.71"}
        status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
        assert status == 201
        assert sorted(claim_together(host, port, alert["id"], responders)) == [200, 409]
        _, detail = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=responders[0])
        assert [t["action"] for t in detail["transitions"]] == ["raise", "claim"]


class StreamReader(threading.Thread):
    """Reads Server-Sent Events in the background."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.connection = http.client.HTTPConnection(host, port, timeout=20)
        self.connection.request("GET", "/api/v1/alerts/stream", headers={**headers, "Last-Event-ID": "0"})
        self.reply = self.connection.getresponse()
        assert self.reply.status == 200
        self.events: list[dict[str, Any]] = []

    def run(self) -> None:
        data = ""
        try:
            for raw in self.reply:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: "):
                    data = line[6:]
                elif line == "" and data:
                    self.events.append(json.loads(data))
                    data = ""
        finally:
            self.connection.close()


def test_the_stream_gets_every_alert_raised_concurrently_through_other_worker_processes(
    server: tuple[str, int],
) -> None:
    host, port = server
    reader = StreamReader(host, port, staff_headers("satgas_provinsi"))
    reader.start()
    devices = [device_headers() for _ in range(40)]

    def raise_one(headers: dict[str, str]) -> str:
        status, alert = request(
            host, port, "POST", "/api/v1/alerts", {"category": "breathing", "region": "13.06"}, headers
        )
        assert status == 201
        return str(alert["id"])

    # Concurrent writers commit in an order of their own; the stream must still miss none of them.
    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        raised = set(pool.map(raise_one, devices))
    reader.join(timeout=15)
    assert {e["alert"]["id"] for e in reader.events} >= raised
