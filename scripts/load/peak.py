"""A peak day on one box (`make load`): every flow of a wave's peak hour at once against 127.0.0.1, bounded in time.

Seeds a fresh database (the regions, demo case series, 20,000 people in home isolation with their phones,
console officers), starts the web server with the default worker settings, then runs Locust
(scripts/load/locustfile.py) headless: self-screenings at 100/s, the isolation check-ins, one panic press
per second with a later location fix, five officers on live streams, the public dashboard at 20 page
views per second. Then short steps at higher rates find the headroom factor (the highest multiple of
every rate at which each flow's p99 stays under 1 s), and the stored rows are counted against the 2xx
replies. Writes bench-results/load.json and prints the report.

--generator-cpus 1 stands in for a load generator on another machine: Locust runs on those CPUs only (taskset),
the web server and PostgreSQL on the others (PostgreSQL is given all of them back at the end).

Run with the load tools' own interpreter (`make load` makes .venv-load); the app runs under .venv.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.live import running_server
from scripts.load import cpu, pin
from scripts.load.rates import rates, total_users

ROOT = Path(__file__).resolve().parents[2]
# The server runs under the app's interpreter, not the load tools' one that runs this script.
APP_BIN = ROOT / ".venv" / "bin"

OFFICER_PASSWORD = "load-officer-password-1"
# Time for the server to notice that a stream's client is gone (HANGUP_CHECK_SECONDS in api/streams.py, and some).
HANGUP_SECONDS = 3
# Rows a flow's 2xx replies must have stored: (table, the Locust request names whose 2xx each stored one).
STORED = {
    "screening_responses": ["screening"],
    "checkins": ["check-in"],
    "alert_presses": ["panic press"],
    "alert_locations": ["panic press", "location fix"],
}

SEED = """
import datetime as dt, json, sys, uuid, random
import sqlalchemy as sa
from api import create_app
from api.extensions import db
from api.models import Device, IsolationEpisode
from api.services.accounts import create_staff_user, issue_staff_token
from api.services.tokens import DEVICE_PREFIX, hash_token, new_token
from api.transactions import unit_of_work
from screening.isolation import planned_end

people, phones, officers, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
app = create_app()
rng = random.Random(14)
with app.app_context():
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    regions = [r for (r,) in db.session.execute(sa.text("SELECT code FROM regions"))]
    isolating, panic = [], []
    for start in range(0, people + phones, 2000):
        devices, episodes = [], []
        for n in range(start, min(start + 2000, people + phones)):
            token, device_id = new_token(DEVICE_PREFIX), uuid.uuid4()
            devices.append({"id": device_id, "token_hash": hash_token(token), "platform": "android",
                            "app_version": "load", "created_at": now, "last_used_at": now})
            if n < people:
                begin = today - dt.timedelta(days=rng.randrange(0, 9))
                episode_id = uuid.uuid4()
                episodes.append({"id": episode_id, "device_id": device_id, "reason": "confirmed_symptomatic",
                                 "start_date": begin, "end_date": planned_end("confirmed_symptomatic", begin),
                                 "region_code": rng.choice(regions), "status": "active", "flag_urgent": False,
                                 "flag_silent": False, "flag_escalated": False, "created_at": now, "updated_at": now})
                isolating.append([token, str(episode_id)])
            else:
                panic.append(token)
        with unit_of_work():
            db.session.execute(sa.insert(Device), devices)
            if episodes:
                db.session.execute(sa.insert(IsolationEpisode), episodes)
    tokens = []
    for n in range(officers):
        user = create_staff_user(f"petugas-beban-{n}", "satgas_provinsi", "load-officer-password-1", None)
        tokens.append(issue_staff_token(user)[0])
    json.dump({"isolating": isolating, "panic": panic, "officers": tokens}, open(out, "w"))
"""


def flask(env: dict[str, str], *args: str) -> None:
    subprocess.run([str(APP_BIN / "flask"), "--app", "api", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def seed(database_url: str, people: int, phones: int, officers: int, out: Path) -> None:
    env = {**os.environ, "SUMBAR_DATABASE_URL": database_url}
    for args in (["db", "upgrade"], ["reference", "load"], ["demo", "load"]):
        flask(env, *args)
    subprocess.run(
        [str(APP_BIN / "python"), "-c", SEED, str(people), str(phones), str(officers), str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def count_rows(database_url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in STORED}  # type: ignore[index]


def bytes_per_row(database_url: str) -> dict[str, float]:
    """Disk per stored row (table, its indexes and TOAST) after the run: what grows with each flow."""
    import psycopg

    tables = [*STORED, "alerts", "alert_events", "alert_transitions", "isolation_episodes", "devices"]
    with psycopg.connect(database_url) as connection:
        found = {}
        for table in tables:
            size, rows = connection.execute(
                f"SELECT pg_total_relation_size('{table}'), (SELECT count(*) FROM {table})"
            ).fetchone()  # type: ignore[misc]
            if rows:
                found[table] = round(size / rows, 1)
        return found


def locust(
    host: str, seeds: Path, seconds: int, scale: float, prefix: Path, people: int, cpus: set[int] | None
) -> tuple[dict[str, dict[str, float]], dict[str, float], dict[str, list[str]]]:
    """Each flow's figures, the CPU seconds per wall second each group of processes used meanwhile, and the CPUs
    each group's threads were allowed during the run (Locust on `cpus` only when given)."""
    env = {**os.environ, "LOAD_SEEDS": str(seeds), "LOAD_SCALE": str(scale)}
    count = total_users(people, scale)
    port = int(host.rsplit(":", 1)[1])
    # The process trees are read again at the end: a backend or worker started meanwhile counts too.
    before = (cpu.seconds(cpu.web_server(port)), cpu.seconds(cpu.postgres()), os.times())
    started = time.monotonic()
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(ROOT / "scripts" / "load" / "locustfile.py"),
        "--headless",
        "--host",
        host,
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--users",
        str(count),
        "--spawn-rate",
        str(count),
    ]
    generator = subprocess.Popen(pin.wrap(command, cpus) if cpus else command, cwd=ROOT, env=env)
    # Read once the run is under way: taskset has then handed its process over to Locust.
    with contextlib.suppress(subprocess.TimeoutExpired):
        generator.wait(timeout=min(5, seconds))
    allowed = {
        "web server": pin.seen(cpu.web_server(port)),
        "PostgreSQL": pin.seen(cpu.postgres()),
        "load generator": pin.seen([generator.pid]),
    }
    generator.wait()
    wall = time.monotonic() - started
    after = os.times()
    used = {
        "web server": cpu.seconds(cpu.web_server(port)) - before[0],
        "PostgreSQL": cpu.seconds(cpu.postgres()) - before[1],
        # The generator ran as our child: its CPU is in the children's times once it has ended.
        "load generator": (after.children_user + after.children_system)
        - (before[2].children_user + before[2].children_system),
    }
    flows: dict[str, dict[str, float]] = {}
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            flows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "per_second": float(row["Requests/s"]),
                "p50_ms": float(row["50%"] or 0),
                "p99_ms": float(row["99%"] or 0),
            }
    with open(f"{prefix}_failures.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            errors = flows.setdefault(row["Name"], {}).setdefault("errors", {})  # type: ignore[arg-type]
            errors[row["Error"]] = int(row["Occurrences"])  # type: ignore[index]
    return flows, {name: round(seconds / wall, 3) for name, seconds in used.items()}, allowed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url", help="an empty, disposable PostgreSQL database")
    parser.add_argument("--seconds", type=int, default=300, help="the peak hour's length here (default 5 min)")
    parser.add_argument("--step-seconds", type=int, default=45, help="each headroom step's length")
    parser.add_argument(
        "--steps",
        type=multiples,
        default="1.5,2,3,4",
        help="multiples of every rate above 1 tried for the headroom, lowest first (default 1.5,2,3,4)",
    )
    parser.add_argument(
        "--warmup-seconds",
        type=int,
        default=10,
        help="the peak rates for this long right after the server starts, reported apart (default 10)",
    )
    parser.add_argument("--people", type=int, default=20_000, help="people in home isolation")
    parser.add_argument(
        "--generator-cpus",
        metavar="CPUS",
        help="run the load generator on these CPUs only (a taskset list, e.g. 1) and the web server and "
        "PostgreSQL on the others, as if the generator ran on another machine",
    )
    args = parser.parse_args()
    everything = pin.available()
    generator_cpus: set[int] | None = None
    product_cpus = everything
    if args.generator_cpus is not None:
        try:
            generator_cpus, product_cpus = pin.split(args.generator_cpus, everything, pin.taskset())
        except pin.PinError as error:
            parser.error(str(error))
        # A plain kill must still run the finally that gives PostgreSQL its CPUs back.
        signal.signal(signal.SIGTERM, lambda number, _frame: sys.exit(128 + number))
    workers, threads = int(os.environ.get("WEB_CONCURRENCY", "2")), int(os.environ.get("WEB_THREADS", "16"))
    scales: list[float] = args.steps
    phones = 600 * (1 + len(scales))  # a fresh phone per panic press, with room for the faster steps
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds.json"
        started = time.monotonic()
        seed(args.database_url, args.people, int(phones * max([1.0, *scales])), 5, seeds)
        seeded_in = time.monotonic() - started
        # Everyone here comes from 127.0.0.1: the per-address limit on anonymous screenings, set for one
        # carrier's NAT, would otherwise hold the whole province's screenings.
        settings = {"STREAM_MAX_SECONDS": "300", "SCREENING_ADDRESS_LIMIT": "1000000 per minute"}
        with running_server(
            args.database_url, workers=workers, threads=threads, gunicorn=APP_BIN / "gunicorn", **settings
        ) as (host, port):
            try:
                if generator_cpus:
                    # Workers and backends started later are forked from a pinned master or postmaster.
                    pin.pin(lambda: cpu.web_server(port), product_cpus)
                    pin.pin(cpu.postgres, product_cpus)
                # A server just started (a deploy or a restart in the middle of a wave) meets the peak at once:
                # its first seconds are run and reported apart, and the peak hour is measured on a warm server.
                warmup = {}
                if args.warmup_seconds > 0:
                    warmup, _cpu, _allowed = locust(
                        f"http://{host}:{port}",
                        seeds,
                        args.warmup_seconds,
                        1.0,
                        Path(tmp) / "warmup",
                        args.people,
                        generator_cpus,
                    )
                    # The warm-up's officers have hung up: their streams see it within a second or so (api/streams.py)
                    # and give their slots back before the peak hour's officers connect.
                    time.sleep(HANGUP_SECONDS)
                before = count_rows(args.database_url)
                peak, peak_cpu, allowed = locust(
                    f"http://{host}:{port}", seeds, args.seconds, 1.0, Path(tmp) / "peak", args.people, generator_cpus
                )
                after = count_rows(args.database_url)
                sizes = bytes_per_row(args.database_url)
                steps = []
                for scale in step_scales(scales, all(ok(name, flow) for name, flow in peak.items())):
                    flows, step_cpu, step_allowed = locust(
                        f"http://{host}:{port}",
                        seeds,
                        args.step_seconds,
                        scale,
                        Path(tmp) / f"x{scale}",
                        args.people,
                        generator_cpus,
                    )
                    steps.append(
                        {"scale": scale, "cpu_per_wall_second": step_cpu, "cpus_allowed": step_allowed, "flows": flows}
                    )
                    if all(ok(name, flow) for name, flow in flows.items()) == (scale < 1):
                        break
            finally:
                # PostgreSQL serves the rest of the machine too: it gets every CPU back however the run ended
                # (a plain kill included: SIGTERM is turned into an exit below, which runs this).
                if generator_cpus:
                    pin.pin(cpu.postgres, everything)
    result = {
        "machine": machine(os.cpu_count() or len(everything), generator_cpus, product_cpus),
        # Without --generator-cpus both may use every CPU.
        "cpus": {
            "web server and PostgreSQL": pin.format_cpus(product_cpus),
            "load generator": pin.format_cpus(generator_cpus or everything),
        },
        "cpus_allowed": allowed,
        "workers": workers,
        "threads": threads,
        "people_in_isolation": args.people,
        "seconds": args.seconds,
        "warmup_seconds": args.warmup_seconds,
        "warmup": warmup,
        "seeded_seconds": round(seeded_in, 1),
        "cpu_per_wall_second": peak_cpu,
        "peak": peak,
        "stored": {table: after[table] - before[table] for table in STORED},
        "bytes_per_row": sizes,
        "steps": steps,
    }
    result["headroom"] = headroom(result)
    result["product_share_of_its_cpus"] = product_share(peak_cpu, product_cpus)
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2))
    print(report(result))


def multiples(text: str) -> list[float]:
    """--steps: positive multiples of every rate, e.g. 1.5,2,3."""
    try:
        found = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of multiples: {text!r} (e.g. 1.5,2,3)") from None
    if any(scale <= 0 for scale in found):
        raise argparse.ArgumentTypeError(f"multiples must be above 0: {text!r}")
    return found


def step_scales(asked: list[float], peak_passed: bool) -> list[float]:
    """The headroom steps to run, in order (each run stops at the first that settles it)."""
    if not peak_passed:
        # Over 1 s already at the peak rates: find the fraction of them this box can serve instead.
        return [0.75, 0.5, 0.25]
    # Upwards from the peak, lowest first: the first step over 1 s ends the search, so a higher one before a
    # lower one would skip it, and a step at or below the peak that passed says nothing new.
    return sorted({scale for scale in asked if scale > 1})


def machine(cores: int, generator_cpus: set[int] | None, product_cpus: set[int]) -> str:
    if not generator_cpus:
        return f"{cores} cores (shared with other work), load generator on the same box"

    def on(cpus: set[int]) -> str:
        return f"CPU{'s' if len(cpus) > 1 else ''} {pin.format_cpus(cpus)}"

    return (
        f"{cores} cores (shared with other work): web server and PostgreSQL on {on(product_cpus)}, "
        f"load generator on {on(generator_cpus)}"
    )


def product_share(shares: dict[str, float], product_cpus: set[int]) -> float:
    """The web server's and PostgreSQL's CPU seconds per wall second as a fraction of the CPUs they may use."""
    return round((shares["web server"] + shares["PostgreSQL"]) / len(product_cpus), 3)


# Not single requests: a whole page view (four requests in a row) and opening a stream that then stays open.
NOT_COUNTED = {"dashboard page view", "stream open"}


def ok(name: str, flow: dict[str, float]) -> bool:
    """Within the promise: p99 at most 1 s (press -> console included)."""
    return name in NOT_COUNTED or flow["p99_ms"] <= 1000


def headroom(result: dict[str, Any]) -> str:
    if not all(ok(n, f) for n, f in result["peak"].items()):
        fits = [s["scale"] for s in result["steps"] if all(ok(n, f) for n, f in s["flows"].items())]
        return f"{max(fits):g} (p99 over 1 s at the peak rates)" if fits else "below 0.25"
    passed = 1.0
    for step in result["steps"]:
        if not all(ok(n, f) for n, f in step["flows"].items()):
            return f"{passed:g} (p99 passed 1 s at x{step['scale']:g})"
        passed = step["scale"]
    return f"at least {passed:g} (the highest step tried)"


def report(result: dict[str, Any]) -> str:
    lines = [
        f"peak hour on one box: {result['machine']}; {result['workers']} gunicorn workers x {result['threads']} "
        f"threads on PostgreSQL; {result['people_in_isolation']} people in isolation; {result['seconds']} s",
        f"  {'flow':34} {'requests':>9} {'per s':>7} {'target':>7} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}",
    ]
    wanted = rates(result["people_in_isolation"])
    targets = {
        "screening": wanted["screening"],
        "check-in": wanted["checkin"],
        "panic press": wanted["panic"],
        "location fix": wanted["panic"],
        "stream: press -> console": wanted["panic"] * 5,
    }
    for name, flow in result["peak"].items():
        target = wanted["dashboard"] if name.startswith("dashboard") else targets.get(name)
        shown = f"{target:.1f}" if target else "-"
        lines.append(
            f"  {name:34} {flow['requests']:>9} {flow['per_second']:>7.1f} {shown:>7} {flow['p50_ms']:>8.0f} "
            f"{flow['p99_ms']:>8.0f} {flow['failures']:>7}"
        )
    peak = result["peak"]
    for table, names in STORED.items():
        replies = sum(peak[n]["requests"] - peak[n]["failures"] for n in names if n in peak)
        lines.append(f"  stored {table}: {result['stored'][table]} rows for {replies} 2xx replies")
    given = len(pin.parse_cpus(result["cpus"]["web server and PostgreSQL"]))
    for step in result["steps"]:
        worst = max((f["p99_ms"], n) for n, f in step["flows"].items() if n not in NOT_COUNTED)
        used = step["cpu_per_wall_second"]["web server"] + step["cpu_per_wall_second"]["PostgreSQL"]
        lines.append(
            f"  x{step['scale']:g} every rate: worst p99 {worst[0]:.0f} ms ({worst[1]}); the product used "
            f"{used / given:.2f} of its {given} CPU{'s' if given > 1 else ''}"
        )
    for name, flow in result["peak"].items():
        for error, times in flow.get("errors", {}).items():
            lines.append(f"  error {name}: {error} x{times}")
    if result.get("warmup"):
        worst = max((f["p99_ms"], n) for n, f in result["warmup"].items() if n not in NOT_COUNTED)
        failed = sum(f["failures"] for n, f in result["warmup"].items() if n != "dashboard page view")
        lines.append(
            f"  first {result['warmup_seconds']} s after the server started (run before the peak hour, not in it): "
            f"worst p99 {worst[0]:.0f} ms ({worst[1]}), {failed} errors"
        )
    lines.append(f"  headroom factor: {result['headroom']}")
    shares = result["cpu_per_wall_second"]
    product = shares["web server"] + shares["PostgreSQL"]
    lines.append(
        f"  CPU seconds per wall second at the peak rates: web server {shares['web server']:.2f}, PostgreSQL "
        f"{shares['PostgreSQL']:.2f} (the product: {product:.2f} of {os.cpu_count()} cores, goal at most "
        f"{(os.cpu_count() or 2) / 3:.2f}; {result['product_share_of_its_cpus']:.2f} of the {given} "
        f"CPU{'s' if given > 1 else ''} it was given); load generator {shares['load generator']:.2f}; "
        "no scheduler runs here"
    )
    allowed = "; ".join(f"{name} {' / '.join(lists) or '-'}" for name, lists in result["cpus_allowed"].items())
    lines.append(f"  CPUs each one's threads were allowed during the peak run: {allowed}")
    lines.append(
        "  disk per row (table + indexes): " + ", ".join(f"{t} {b:.0f} B" for t, b in result["bytes_per_row"].items())
    )
    return "\n".join(lines)


if __name__ == "__main__":
    random.seed(14)
    main()
