"""gunicorn with SUMBAR_LOG_FORMAT=json: every line it and the app write, on stdout and stderr, is one JSON object."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from scripts.live import GUNICORN, LIVE_KEY, ROOT, free_port, request
from tests.factories import device_headers

pytestmark = pytest.mark.live


def test_every_line_of_the_web_process_is_json(app: object, database_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "SUMBAR_DATABASE_URL": database_url,
        "SUMBAR_SECRET_KEY": LIVE_KEY,
        "SUMBAR_PRIVACY_CONTACT": "data@satgas.test",
        "SUMBAR_LOG_FORMAT": "json",
    }
    out, err = tmp_path / "stdout", tmp_path / "stderr"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        server = subprocess.Popen(
            [
                str(GUNICORN),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--worker-class",
                "gthread",
                "--threads",
                "2",
                "--access-logfile",
                "-",
                "--log-level",
                "info",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if request("127.0.0.1", port, "GET", "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                assert server.poll() is None, err.read_text()[-2000:]
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.1)
            assert request("127.0.0.1", port, "GET", "/api/v1/regions/99.99")[0] == 404
            assert request("127.0.0.1", port, "POST", "/api/v1/alerts", {"category": "x"}, device_headers())[0] == 422
        finally:
            server.terminate()
            server.wait(timeout=30)
    lines = [line for path in (out, err) for line in path.read_text().splitlines()]
    not_json = [line for line in lines if not line.startswith("{")]
    assert not not_json
    entries = [json.loads(line) for line in lines]
    loggers = {entry["logger"] for entry in entries}
    assert {"gunicorn.error", "gunicorn.access", "api.requests"} <= loggers
    access = [entry for entry in entries if entry["logger"] == "gunicorn.access"]
    assert {entry["status"] for entry in access} >= {"200", "404", "422"}
    assert all(len(entry["request_id"]) == 32 for entry in access)
