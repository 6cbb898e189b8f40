"""Benchmarks, each beside a baseline measured in the same run: `make bench`.

start-up: see scripts/bench_startup.py.
dashboard: see scripts/bench_dashboard.py (SQLite and PostgreSQL).
Rt: see scripts/bench_rt.py.
panic alerts: see scripts/bench_alerts.py (PostgreSQL only).
hospitals: see scripts/bench_hospitals.py (the nearest-hospitals list beside /healthz).
console events: see scripts/bench_console.py (server work per live-stream event beside the full refresh).
first load: see scripts/bench_first_load.py (the residents' app beside the dashboard, in Chromium).
notify: see scripts/bench_notify.py (notifications per second through the outbox beside direct POSTs).
channels: see scripts/bench_channels.py (signed WhatsApp messages per second through the webhook beside /healthz).
check-ins: see scripts/bench_checkins.py (an isolating resident's check-in POST beside the same two baselines as
screening and the statements no check-in can do without, through the driver, on SQLite and PostgreSQL).

screening: POST /api/v1/questionnaires/self-screening/responses (validate, score, store, reply)
against two baselines in scripts/bench_baseline.py: a minimal Flask endpoint that parses the same JSON
body, and the durable-write floor, which also inserts one row of the same size with the database
driver and commits. All under gunicorn with the same workers, loaded by wrk. Reports throughput and
p50/p99 latency, and the screening POST's ratios to each baseline.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from scripts.answers import self_screening_answers

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

WRK_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{body}]]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def gunicorn(target: str, workers: int, env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            os.environ.get("WEB_THREADS", "16"),
            "--log-level",
            "warning",
            target,
        ],
        cwd=ROOT,
        env={**os.environ, **env},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError as error:
                if getattr(error, "code", None) == 404:  # the baseline has no health check
                    break
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"{target} did not start") from error
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def wrk(url: str, body: str | None, seconds: int, connections: int, lua: str | None = None) -> dict[str, float]:
    """POST `body` as JSON, or GET when it is None, or the requests a wrk script of `lua` makes."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua if lua is not None else WRK_LUA.format(body=body) if body is not None else "")
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script.name, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    os.unlink(script.name)

    def millis(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        assert match, out
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    assert rps, out
    return {
        "rps": float(rps.group(1)),
        "p50_ms": millis("50"),
        "p99_ms": millis("99"),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def wrk_table(title: str, rows: dict[str, dict[str, float]]) -> list[str]:
    """A heading and one line per wrk run: requests per second, p50 and p99."""
    lines = [title, f"  {'':22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"]
    lines += [f"  {name:22} {r['rps']:>8.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f}" for name, r in rows.items()]
    return lines


def sqlite_and_postgres(run: Any, name: str, args: Any) -> list[dict[str, Any]]:
    """One run on a fresh SQLite file, and one on the PostgreSQL database when there is one."""
    with tempfile.TemporaryDirectory() as tmp:
        results = [run(f"sqlite:///{tmp}/{name}.sqlite3", args.workers, args.seconds)]
    if args.postgres:
        reset_postgres(args.postgres)
        results.append(run(args.postgres, args.workers, args.seconds))
    return results


def prepare_database(url: str) -> None:
    env = {**os.environ, "SUMBAR_DATABASE_URL": url}
    for args in (["db", "upgrade"], ["reference", "load"]):
        subprocess.run([str(BIN / "flask"), "--app", "api", *args], cwd=ROOT, env=env, check=True, capture_output=True)


SCREENING = "/api/v1/questionnaires/self-screening/responses"


def stored_row_bytes(database_url: str) -> int:
    """The average size of the JSON the product stored per screening (answers and result), plus its other columns."""
    import sqlalchemy as sa

    url = sa.make_url(database_url)
    if url.drivername.startswith("postgresql"):
        url = url.set(drivername="postgresql+psycopg")
        sizes = "length(answers::text) + length(result::text)"
    else:
        sizes = "length(answers) + length(result)"
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        average = connection.execute(sa.text(f"SELECT avg({sizes}) FROM screening_responses")).scalar()
    engine.dispose()
    return int(average or 0) + 120


def bench_screening(database_url: str, workers: int, seconds: int, connections: int, rounds: int) -> dict[str, object]:
    """The screening POST beside two baselines: a bare JSON endpoint, and the durable-write floor (one row of the
    same size inserted and committed with the driver), all under gunicorn with the same workers and threads."""
    body = json.dumps(
        {"answers": self_screening_answers(fever=True, cough=True, contact_with_case=True, age=64), "region": "13.71"}
    )
    # wrk sends every request from 127.0.0.1: the per-address limit on anonymous screenings is lifted.
    env = {
        "SUMBAR_DATABASE_URL": database_url,
        "SUMBAR_SCREENING_ADDRESS_LIMIT": "1000000 per minute",
        "SUMBAR_TRY_OUT": "true",  # a measurement, not a deployment: no privacy contact needed
    }
    runs: dict[str, list[dict[str, float]]] = {"bare": [], "durable": [], "product": []}
    sqlite = database_url.startswith("sqlite")
    # On SQLite, also the product with writers left to the busy timeout alone (retrying), as before.
    retrying_env = {**env, "SUMBAR_SQLITE_WRITER_LOCK": "false"} if sqlite else env
    with (
        gunicorn("wsgi:app", workers, env) as product,
        gunicorn("wsgi:app", workers, retrying_env) as retrying,
    ):
        wrk(product + SCREENING, body, 2, connections)  # warm up, and rows to measure
        wrk(retrying + SCREENING, body, 2, connections)
        row_bytes = stored_row_bytes(database_url)
        with gunicorn("scripts.bench_baseline:app", workers, {**env, "BENCH_ROW_BYTES": str(row_bytes)}) as baseline:
            wrk(baseline + "/echo", body, 2, connections)
            wrk(baseline + "/store", body, 2, connections)
            for _ in range(rounds):
                runs["bare"].append(wrk(baseline + "/echo", body, seconds, connections))
                runs["durable"].append(wrk(baseline + "/store", body, seconds, connections))
                runs["product"].append(wrk(product + SCREENING, body, seconds, connections))
                if sqlite:
                    runs.setdefault("retrying", []).append(wrk(retrying + SCREENING, body, seconds, connections))

    return {
        "database": database_url.split(":")[0],
        "workers": workers,
        "threads": int(os.environ.get("WEB_THREADS", "16")),
        "connections": connections,
        "seconds_per_round": seconds,
        "rounds": rounds,
        "row_bytes": row_bytes,
        **against_floor(runs),
    }


def against_floor(runs: dict[str, list[dict[str, float]]]) -> dict[str, Any]:
    """Each run's median figures, the product's ratios to the bare endpoint and the durable-write floor, and the
    non-2xx replies of all runs (the screening and check-in benchmarks alike)."""

    def median(name: str, key: str) -> float:
        values = sorted(float(r[key]) for r in runs[name])
        return values[len(values) // 2]

    summary = {name: {k: median(name, k) for k in ("rps", "p50_ms", "p99_ms")} for name in runs}
    product = summary["product"]
    return {
        **summary,
        "ratios": {
            name: {
                "throughput": product["rps"] / summary[name]["rps"],
                "p50": product["p50_ms"] / summary[name]["p50_ms"],
                "p99": product["p99_ms"] / summary[name]["p99_ms"],
            }
            for name in ("bare", "durable", "statements")
            if name in summary
        },
        "non_2xx": sum(int(r["non_2xx"]) for rs in runs.values() for r in rs),
    }


def report(result: dict[str, Any]) -> str:
    heading = (
        f"screening POST on {result['database']}, {result['workers']} gunicorn workers x {result['threads']} threads, "
        f"{result['connections']} connections, {result['rounds']} x {result['seconds_per_round']} s (medians); "
        f"durable floor rows of {result['row_bytes']} bytes"
    )
    extra = {"retrying": "  writers retrying (before)"} if "retrying" in result else {}
    return floor_report(heading, result, "screening POST", extra)


def floor_report(heading: str, result: dict[str, Any], product: str, extra: dict[str, str] | None = None) -> str:
    """The table of `against_floor`'s figures under `heading`, with the ratios and the target."""
    lines = [heading, f"  {'':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}"]
    labels = {
        "bare": "bare JSON endpoint",
        "durable": "durable-write floor",
        "statements": "necessary-statements floor",
        "product": product,
        **(extra or {}),
    }
    labels = {name: label for name, label in labels.items() if name in result}
    for name, label in labels.items():
        figures = result[name]
        lines.append(f"  {label:26} {figures['rps']:>8.0f} {figures['p50_ms']:>8.2f} {figures['p99_ms']:>8.2f}")
    for name in result["ratios"]:
        ratio = result["ratios"][name]
        lines.append(
            f"  against the {labels[name]}: throughput x{ratio['throughput']:.2f}, p50 x{ratio['p50']:.2f}, "
            f"p99 x{ratio['p99']:.2f}"
        )
    lines.append(
        f"  target against the durable floor: throughput >= 0.5, p99 <= 3; non-2xx replies: {result['non_2xx']}"
    )
    return "\n".join(lines)


def reset_postgres(url: str) -> None:
    """Each benchmark starts from an empty schema on the disposable database."""
    import sqlalchemy as sa

    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--alerts", type=int, default=1000, help="alerts sent in the panic benchmark")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("SUMBAR_BENCH_DATABASE_URL"),
        help="also measure on this (empty, disposable) PostgreSQL database",
    )
    parser.add_argument(
        "--parts",
        default="startup,screening,checkins,rt,dashboard,console-event,first-load,panic-sqlite,alerts,hospitals,notify,"
        "channels",
        help="comma-separated: startup, screening, checkins, rt, dashboard, console-event, first-load, panic-sqlite, "
        "alerts, hospitals, notify, channels",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian package 'wrk'); `make bench` installs it")

    parts = set(args.parts.split(","))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    if "startup" in parts:
        from scripts import bench_startup

        startup = bench_startup.run()
        print(bench_startup.report(startup))
        (out / "startup.json").write_text(json.dumps(startup, indent=2))
    if "screening" in parts:
        results = []
        with tempfile.TemporaryDirectory() as tmp:
            sqlite_url = f"sqlite:///{tmp}/bench.sqlite3"
            prepare_database(sqlite_url)
            results.append(bench_screening(sqlite_url, args.workers, args.seconds, args.connections, args.rounds))
        if args.postgres:
            reset_postgres(args.postgres)
            prepare_database(args.postgres)
            results.append(bench_screening(args.postgres, args.workers, args.seconds, args.connections, args.rounds))
        for result in results:
            print(report(result))
        (out / "screening.json").write_text(json.dumps(results, indent=2))
    if "checkins" in parts:
        from scripts import bench_checkins

        load = (args.workers, args.seconds, args.connections, args.rounds)
        with tempfile.TemporaryDirectory() as tmp:
            checkins = [bench_checkins.run(f"sqlite:///{tmp}/checkins.sqlite3", *load)]
        if args.postgres:
            reset_postgres(args.postgres)
            checkins.append(bench_checkins.run(args.postgres, *load))
        for result in checkins:
            print(bench_checkins.report(result))
        (out / "checkins.json").write_text(json.dumps(checkins, indent=2))
    if "rt" in parts:
        from scripts import bench_rt

        rt = bench_rt.run()
        print(bench_rt.report(rt))
        (out / "rt.json").write_text(json.dumps(rt, indent=2))
    if "dashboard" in parts:
        from scripts import bench_dashboard

        with tempfile.TemporaryDirectory() as tmp:
            dashboard = [bench_dashboard.run(f"sqlite:///{tmp}/dashboard.sqlite3")]
        if args.postgres:
            reset_postgres(args.postgres)
            dashboard.append(bench_dashboard.run(args.postgres))
        for result in dashboard:
            print(bench_dashboard.report(result))
        (out / "dashboard.json").write_text(json.dumps(dashboard, indent=2))
    if "console-event" in parts:
        from scripts import bench_console

        print(bench_console.report(bench_console.run()))

    if "first-load" in parts:
        from scripts import bench_first_load

        if bench_first_load.available():
            first_load = bench_first_load.run()
            print(bench_first_load.report(first_load))
            (out / "first_load.json").write_text(json.dumps(first_load, indent=2))
        else:
            print("first load: skipped (needs Debian's chromium and chromium-driver)")
    if "panic-sqlite" in parts:
        from scripts import bench_alerts

        embedded = []
        for writer_lock in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/panic.sqlite3"
                embedded.append(bench_alerts.run_embedded(url, args.workers, writer_lock=writer_lock))
        for result in embedded:
            print(bench_alerts.report_embedded(result))
        (out / "alerts_sqlite.json").write_text(json.dumps(embedded, indent=2))
    if "hospitals" in parts:
        from scripts import bench_hospitals

        nearby = sqlite_and_postgres(bench_hospitals.run, "hospitals", args)
        for result in nearby:
            print(bench_hospitals.report(result))
        (out / "hospitals.json").write_text(json.dumps(nearby, indent=2))
    if "alerts" in parts:
        if args.postgres:
            reset_postgres(args.postgres)
            from scripts import bench_alerts

            panic = bench_alerts.run(args.postgres, alerts=args.alerts, clients=50, workers=4)
            print(bench_alerts.report(panic))
            (out / "alerts.json").write_text(json.dumps(panic, indent=2))
        else:
            print("panic alerts: skipped (needs PostgreSQL; make bench creates a database when the server is up)")
    if "notify" in parts:
        from scripts import bench_notify

        notify = bench_notify.run(args.postgres)
        print(bench_notify.report(notify))
        (out / "notify.json").write_text(json.dumps(notify, indent=2))
    if "channels" in parts:
        from scripts import bench_channels

        inbound = sqlite_and_postgres(bench_channels.run, "channels", args)
        for result in inbound:
            print(bench_channels.report(result))
        (out / "channels.json").write_text(json.dumps(inbound, indent=2))


if __name__ == "__main__":
    main()
