"""Against a running multi-process server: claim races, press races, and the live stream across workers."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from api.extensions import db
from api.models import Alert, AlertEvent, AlertPress
from scripts.live import request, running_server
from tests.factories import PASSWORD, attend_every_region, device_headers, staff, staff_headers

pytestmark = pytest.mark.live


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[tuple[str, int]]:
    # One server for the module, behind one (pretended) proxy; streams end after 3 s so that it can stop
    # promptly (readers resume).
    with running_server(database_url, STREAM_MAX_SECONDS="3", PROXY_HOPS="1") as address:
        yield address


def together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, released at the same instant; results in call order."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        return call()

    with concurrent.futures.ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def test_of_two_responders_claiming_at_once_exactly_one_wins(app: Flask, server: tuple[str, int]) -> None:
    host, port = server
    attend_every_region()  # the alerts stay at the foot of the ladder: their trail is a raise and a claim
    responders = [staff_headers("satgas_provinsi"), staff_headers("satgas_kabkota", "13.71")]
    for _ in range(15):
        body = {"category": "medical", "region": "13.71"}
        status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
        assert status == 201
        url = f"/api/v1/alerts/{alert['id']}/claim"
        results = together([lambda h=h, url=url: request(host, port, "POST", url, {}, h)[0] for h in responders])
        assert sorted(results) == [200, 409]
        _, detail = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=responders[0])
        assert [t["action"] for t in detail["transitions"]] == ["raise", "claim"]


def test_twenty_presses_at_once_from_one_phone_are_all_counted_with_their_notes(
    app: Flask, server: tuple[str, int]
) -> None:
    host, port = server
    phone = device_headers()

    def press(n: int) -> tuple[int, Any]:
        body = {"category": "medical", "region": "13.71", "note": f"press {n}"}
        return request(host, port, "POST", "/api/v1/alerts", body, phone)

    replies = together([lambda n=n: press(n) for n in range(20)])
    assert sorted(status for status, _ in replies) == [200] * 19 + [201]
    [alert_id] = {body["id"] for _, body in replies}
    db.session.expire_all()
    alert = db.session.get(Alert, uuid.UUID(alert_id))
    assert alert is not None
    assert alert.press_count == 20
    notes = db.session.scalars(sa.select(AlertPress.note).where(AlertPress.alert_id == alert.id)).all()
    assert sorted(notes) == sorted(f"press {n}" for n in range(20))


def test_presses_racing_a_resolve_land_on_an_open_alert_or_raise_a_new_one(app: Flask, server: tuple[str, int]) -> None:
    host, port = server
    officer = staff_headers("satgas_provinsi")
    for trial in range(6):
        phone = device_headers()
        status, first = request(host, port, "POST", "/api/v1/alerts", {"category": "medical", "region": "13.71"}, phone)
        assert status == 201
        request(host, port, "POST", f"/api/v1/alerts/{first['id']}/claim", {}, officer)

        def press(n: int, trial: int = trial, phone: dict[str, str] = phone) -> tuple[int, Any]:
            body = {"category": "medical", "region": "13.71", "note": f"trial {trial} press {n}"}
            return request(host, port, "POST", "/api/v1/alerts", body, phone)

        def resolve(first: dict[str, Any] = first) -> tuple[int, Any]:
            return request(host, port, "POST", f"/api/v1/alerts/{first['id']}/resolve", {"outcome": "helped"}, officer)

        *presses, resolved = together([*(lambda n=n: press(n) for n in range(8)), resolve])
        assert resolved[0] == 200
        db.session.expire_all()
        for (status, body), n in zip(presses, range(8), strict=True):
            assert status in (200, 201)
            note = f"trial {trial} press {n}"
            row = db.session.scalar(sa.select(AlertPress).where(AlertPress.note == note))
            assert row is not None, f"acknowledged press {note!r} was not stored"
            assert str(row.alert_id) == body["id"]
            if row.alert_id == uuid.UUID(first["id"]):
                # Joined the first alert: its 'pressed' event must come before the resolve in commit order.
                kinds = [
                    (e.kind, (e.payload.get("press") or {}).get("note"))
                    for e in db.session.scalars(
                        sa.select(AlertEvent).where(AlertEvent.alert_id == row.alert_id).order_by(AlertEvent.id)
                    )
                ]
                assert kinds.index(("pressed", note)) < kinds.index(("resolve", None))
            else:
                new_alert = db.session.get(Alert, row.alert_id)
                assert new_alert is not None
                assert new_alert.status == "new"
        # Every acknowledged press is counted once, on the first alert or on the one it raised.
        device_id = db.session.scalar(sa.select(Alert.device_id).where(Alert.id == uuid.UUID(first["id"])))
        counted = db.session.scalar(sa.select(sa.func.sum(Alert.press_count)).where(Alert.device_id == device_id))
        assert counted == 1 + 8


class StreamReader(threading.Thread):
    """Reads Server-Sent Events in the background, resuming with Last-Event-ID whenever the server closes."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        super().__init__(daemon=True)
        self.host, self.port, self.headers = host, port, headers
        self.events: list[dict[str, Any]] = []
        self.last_id = "0"
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            connection = http.client.HTTPConnection(self.host, self.port, timeout=20)
            try:
                connection.request(
                    "GET", "/api/v1/alerts/stream", headers={**self.headers, "Last-Event-ID": self.last_id}
                )
                reply = connection.getresponse()
                assert reply.status == 200
                data = event_id = ""
                for raw in reply:
                    line = raw.decode().rstrip("\n")
                    if line.startswith("id: "):
                        event_id = line[4:]
                    elif line.startswith("data: "):
                        data = line[6:]
                    elif line == "" and data:
                        self.events.append(json.loads(data))
                        self.last_id, data = event_id, ""
            finally:
                connection.close()

    def wait_for(self, wanted: set[str], timeout: float = 30) -> set[str]:
        """The alert ids among `wanted` seen so far, waiting until all are seen or `timeout` passes."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            seen = {e["alert"]["id"] for e in list(self.events)} & wanted
            if seen == wanted:
                return seen
            time.sleep(0.05)
        return {e["alert"]["id"] for e in list(self.events)} & wanted


def test_the_stream_gets_every_alert_raised_concurrently_through_other_worker_processes(
    app: Flask, server: tuple[str, int]
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
    try:
        assert reader.wait_for(raised) == raised
    finally:
        reader.stopped.set()


def test_after_a_refused_oversized_body_the_same_connection_serves_the_next_request(
    app: Flask, server: tuple[str, int]
) -> None:
    host, port = server
    body = b'{"category": "medical", "note": "' + b"x" * 100_000 + b'"}'
    for token in (device_headers()["Authorization"], "Bearer not-a-token"):
        for _ in range(5):
            with socket.create_connection((host, port), timeout=10) as sock:
                sock.sendall(
                    b"POST /api/v1/alerts HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
                    + f"Authorization: {token}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
                    + body
                )
                first = read_reply(sock)
                assert first.startswith((b"HTTP/1.1 413", b"HTTP/1.1 401"))
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n")
                assert read_reply(sock).startswith(b"HTTP/1.1 200")


def read_reply(sock: socket.socket) -> bytes:
    """One HTTP/1.1 reply with a Content-Length, read off a keep-alive connection."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(rest) < length:
        rest += sock.recv(65536)
    return head


def test_sign_in_limits_hold_across_worker_processes_and_spare_other_addresses(
    app: Flask, server: tuple[str, int]
) -> None:
    host, port = server
    staff("satgas_provinsi", username="rina")

    def attempt(address: str, password: str) -> int:
        body = {"username": "rina", "password": password}
        return request(host, port, "POST", "/api/v1/auth/token", body, {"X-Forwarded-For": address})[0]

    # Spread over the server's worker processes by separate connections; the count is shared.
    assert [attempt("10.7.0.1", f"guess-{n}") for n in range(5)] == [401] * 5
    assert attempt("10.7.0.1", PASSWORD) == 429
    assert attempt("10.7.0.2", PASSWORD) == 200
