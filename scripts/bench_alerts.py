"""Panic-alert benchmark: many concurrent presses against several workers on PostgreSQL, and live delivery.

Sends ALERTS alerts from CLIENTS concurrent clients (each alert from its own device, each sent twice
with the same Idempotency-Key as a retry would), while a console subscribes to the event stream.
Checks that every alert is stored exactly once and delivered on the stream, and reports the delay
from the 201 reply to the stream event (p50/p99) beside the floor of the same path: a bare
PostgreSQL NOTIFY to LISTEN round trip measured in the same run.

Then one phone pressing fast: PHONES devices each press PRESSES times at once (released together), and
the counts are checked exactly: every acknowledged press counted on its alert and kept as a row.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa

from scripts.live import request, running_server

ROOT = Path(__file__).resolve().parents[1]

BIN = Path(sys.executable).parent


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round((len(ordered) - 1) * fraction))]


class Subscriber(threading.Thread):
    """A console: reads the alert stream and notes when each alert's 'created' event arrives."""

    def __init__(self, host: str, port: int, token: str) -> None:
        super().__init__(daemon=True)
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.connection.request("GET", "/api/v1/alerts/stream", headers={"Authorization": f"Bearer {token}"})
        self.reply = self.connection.getresponse()
        assert self.reply.status == 200
        self.seen: dict[str, float] = {}
        self.created_events = 0

    def run(self) -> None:
        event, data = "", ""
        try:
            for raw in self.reply:
                line = raw.decode().rstrip("\n")
                if line.startswith("event: "):
                    event = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and data:
                    if event == "created":
                        self.created_events += 1
                        self.seen.setdefault(json.loads(data)["alert"]["id"], time.monotonic())
                    event, data = "", ""
        except (OSError, ValueError, AttributeError):
            pass


def notify_floor(url: str, count: int, clients: int) -> list[float]:
    """Delay of a bare NOTIFY -> LISTEN on the same server, with the same concurrency."""
    plain = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    listener = psycopg.connect(plain, autocommit=True)
    listener.execute("LISTEN bench_floor")
    delays: list[float] = []

    def listen() -> None:
        for note in listener.notifies(timeout=30, stop_after=count):
            delays.append(time.monotonic() - float(note.payload))

    thread = threading.Thread(target=listen)
    thread.start()
    time.sleep(0.2)

    def send(n: int) -> None:
        with psycopg.connect(plain, autocommit=True) as conn:
            for _ in range(n):
                conn.execute("SELECT pg_notify('bench_floor', %s)", (repr(time.monotonic()),))

    with concurrent.futures.ThreadPoolExecutor(clients) as pool:
        list(pool.map(send, [count // clients] * clients))
    thread.join()
    listener.close()
    return delays


def run(database_url: str, alerts: int = 1000, clients: int = 50, workers: int = 4) -> dict[str, Any]:
    env = {"SUMBAR_DATABASE_URL": database_url}
    flask = [str(BIN / "flask"), "--app", "api"]
    for args in (["db", "upgrade"], ["reference", "load"]):
        subprocess.run([*flask, *args], cwd=ROOT, env={**env, "PATH": str(BIN)}, check=True, capture_output=True)
    username = f"bench-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        [*flask, "users", "create", username, "--role", "satgas_provinsi", "--password", "bench-password-1"],
        cwd=ROOT,
        env={**env, "PATH": str(BIN)},
        check=True,
        capture_output=True,
    )
    # The benchmark registers a thousand devices from one address in seconds.
    settings = {"STREAM_MAX_SECONDS": "600", "DEVICE_REGISTRATION_LIMIT": "100000 per minute"}
    with running_server(database_url, workers=workers, threads=16, **settings) as (host, port):
        _, token = request(
            host, port, "POST", "/api/v1/auth/token", {"username": username, "password": "bench-password-1"}
        )

        def register(_: int) -> str:
            status, body = request(host, port, "POST", "/api/v1/devices", {})
            assert status == 201, (status, body)
            return str(body["token"])

        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            devices = list(pool.map(register, range(alerts)))
        subscriber = Subscriber(host, port, token["token"])
        subscriber.start()
        replied: dict[str, float] = {}
        statuses: list[int] = []
        lock = threading.Lock()

        def press(device_token: str) -> None:
            headers = {"Authorization": f"Bearer {device_token}", "Idempotency-Key": str(uuid.uuid4())}
            body = {"category": "breathing", "lat": -0.9, "lon": 100.4}
            status, reply = request(host, port, "POST", "/api/v1/alerts", body, headers)
            at = time.monotonic()
            retry_status, retry = request(host, port, "POST", "/api/v1/alerts", body, headers)
            with lock:
                statuses.extend([status, retry_status])
                if status == 201:
                    replied[reply["id"]] = at
                assert retry["id"] == reply["id"]

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(clients) as pool:
            list(pool.map(press, devices))
        elapsed = time.monotonic() - started
        deadline = time.monotonic() + 15
        while len(subscriber.seen) < len(replied) and time.monotonic() < deadline:
            time.sleep(0.05)
        subscriber.connection.close()

        bursts = same_phone_bursts(host, port, devices[:10], presses=20)

    engine = sa.create_engine(sa.make_url(database_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as connection:
        # The first part's alerts (the bursts' own alerts are counted below).
        stored = connection.execute(
            sa.text(
                "SELECT count(*), count(DISTINCT id), count(DISTINCT device_id) FROM alerts "
                "WHERE NOT (id::text = ANY(:ids))"
            ),
            {"ids": list(bursts)},
        ).one()
        counted = dict(
            connection.execute(
                sa.text("SELECT id::text, press_count FROM alerts WHERE id::text = ANY(:ids)"), {"ids": list(bursts)}
            ).all()
        )
        rows = dict(
            connection.execute(
                sa.text(
                    "SELECT alert_id::text, count(*) FROM alert_presses WHERE alert_id::text = ANY(:ids) "
                    "GROUP BY alert_id"
                ),
                {"ids": list(bursts)},
            ).all()
        )
    engine.dispose()
    delays = [subscriber.seen[i] - replied[i] for i in replied if i in subscriber.seen]
    floor = notify_floor(database_url, alerts, clients)
    return {
        "alerts_sent": alerts,
        "clients": clients,
        "workers": workers,
        "replies_201": statuses.count(201),
        "non_2xx": sum(1 for s in statuses if s >= 300),
        "stored": stored[0],
        "stored_distinct": stored[1],
        "duplicates": stored[0] - stored[2],
        "lost": alerts - stored[0],
        "delivered_on_stream": len(delays),
        "created_events": subscriber.created_events,
        "seconds": elapsed,
        "requests_per_second": 2 * alerts / elapsed,
        "delay_p50_ms": 1000 * percentile(delays, 0.5) if delays else None,
        "delay_p99_ms": 1000 * percentile(delays, 0.99) if delays else None,
        "floor_p50_ms": 1000 * percentile(floor, 0.5),
        "floor_p99_ms": 1000 * percentile(floor, 0.99),
        "burst_phones": 10,
        "burst_presses": 20,
        "burst_acknowledged": sum(bursts.values()),
        "burst_counted": sum(counted.get(i, 0) for i in bursts),
        "burst_rows": sum(rows.get(i, 0) for i in bursts),
        "burst_exact": all(counted.get(i) == n == rows.get(i) for i, n in bursts.items()),
    }


def same_phone_bursts(host: str, port: int, phones: list[str], presses: int) -> dict[str, int]:
    """Each phone presses `presses` times at once (after its first alerts are closed); returns, per alert,
    how many presses were acknowledged (2xx)."""
    acknowledged: dict[str, int] = {}
    for device_token in phones:
        headers = {"Authorization": f"Bearer {device_token}"}
        # The phone's alert of the first part is still open: cancel it, so that this burst starts a new one.
        _, current = request(host, port, "POST", "/api/v1/alerts", {"category": "other"}, headers)
        request(host, port, "POST", f"/api/v1/alerts/{current['id']}/cancel", {}, headers)
        barrier = threading.Barrier(presses)

        def press(n: int, headers: dict[str, str] = headers, barrier: threading.Barrier = barrier) -> tuple[int, Any]:
            barrier.wait()
            return request(host, port, "POST", "/api/v1/alerts", {"category": "medical", "note": f"press {n}"}, headers)

        with concurrent.futures.ThreadPoolExecutor(presses) as pool:
            replies = list(pool.map(press, range(presses)))
        for status, reply in replies:
            if 200 <= status < 300:
                acknowledged[reply["id"]] = acknowledged.get(reply["id"], 0) + 1
    return acknowledged


def report(r: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"panic alerts on postgresql: {r['alerts_sent']} alerts (+1 retry each) from {r['clients']} clients, "
            f"{r['workers']} gunicorn workers, {r['seconds']:.1f} s ({r['requests_per_second']:.0f} requests/s)",
            f"  stored {r['stored']} (distinct {r['stored_distinct']}), lost {r['lost']}, "
            f"duplicated {r['duplicates']}, non-2xx {r['non_2xx']}, on the stream {r['delivered_on_stream']} "
            f"('created' events: {r['created_events']})",
            f"  201 reply -> stream event: p50 {r['delay_p50_ms']:.1f} ms, p99 {r['delay_p99_ms']:.1f} ms "
            "(target p99 < 1000 ms)",
            f"  floor, bare NOTIFY -> LISTEN: p50 {r['floor_p50_ms']:.1f} ms, p99 {r['floor_p99_ms']:.1f} ms; "
            f"ratio p99 x{r['delay_p99_ms'] / max(r['floor_p99_ms'], 0.001):.1f}",
            f"  one phone pressing fast: {r['burst_phones']} phones x {r['burst_presses']} presses at once: "
            f"{r['burst_acknowledged']} acknowledged, {r['burst_counted']} counted, {r['burst_rows']} kept as rows "
            f"({'exact' if r['burst_exact'] else 'NOT EXACT'})",
        ]
    )


def run_embedded(
    database_url: str, workers: int = 2, residents: int = 100, at_once: int = 20, writer_lock: bool = True
) -> dict[str, Any]:
    """The panic button on the embedded default (SQLite, the default worker settings): `residents` phones
    press once each, `at_once` at a time, while a console watches the stream; the delay is measured from
    the moment each press is sent to its 'created' event on the console's stream."""
    env = {"SUMBAR_DATABASE_URL": database_url, "PATH": str(BIN)}
    flask = [str(BIN / "flask"), "--app", "api"]
    for args in (["db", "upgrade"], ["reference", "load"]):
        subprocess.run([*flask, *args], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run(
        [*flask, "users", "create", "bench-console", "--role", "satgas_provinsi", "--password", "bench-password-1"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    settings = {
        "STREAM_MAX_SECONDS": "600",
        "DEVICE_REGISTRATION_LIMIT": "100000 per minute",
        "SQLITE_WRITER_LOCK": "true" if writer_lock else "false",
    }
    with running_server(database_url, workers=workers, threads=16, **settings) as (host, port):
        _, token = request(
            host, port, "POST", "/api/v1/auth/token", {"username": "bench-console", "password": "bench-password-1"}
        )
        devices = [str(request(host, port, "POST", "/api/v1/devices", {})[1]["token"]) for _ in range(residents)]
        subscriber = Subscriber(host, port, token["token"])
        subscriber.start()
        pressed: dict[str, float] = {}
        reply_seconds: list[float] = []
        statuses: list[int] = []
        lock = threading.Lock()

        def press(device_token: str) -> None:
            body = {"category": "breathing", "lat": -0.95, "lon": 100.35, "accuracy_m": 12}
            sent = time.monotonic()
            status, reply = request(
                host, port, "POST", "/api/v1/alerts", body, {"Authorization": f"Bearer {device_token}"}
            )
            with lock:
                statuses.append(status)
                reply_seconds.append(time.monotonic() - sent)
                if status == 201:
                    pressed[reply["id"]] = sent

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(at_once) as pool:
            list(pool.map(press, devices))
        elapsed = time.monotonic() - started
        deadline = time.monotonic() + 15
        while len(subscriber.seen) < len(pressed) and time.monotonic() < deadline:
            time.sleep(0.05)
        subscriber.connection.close()
    delays = [subscriber.seen[i] - pressed[i] for i in pressed if i in subscriber.seen]
    return {
        "database": "sqlite",
        "writers": "in turn (a lock per process)" if writer_lock else "retrying (busy timeout only)",
        "workers": workers,
        "threads": 16,
        "residents": residents,
        "at_once": at_once,
        "replies_201": statuses.count(201),
        "non_2xx": sum(1 for s in statuses if s >= 300),
        "delivered_on_stream": len(delays),
        "seconds": elapsed,
        "reply_p50_ms": 1000 * percentile(reply_seconds, 0.5),
        "reply_p99_ms": 1000 * percentile(reply_seconds, 0.99),
        "press_to_stream_p50_ms": 1000 * percentile(delays, 0.5) if delays else None,
        "press_to_stream_p99_ms": 1000 * percentile(delays, 0.99) if delays else None,
        "press_to_stream_max_ms": 1000 * max(delays) if delays else None,
    }


def report_embedded(r: dict[str, Any]) -> str:
    return "\n".join(
        [
            f"panic button on the embedded default (sqlite, {r['workers']} workers x {r['threads']} threads, "
            f"writers {r['writers']}): "
            f"{r['residents']} residents pressing, {r['at_once']} at a time, {r['seconds']:.1f} s",
            f"  201 replies {r['replies_201']}, non-2xx {r['non_2xx']}, "
            f"on the console's stream {r['delivered_on_stream']}",
            f"  press -> reply: p50 {r['reply_p50_ms']:.0f} ms, p99 {r['reply_p99_ms']:.0f} ms",
            f"  press -> console stream: p50 {r['press_to_stream_p50_ms']:.0f} ms, "
            f"p99 {r['press_to_stream_p99_ms']:.0f} ms, max {r['press_to_stream_max_ms']:.0f} ms "
            "(target p99 < 1000 ms)",
        ]
    )
