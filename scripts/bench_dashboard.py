"""Dashboard benchmark: 19 regions x about 3 years of daily data, on SQLite and PostgreSQL.

Times, against a server run like production (gunicorn, two workers), the summary endpoint, the map
callback, the summary-page chart callback and the region-page callback, beside a baseline of the
same server's /healthz. The first call after data changes (cold: derived series are computed)
is reported apart from the next ones (warm: served from the per-process cache).
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live import running_server  # noqa: E402

BIN = Path(sys.executable).parent


def callback_body(outputs: list[tuple[str, str]], inputs: list[tuple[str, str, Any]]) -> dict[str, Any]:
    return {
        "output": ".." + "...".join(f"{name}.{prop}" for name, prop in outputs) + "..",
        "outputs": [{"id": name, "property": prop} for name, prop in outputs],
        "inputs": [{"id": name, "property": prop, "value": value} for name, prop, value in inputs],
        "changedPropIds": [],
        "state": [],
    }


REQUESTS: dict[str, tuple[str, str, dict[str, Any] | None]] = {
    "baseline /healthz": ("GET", "/healthz", None),
    "summary endpoint": ("GET", "/api/v1/cases/summary", None),
    "map callback": ("POST", "/_dash-update-component", callback_body(
        [("region-map", "figure"), ("map-table", "children"), ("date-label", "children")],
        [("map-measure", "value", "cases_7day_per_100k"), ("map-date", "value", 500), ("map-dates", "data", None),
         ("lang", "data", "id")],
    )),
    "summary charts callback": ("POST", "/_dash-update-component", callback_body(
        [("demo-banner", "children"), ("summary-cards", "children"), ("chart-cases", "figure"),
         ("chart-active", "figure"), ("chart-deaths", "figure"), ("summary-alt", "children")],
        [("my-region-select", "value", "13.71"), ("lang", "data", "id")],
    )),
    "region page callback": ("POST", "/_dash-update-component", callback_body(
        [("region-title", "children"), ("region-cards", "children"), ("region-chart-cases", "figure"),
         ("region-chart-rate", "figure"), ("region-chart-active", "figure"), ("region-chart-deaths", "figure"),
         ("region-chart-rt", "figure"), ("region-rt-alt", "children")],
        [("region-select", "value", "13.75"), ("lang", "data", "id")],
    )),
}  # fmt: skip


def timed(host: str, port: int, method: str, path: str, body: dict[str, Any] | None, dates: list[str]) -> float:
    if body and body["inputs"][0]["id"] == "map-measure":
        body["inputs"][2]["value"] = dates
    connection = http.client.HTTPConnection(host, port, timeout=60)
    started = time.perf_counter()
    connection.request(
        method, path, body=json.dumps(body) if body else None, headers={"Content-Type": "application/json"}
    )
    reply = connection.getresponse()
    reply.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    assert reply.status == 200, (path, reply.status)
    return elapsed


def prepare(database_url: str) -> None:
    env = {**os.environ, "SUMBAR_DATABASE_URL": database_url}
    for args in (["db", "upgrade"], ["reference", "load"], ["demo", "load"]):
        subprocess.run([str(BIN / "flask"), "--app", "api", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def run(database_url: str, repeats: int = 30) -> dict[str, Any]:
    prepare(database_url)
    results: dict[str, Any] = {"database": database_url.split(":")[0]}
    with running_server(database_url, workers=1) as (host, port):
        connection = http.client.HTTPConnection(host, port, timeout=60)
        connection.request("GET", "/api/v1/cases?region=13")
        dates = [row["date"] for row in json.loads(connection.getresponse().read())]
        connection.close()
        results["days"] = len(dates)
        for name, (method, path, body) in REQUESTS.items():
            cold = timed(host, port, method, path, body, dates)
            warm = sorted(timed(host, port, method, path, body, dates) for _ in range(repeats))
            results[name] = {"cold_ms": cold, "p50_ms": warm[len(warm) // 2], "p95_ms": warm[int(len(warm) * 0.95) - 1]}
    return results


def report(result: dict[str, Any]) -> str:
    lines = [f"dashboard on {result['database']}: 19 regions x {result['days']} days, one gunicorn worker"]
    lines.append(f"  {'':26} {'first ms':>9} {'p50 ms':>8} {'p95 ms':>8}")
    for name in REQUESTS:
        r = result[name]
        lines.append(f"  {name:26} {r['cold_ms']:>9.1f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f}")
    base = result["baseline /healthz"]["p50_ms"]
    lines.append(
        f"  warm p50 over baseline: summary x{result['summary endpoint']['p50_ms'] / base:.1f}, "
        f"map x{result['map callback']['p50_ms'] / base:.1f} (targets: summary < 50 ms, map/chart < 200 ms)"
    )
    return "\n".join(lines)
