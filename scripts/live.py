"""A real server for tests, benchmarks and the load run: gunicorn with several worker processes on a given database."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GUNICORN = Path(sys.executable).parent / "gunicorn"


# Random, as the app demands of a configured key; one per test run, so that servers of one run are like the
# machines of one installation and accept each other's console sessions.
LIVE_KEY = secrets.token_urlsafe(48)
# A live server is served as a deployment is, so it needs the contact its privacy notice names.
LIVE_PRIVACY_CONTACT = "data@satgas.test, 0751 123456"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(
    database_url: str, workers: int, threads: int, settings: dict[str, str], log_path: Path, gunicorn: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """Start gunicorn and wait until it answers; raises with its output when it cannot start."""
    port = free_port()
    env = {
        **os.environ,
        "SUMBAR_DATABASE_URL": database_url,
        "SUMBAR_SECRET_KEY": LIVE_KEY,
        "SUMBAR_PRIVACY_CONTACT": LIVE_PRIVACY_CONTACT,
        **{f"SUMBAR_{k}": v for k, v in settings.items()},
    }
    # Output to a file, not a pipe: a full pipe would block the server mid-test.
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                str(gunicorn),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(threads),
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stderr=log,
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            status, _ = request("127.0.0.1", port, "GET", "/healthz")
            if status == 200:
                return process, port
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            process.wait(timeout=10)
            output = log_path.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"test server did not start:\n{output}")
        time.sleep(0.1)


@contextlib.contextmanager
def running_server(
    database_url: str, workers: int = 3, threads: int = 8, gunicorn: Path = GUNICORN, **settings: str
) -> Iterator[tuple[str, int]]:
    # The free port can be taken between choosing it and binding it: try again on another one.
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(3):
            try:
                process, port = _start(
                    database_url, workers, threads, settings, Path(folder) / f"server-{attempt}.log", gunicorn
                )
                break
            except RuntimeError:
                if attempt == 2:
                    raise
        try:
            yield "127.0.0.1", port
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def request(
    host: str, port: int, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, Any]:
    connection = http.client.HTTPConnection(host, port, timeout=30)
    try:
        payload = json.dumps(body) if body is not None else None
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        connection.request(method, path, body=payload, headers=all_headers)
        reply = connection.getresponse()
        data = reply.read()
        return reply.status, json.loads(data) if data else None
    finally:
        connection.close()
