"""Two instances (two machines, as far as the app can tell) on one database and one Redis: limits, sign-in
counters, sessions and live alerts are shared, and each instance's /metrics covers all its workers."""

from __future__ import annotations

import http.client
import json
import socket
import threading
import urllib.parse
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from scripts.live import request, running_server
from tests.factories import PASSWORD, device_headers, staff

pytestmark = pytest.mark.live
REDIS_URL = "redis://127.0.0.1:6379/0"
# Streams re-read the table on their own only this often; an alert seen sooner came by the wake-up
# (PostgreSQL NOTIFY, or Redis pub/sub on SQLite), which is what these tests are about.
STREAM_RECHECK_SECONDS = 40
WAKE_UP_WAIT_SECONDS = 20


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_instances(database_url: str) -> Iterator[list[tuple[str, int]]]:
    if not redis_answers():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    # A limit string of its own, so the counters of earlier runs on the same Redis cannot interfere.
    limit = f"3 per {3600 + uuid.uuid4().int % 1000} seconds"
    settings = {
        "REDIS_URL": REDIS_URL,
        "DEVICE_REGISTRATION_LIMIT": limit,
        "STREAM_KEEPALIVE_SECONDS": str(STREAM_RECHECK_SECONDS),
        "STREAM_RECHECK_SECONDS": str(STREAM_RECHECK_SECONDS),
    }
    with (
        running_server(database_url, workers=2, threads=4, **settings) as first,
        running_server(database_url, workers=2, threads=4, **settings) as second,
    ):
        yield [first, second]


def sign_in(address: tuple[str, int], username: str, password: str) -> tuple[str, str]:
    """The console form's reply: where it redirects, and the session cookie it set ("" if none)."""
    host, port = address
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        form = urllib.parse.urlencode({"username": username, "password": password, "next": "/satgas"})
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": f"http://{host}:{port}"}
        connection.request("POST", "/satgas/login", body=form, headers=headers)
        reply = connection.getresponse()
        reply.read()
        cookie = (reply.getheader("Set-Cookie") or "").split(";", 1)[0]
        return reply.getheader("Location") or "", cookie
    finally:
        connection.close()


class StreamOn(threading.Thread):
    """One live stream read in the background; `opened` is set once the server has answered."""

    def __init__(self, address: tuple[str, int], headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.address, self.headers = address, headers
        self.status: int | None = None
        self.alert_ids: list[str] = []
        self.opened, self.seen = threading.Event(), threading.Event()
        self.wanted: str | None = None

    def run(self) -> None:
        connection = http.client.HTTPConnection(*self.address, timeout=STREAM_RECHECK_SECONDS + 20)
        try:
            connection.request("GET", "/api/v1/alerts/stream", headers=self.headers)
            reply = connection.getresponse()
            self.status = reply.status
            self.opened.set()
            if reply.status != 200:
                return
            for raw in reply:
                line = raw.decode().rstrip("\n")
                if line.startswith("data: ") and "alert" in (payload := json.loads(line[6:])):
                    self.alert_ids.append(payload["alert"]["id"])
                    if payload["alert"]["id"] == self.wanted:
                        self.seen.set()
                        return
        except OSError:
            self.opened.set()
        finally:
            connection.close()


def test_registrations_are_limited_across_instances(two_instances: list[tuple[str, int]]) -> None:
    first, second = two_instances
    assert [request(*first, "POST", "/api/v1/devices", {})[0] for _ in range(3)] == [201] * 3
    # Each instance counting on its own would allow three more here.
    assert [request(*second, "POST", "/api/v1/devices", {})[0] for _ in range(2)] == [429] * 2


def test_a_console_session_made_on_one_instance_opens_a_stream_on_the_other_and_an_alert_raised_on_the_first_reaches_it(
    app: Flask, two_instances: list[tuple[str, int]]
) -> None:
    first, second = two_instances
    staff("satgas_provinsi", username="petugas-dua-mesin")
    location, cookie = sign_in(first, "petugas-dua-mesin", PASSWORD)
    assert location.endswith("/satgas")
    assert cookie.startswith("session=")
    stream = StreamOn(second, {"Cookie": cookie})
    stream.start()
    assert stream.opened.wait(timeout=30)
    assert stream.status == 200
    status, alert = request(
        *first, "POST", "/api/v1/alerts", {"category": "medical", "region": "13.71"}, device_headers()
    )
    assert status == 201
    stream.wanted = alert["id"]
    # The alert may have been read before `wanted` was set.
    assert stream.seen.wait(timeout=WAKE_UP_WAIT_SECONDS) or alert["id"] in stream.alert_ids


def test_signing_out_on_one_instance_ends_the_session_on_the_other(
    app: Flask, two_instances: list[tuple[str, int]]
) -> None:
    first, second = two_instances
    staff("satgas_provinsi", username="petugas-keluar")
    _, cookie = sign_in(first, "petugas-keluar", PASSWORD)
    host, port = second
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        connection.request("POST", "/satgas/logout", headers={"Cookie": cookie, "Origin": f"http://{host}:{port}"})
        assert connection.getresponse().status == 303
    finally:
        connection.close()
    stream = StreamOn(first, {"Cookie": cookie})
    stream.start()
    assert stream.opened.wait(timeout=30)
    assert stream.status == 401


def test_failed_sign_ins_are_counted_across_instances(app: Flask, two_instances: list[tuple[str, int]]) -> None:
    first, second = two_instances
    staff("satgas_provinsi", username="petugas-salah-sandi")
    for address in (first, first, first, second, second):
        assert sign_in(address, "petugas-salah-sandi", "not the password")[0].endswith("gagal=1")
    # The right password, on either instance, now waits.
    for address in (first, second):
        location, cookie = sign_in(address, "petugas-salah-sandi", PASSWORD)
        assert "tunggu=" in location
        assert cookie == ""


def counted_requests(address: tuple[str, int], rule: str) -> float:
    status, _ = request(*address, "GET", "/healthz")
    assert status == 200
    connection = http.client.HTTPConnection(*address, timeout=30)
    try:
        connection.request("GET", "/metrics")
        reply = connection.getresponse()
        assert reply.status == 200
        text = reply.read().decode()
    finally:
        connection.close()
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "sumbar_http_request_duration_seconds_count" and sample.labels["endpoint"] == rule
    )


def test_metrics_of_one_instance_cover_all_its_worker_processes(two_instances: list[tuple[str, int]]) -> None:
    first, _ = two_instances
    before = counted_requests(first, "/api/v1/regions")
    replies: list[Any] = []
    threads = [
        threading.Thread(target=lambda: replies.append(request(*first, "GET", "/api/v1/regions")[0])) for _ in range(24)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert replies == [200] * 24
    assert counted_requests(first, "/api/v1/regions") == before + 24
