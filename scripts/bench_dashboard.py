"""Dashboard benchmark: 19 regions and the province x about 3 years of daily data, on SQLite and PostgreSQL.

Against a server run like production (gunicorn), beside a baseline of the same server's /healthz, it times
the summary endpoint, the map callback, the summary-page callback and the region-page callback:

- first call after an import: the importing process derived the statistics into the shared cache, so the
  server's first request only reads them (what a visitor meets after new data);
- first call with an empty cache: the request derives them itself (what every worker paid before);
- warm: the next calls (p50, p95).

It also reports how long the importer spent deriving, and the bytes a first visit to / transfers in
Chromium (cache disabled), with compression and with it switched off (SUMBAR_COMPRESS_REGISTER=false), in
the same run. Run alone with `.venv/bin/python -m scripts.bench_dashboard [POSTGRES_URL]`.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scripts.live import running_server

ROOT = Path(__file__).resolve().parents[1]

BIN = Path(sys.executable).parent
REAL_JSON = ROOT.parent / "shared" / "data" / "prov_detail_SUMATERA_BARAT.json"


# The callbacks as the browser calls them: each named by one output it sets, with the values of its inputs.
# Outputs, inputs and their order are read from the server's own /_dash-dependencies (callback_request), so a
# page that gains an output does not leave the benchmark sending a request the server refuses as malformed.
CALLBACKS: dict[str, tuple[str, dict[str, Any]]] = {
    "map callback": (
        "region-map.figure",
        {
            "map-measure.value": "cases_7day_per_100k",
            "map-date.value": 500,
            "map-dates.data": None,
            "lang.data": "id",
        },
    ),
    "summary charts callback": ("summary-cards.children", {"my-region-select.value": "13.71", "lang.data": "id"}),
    "region page callback": ("region-cards.children", {"region-select.value": "13.75", "lang.data": "id"}),
}
REQUESTS: dict[str, tuple[str, str, str | None]] = {
    "baseline /healthz": ("GET", "/healthz", None),
    "summary endpoint": ("GET", "/api/v1/cases/summary", None),
    **{name: ("POST", "/_dash-update-component", name) for name in CALLBACKS},
}


def callback_request(dependencies: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The body a page sends for the callback CALLBACKS names, shaped as the server declares that callback."""
    anchor, values = CALLBACKS[name]
    declared = next(d for d in dependencies if anchor in d["output"].strip(".").split("..."))

    def props(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

    outputs = [
        dict(zip(("id", "property"), part.split("."), strict=True))
        for part in declared["output"].strip(".").split("...")
    ]
    return {
        "output": declared["output"],
        "outputs": outputs,
        "inputs": props(declared["inputs"]),
        "state": props(declared["state"]),
        "changedPropIds": [],
    }


def dependencies(host: str, port: int) -> list[dict[str, Any]]:
    connection = http.client.HTTPConnection(host, port, timeout=60)
    connection.request("GET", "/_dash-dependencies")
    found: list[dict[str, Any]] = json.loads(connection.getresponse().read())
    connection.close()
    return found


def timed(host: str, port: int, method: str, path: str, body: dict[str, Any] | None, dates: list[str]) -> float:
    for item in (body or {}).get("inputs", []):
        if item["id"] == "map-dates":
            item["value"] = dates
    connection = http.client.HTTPConnection(host, port, timeout=120)
    started = time.perf_counter()
    connection.request(
        method, path, body=json.dumps(body) if body else None, headers={"Content-Type": "application/json"}
    )
    reply = connection.getresponse()
    data = reply.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    assert reply.status == 200, (path, reply.status, data[:300])
    return elapsed


def flask(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(BIN / "flask"), "--app", "api", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout + done.stderr


def prepare(database_url: str, cache_dir: str) -> float:
    """Migrate, load the regions and the demo series, import the real provincial series; the milliseconds the
    import's process spent deriving the statistics (it logs them)."""
    env = {**os.environ, "SUMBAR_DATABASE_URL": database_url, "SUMBAR_CACHE_DIR": cache_dir, "SUMBAR_LOG_LEVEL": "INFO"}
    for args in (["db", "upgrade"], ["reference", "load"], ["demo", "load"]):
        flask(env, *args)
    output = flask(env, "cases", "import", str(REAL_JSON)) if REAL_JSON.exists() else flask(env, "demo", "load")
    found = re.findall(r"derived case statistics refreshed in (\d+) ms", output)
    return float(found[-1]) if found else float("nan")


def empty(cache_dir: str) -> None:
    shutil.rmtree(cache_dir, ignore_errors=True)
    os.makedirs(cache_dir, exist_ok=True)


def run(database_url: str, repeats: int = 30) -> dict[str, Any]:
    cache_dir = tempfile.mkdtemp(prefix="sumbar-bench-cache-")
    results: dict[str, Any] = {"database": database_url.split(":")[0]}
    results["derive_after_import_ms"] = prepare(database_url, cache_dir)
    with running_server(database_url, workers=1, CACHE_DIR=cache_dir) as (host, port):
        connection = http.client.HTTPConnection(host, port, timeout=60)
        connection.request("GET", "/api/v1/cases?region=13.71")
        dates = [row["date"] for row in json.loads(connection.getresponse().read())]
        connection.close()
        results["days"] = len(dates)
        declared = dependencies(host, port)
        for name, (method, path, callback) in REQUESTS.items():
            body = callback_request(declared, callback) if callback else None
            after_import = timed(host, port, method, path, body, dates)
            empty(cache_dir)
            cold = timed(host, port, method, path, body, dates)
            warm = sorted(timed(host, port, method, path, body, dates) for _ in range(repeats))
            results[name] = {
                "after_import_ms": after_import,
                "empty_cache_ms": cold,
                "p50_ms": warm[len(warm) // 2],
                "p95_ms": warm[int(len(warm) * 0.95) - 1],
            }
            # Put the derived statistics back as an import leaves them, for the next request's first call.
            flask(
                {**os.environ, "SUMBAR_DATABASE_URL": database_url, "SUMBAR_CACHE_DIR": cache_dir}, "cases", "refresh"
            )
    results["first_visit_bytes"] = {
        "compressed": first_visit_bytes(database_url, cache_dir, compress=True),
        "uncompressed": first_visit_bytes(database_url, cache_dir, compress=False),
    }
    shutil.rmtree(cache_dir, ignore_errors=True)
    return results


def first_visit_bytes(database_url: str, cache_dir: str, *, compress: bool) -> int | None:
    """Bytes on the wire for a first visit to / in headless Chromium (cache disabled); None without Chromium."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver:
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = chromium
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--window-size=1280,900",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    settings = {"CACHE_DIR": cache_dir} | ({} if compress else {"COMPRESS_REGISTER": "false"})
    with running_server(database_url, workers=1, **settings) as (host, port):
        browser = webdriver.Chrome(service=Service(driver), options=options)
        try:
            browser.execute_cdp_cmd("Network.enable", {})
            browser.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
            browser.get(f"http://{host}:{port}/")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not browser.find_elements("css selector", "#chart-deaths .main-svg"):
                time.sleep(0.5)
            time.sleep(3)  # the last callbacks' replies
            total = 0
            for entry in browser.get_log("performance"):
                message = json.loads(entry["message"])["message"]
                if message["method"] == "Network.loadingFinished":
                    total += int(message["params"]["encodedDataLength"])
            return total
        finally:
            browser.quit()


def report(result: dict[str, Any]) -> str:
    derive_ms = result["derive_after_import_ms"]
    derive = f"{derive_ms:.0f} ms" if derive_ms == derive_ms else f"not measured ({REAL_JSON} is absent)"
    lines = [
        f"dashboard on {result['database']}: 20 areas x {result['days']} days, one gunicorn worker",
        f"  deriving every statistic in the importing process: {derive}",
        f"  {'':26} {'1st after import':>16} {'1st, empty cache':>16} {'p50 ms':>8} {'p95 ms':>8}",
    ]
    for name in REQUESTS:
        r = result[name]
        lines.append(
            f"  {name:26} {r['after_import_ms']:>16.1f} {r['empty_cache_ms']:>16.1f} {r['p50_ms']:>8.1f} "
            f"{r['p95_ms']:>8.1f}"
        )
    base = result["baseline /healthz"]["p50_ms"]
    summary, region = result["summary endpoint"], result["region page callback"]
    lines.append(
        f"  warm p50 over baseline: summary x{summary['p50_ms'] / base:.1f}, "
        f"map x{result['map callback']['p50_ms'] / base:.1f}; first call after an import over one with an "
        f"empty cache: summary x{summary['after_import_ms'] / summary['empty_cache_ms']:.2f}, "
        f"region page x{region['after_import_ms'] / region['empty_cache_ms']:.2f}"
    )
    visit = result["first_visit_bytes"]
    if visit["compressed"] and visit["uncompressed"]:
        packed, plain = visit["compressed"], visit["uncompressed"]
        lines.append(
            f"  first visit to / transfers {packed / 1024:.0f} KiB compressed, {plain / 1024:.0f} KiB without "
            f"compression (x{plain / packed:.1f})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        runs.append(run(f"sqlite:///{folder}/dashboard.sqlite3"))
    if len(sys.argv) > 1:
        runs.append(run(sys.argv[1]))
    for one in runs:
        print(report(one))
