"""First load of the residents' app (/app) beside the dashboard (/) on an emulated slow phone network.

Each page is opened in a fresh headless Chromium profile (a first visit: empty HTTP cache, no service
worker) with Chrome DevTools Protocol network emulation of a slow phone connection: 1.6 Mbit/s down,
750 kbit/s up, 150 ms round trip. Transferred bytes are Network.loadingFinished encodedDataLength summed
over every request the page made until the network went quiet (what went over the wire: compressed when
the server compresses). Usable: for /app, the panic button visible and enabled; for /, the summary
cards rendered. The time is read in the page (performance.now(), from the start of navigation).

Run alone with `.venv/bin/python -m scripts.bench_first_load`; `make bench` runs it beside the other benchmarks.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from scripts.live import running_server

ROOT = Path(__file__).resolve().parents[1]

BIN = Path(sys.executable).parent
SLOW_PHONE = {
    "offline": False,
    "latency": 150,  # ms round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes per second
    "uploadThroughput": 750_000 / 8,
}
# Set in the page itself, so that the time does not include the benchmark's polling.
USABLE = {
    "/app": "(() => { const b = document.querySelector('#panic-button');"
    " return !!b && !b.disabled && b.getClientRects().length > 0; })()",
    "/": "document.querySelectorAll('#summary-cards .card').length > 0",
}
WATCH = """
(() => {
  const usable = () => %s;
  const check = () => {
    if (window.__usableAt === undefined && document.documentElement && usable()) {
      window.__usableAt = performance.now();
    } else if (window.__usableAt === undefined) {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
  setInterval(() => { if (window.__usableAt === undefined) check(); }, 20);
})();
"""
QUIET_SECONDS = 2.0


def available() -> bool:
    """Debian's chromium and chromium-driver are installed (as the browser tests need)."""
    return bool((shutil.which("chromium") or shutil.which("chromium-browser")) and shutil.which("chromedriver"))


def chromium() -> webdriver.Chrome:
    options = Options()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=412,915", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)


def transferred(log: list[dict[str, Any]]) -> tuple[int, int]:
    """(requests, bytes) from the performance log's Network.loadingFinished events."""
    finished = [json.loads(entry["message"])["message"] for entry in log]
    sizes = [m["params"]["encodedDataLength"] for m in finished if m["method"] == "Network.loadingFinished"]
    return len(sizes), int(sum(sizes))


def visit(base: str, path: str) -> dict[str, float]:
    driver = chromium()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_PHONE)
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH % USABLE[path]})
        driver.set_page_load_timeout(180)
        driver.get(base + path)
        deadline = time.monotonic() + 180
        while driver.execute_script("return window.__usableAt") is None:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path} was not usable within 180 s")
            time.sleep(0.05)
        usable_ms = float(driver.execute_script("return window.__usableAt"))
        # Count everything the first visit fetches, also after it became usable, until the network is quiet.
        log: list[dict[str, Any]] = []
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < QUIET_SECONDS and time.monotonic() < deadline:
            fresh = driver.get_log("performance")
            if any('"Network.' in entry["message"] for entry in fresh):
                quiet_since = time.monotonic()
            log += fresh
            time.sleep(0.25)
        requests, size = transferred(log)
        return {"usable_s": usable_ms / 1000, "requests": requests, "bytes": size}
    finally:
        driver.quit()


def prepare(database_url: str) -> None:
    env = {**os.environ, "SUMBAR_DATABASE_URL": database_url}
    for args in (["db", "upgrade"], ["reference", "load"], ["demo", "load"]):
        subprocess.run([str(BIN / "flask"), "--app", "api", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def run(rounds: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/first_load.sqlite3"
        prepare(database_url)
        with running_server(database_url, workers=2) as (host, port):
            base = f"http://{host}:{port}"
            pages: dict[str, Any] = {}
            for path in USABLE:
                visits = [visit(base, path) for _ in range(rounds)]
                pages[path] = {
                    "usable_s": statistics.median(v["usable_s"] for v in visits),
                    "bytes": statistics.median(v["bytes"] for v in visits),
                    "requests": statistics.median(v["requests"] for v in visits),
                    "visits": visits,
                }
    return {"network": {"down_kbit_s": 1600, "up_kbit_s": 750, "rtt_ms": 150}, "rounds": rounds, "pages": pages}


def report(result: dict[str, Any]) -> str:
    app, dashboard = result["pages"]["/app"], result["pages"]["/"]
    lines = [
        f"first load, fresh browser, emulated slow phone network (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT), "
        f"median of {result['rounds']}",
        f"  {'':22} {'requests':>9} {'transferred KB':>15} {'usable s':>9}",
    ]
    for name, page in (("/app (residents' app)", app), ("/ (dashboard)", dashboard)):
        lines.append(f"  {name:22} {page['requests']:>9.0f} {page['bytes'] / 1024:>15.1f} {page['usable_s']:>9.2f}")
    bytes_ratio = dashboard["bytes"] / app["bytes"]
    time_ratio = dashboard["usable_s"] / app["usable_s"]
    lines.append(f"  dashboard / app: bytes x{bytes_ratio:.1f}, time x{time_ratio:.1f}")
    lines.append("  targets for /app: under 150 KB and under 3 s")
    return "\n".join(lines)


def main() -> None:
    if not available():
        sys.exit("chromium and chromedriver are not installed (Debian packages 'chromium', 'chromium-driver')")
    result = run()
    print(report(result))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    (out / "first_load.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
