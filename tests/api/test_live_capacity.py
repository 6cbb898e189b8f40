"""A real server at its limits: streams capped per process and per account, slow senders cut off, and a panic
press still answered within a second."""

from __future__ import annotations

import http.client
import select
import socket
import time
from collections.abc import Iterator

import pytest
from flask import Flask

from scripts.live import request, running_server
from tests.factories import device_headers, staff_headers

pytestmark = pytest.mark.live

THREADS = 8
STREAMS = 2


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[tuple[str, int]]:
    # One process with few threads: a quarter may stream, slow senders get 2 seconds for their bodies.
    settings = {
        "STREAMS_PER_WORKER": str(STREAMS),
        "STREAMS_PER_ACCOUNT": "2",
        "BODY_TIMEOUT_SECONDS": "2",
        "STREAM_MAX_SECONDS": "20",
        "STREAM_KEEPALIVE_SECONDS": "0.5",
    }
    with running_server(database_url, workers=1, threads=THREADS, **settings) as address:
        yield address


class Stream:
    """An open live stream, read up to its first line; closing it frees its place."""

    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=10)
        self.connection.request("GET", "/api/v1/alerts/stream", headers=headers)
        self.reply = self.connection.getresponse()
        self.status = self.reply.status
        if self.status == 200:
            assert self.reply.readline().startswith(b"retry:")

    def close(self) -> None:
        self.connection.close()


def slow_sender(host: str, port: int) -> socket.socket:
    """A client that announces a body and sends it one byte at a time, slowly."""
    sock = socket.create_connection((host, port), timeout=30)
    sock.sendall(
        b"POST /api/v1/devices HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"
    )
    return sock


@pytest.fixture
def streams(server: tuple[str, int]) -> Iterator[list[Stream]]:
    """Opens streams on the server; every one is closed after the test."""
    opened: list[Stream] = []
    yield opened
    for stream in opened:
        stream.close()


def test_streams_are_capped_per_account_and_per_process_and_a_press_still_gets_through(
    app: Flask, server: tuple[str, int], streams: list[Stream]
) -> None:
    host, port = server

    def open_stream(headers: dict[str, str]) -> Stream:
        streams.append(Stream(host, port, headers))
        return streams[-1]

    officer = staff_headers("satgas_provinsi")
    first, second = open_stream(officer), open_stream(officer)
    assert (first.status, second.status) == (200, 200)
    third = open_stream(officer)
    assert third.status in (429, 503)  # the account's cap (or the process's, which is full too)
    other = open_stream(staff_headers("satgas_kabkota", "13.71"))
    assert other.status == 503  # this process's streams are all taken
    assert other.reply.getheader("Retry-After")
    senders = [slow_sender(host, port) for _ in range(THREADS - STREAMS - 2)]
    status, _ = request(host, port, "POST", "/api/v1/alerts", {"category": "breathing"}, device_headers())
    assert status == 201
    # The press was answered while every slow sender still held its thread (none had been cut off yet): it did
    # not wait for their body timeout.
    for sock in senders:
        sock.setblocking(False)
        with pytest.raises(BlockingIOError):
            sock.recv(4096)
        sock.setblocking(True)
    # The slow senders are cut off after the body timeout, and their threads come back.
    for sock in senders:
        with sock:
            assert sock.recv(4096).startswith(b"HTTP/1.1 408")
    # A stream that went away frees its place (its hang-up is seen while it waits, or at its next write).
    first.close()
    deadline, status = time.monotonic() + 5, 0
    while status != 200 and time.monotonic() < deadline:
        status = open_stream(staff_headers("satgas_kabkota", "13.06")).status
        time.sleep(0.2)
    assert status == 200


def read_reply(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def test_a_body_trickling_in_a_byte_at_a_time_is_cut_off_at_the_whole_body_deadline(server: tuple[str, int]) -> None:
    host, port = server
    body = b"{" + b" " * 20 + b"}"  # 22 bytes, one every 0.25 s: each byte well within 2 s, the whole not
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/v1/devices HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        )
        started = time.monotonic()
        for byte in body:
            if select.select([sock], [], [], 0.25)[0]:
                break  # the server has answered
            sock.sendall(bytes([byte]))
        reply = read_reply(sock)
    print(f"trickling body answered after {time.monotonic() - started:.1f} s")
    head = reply.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 408")
    assert b"connection: close" in head


def test_a_body_over_a_mebibyte_gets_413_with_connection_close_and_the_connection_closes(
    server: tuple[str, int],
) -> None:
    host, port = server
    with socket.create_connection((host, port), timeout=30) as sock:
        # Announce 1.5 MiB, send the first MiB (what the app reads of a refused body) and wait for the answer.
        sock.sendall(
            b"POST /api/v1/devices HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % (3 * 512 * 1024)
        )
        sock.sendall(b" " * (1024 * 1024))
        reply = read_reply(sock)  # returns only because the server closed the connection
    head = reply.split(b"\r\n\r\n", 1)[0].lower()
    assert head.startswith(b"http/1.1 413")
    assert b"connection: close" in head
    assert b"connection: keep-alive" not in head
