"""First load of the residents' app (/app) beside the dashboard (/) on an emulated slow phone network.

Each page is opened in a fresh headless Chromium profile (a first visit: empty HTTP cache, no service
worker) with Chrome DevTools Protocol network emulation of a slow phone connection: 1.6 Mbit/s down,
750 kbit/s up, 150 ms round trip. Every request the page makes is followed to its end (loadingFinished or
loadingFailed): a throttled download is reported only when it ends, so the visit lasts until no request is
pending and the network has been quiet for a while. Transferred bytes are encodedDataLength (what went over
the wire: compressed when the server compresses), in all, and by the moment the page became usable (requests
finished by then and the chunks of the others received by then, by the network events' own times). Usable:
for /app, the panic button visible and enabled; for /, the headline (the summary cards) rendered; either
also painted (first contentful paint: not while the stylesheet is still coming). Complete:
for /, every chart of the page drawn; for /app, when usable. Times are read in the page (performance.now(),
from the start of navigation).

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
# Every chart container on the page holds a drawn plot (plotly's SVG), and there is at least one.
COMPLETE = {
    "/app": USABLE["/app"],
    "/": "(() => { const g = document.querySelectorAll('.dash-graph');"
    " return g.length > 0 && [...g].every(e => e.querySelector('.main-svg')); })()",
}
WATCH = """
(() => {
  const usable = () => %s;
  const complete = () => %s;
  const check = () => {
    if (!document.documentElement) return;
    if (window.__usableAt === undefined && usable()) window.__usableAt = performance.now();
    if (window.__completeAt === undefined && complete()) window.__completeAt = performance.now();
  };
  const tick = () => { check(); if (window.__completeAt === undefined) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  setInterval(check, 20);
  // Present in the page is not yet seen: the browser paints once the stylesheet has come.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") window.__paintedAt = e.startTime;
  }).observe({ type: "paint", buffered: true });
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
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=412,915",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)


class Network:
    """The requests of one visit, from the performance log: which are pending, what each transferred and when."""

    def __init__(self) -> None:
        self.pending: set[str] = set()
        self.finished: dict[str, tuple[float, int]] = {}  # request: (when, bytes in all)
        self.chunks: list[tuple[float, str, int]] = []  # (when, request, bytes) as they arrived
        self.started: float | None = None  # the first request, in the browser's clock (seconds)
        self.last_event = time.monotonic()

    def read(self, log: list[dict[str, Any]]) -> None:
        for entry in log:
            message = json.loads(entry["message"])["message"]
            method, params = message["method"], message.get("params", {})
            if not method.startswith("Network."):
                continue
            self.last_event = time.monotonic()
            request, when = params.get("requestId"), float(params.get("timestamp", 0))
            if method == "Network.requestWillBeSent":
                self.pending.add(request)
                self.started = when if self.started is None else min(self.started, when)
            elif method == "Network.dataReceived":
                self.chunks.append((when, request, int(params.get("encodedDataLength", 0))))
            elif method == "Network.loadingFinished":
                self.pending.discard(request)
                self.finished[request] = (when, int(params.get("encodedDataLength", 0)))
            elif method == "Network.loadingFailed":
                self.pending.discard(request)

    def total(self) -> int:
        return sum(size for _, size in self.finished.values())

    def bytes_by(self, seconds: float) -> int:
        """What had arrived `seconds` after the first request: whole requests finished by then, and the chunks
        received by then of the others (the page's clock starts with navigation, a moment before that request)."""
        moment = (self.started or 0.0) + seconds
        done = {request: size for request, (when, size) in self.finished.items() if when <= moment}
        partial = sum(size for when, request, size in self.chunks if when <= moment and request not in done)
        return sum(done.values()) + partial


def visit(base: str, path: str) -> dict[str, float]:
    driver = chromium()
    try:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_PHONE)
        source = WATCH % (USABLE[path], COMPLETE[path])
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
        driver.set_page_load_timeout(180)
        driver.get(base + path)
        network, deadline = Network(), time.monotonic() + 180
        while True:
            network.read(driver.get_log("performance"))
            usable, painted, complete = driver.execute_script(
                "return [window.__usableAt, window.__paintedAt, window.__completeAt]"
            )
            quiet = time.monotonic() - network.last_event >= QUIET_SECONDS
            if complete is not None and painted is not None and not network.pending and quiet:
                break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{path}: not complete within 180 s ({len(network.pending)} requests pending)")
            time.sleep(0.05)
        usable = max(float(usable), float(painted))
        return {
            "usable_s": usable / 1000,
            "complete_s": float(complete) / 1000,
            "requests": len(network.finished),
            "bytes": network.total(),
            # Read from the events' own times: the page can be usable long before this loop looks.
            "bytes_at_usable": network.bytes_by(usable / 1000),
        }
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
                    key: statistics.median(v[key] for v in visits)
                    for key in ("usable_s", "complete_s", "bytes", "bytes_at_usable", "requests")
                }
                pages[path]["visits"] = visits
    return {"network": {"down_kbit_s": 1600, "up_kbit_s": 750, "rtt_ms": 150}, "rounds": rounds, "pages": pages}


def report(result: dict[str, Any]) -> str:
    app, dashboard = result["pages"]["/app"], result["pages"]["/"]
    lines = [
        f"first load, fresh browser, emulated slow phone network (1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT), "
        f"median of {result['rounds']}",
        f"  {'':22} {'requests':>9} {'KB by usable':>13} {'usable s':>9} {'KB in all':>10} {'complete s':>11}",
    ]
    for name, page in (("/app (residents' app)", app), ("/ (dashboard)", dashboard)):
        lines.append(
            f"  {name:22} {page['requests']:>9.0f} {page['bytes_at_usable'] / 1024:>13.1f} {page['usable_s']:>9.2f}"
            f" {page['bytes'] / 1024:>10.1f} {page['complete_s']:>11.2f}"
        )
    lines.append(
        f"  dashboard / app: usable after x{dashboard['usable_s'] / app['usable_s']:.1f} the time and"
        f" x{dashboard['bytes_at_usable'] / app['bytes_at_usable']:.1f} the bytes;"
        f" complete after x{dashboard['complete_s'] / app['complete_s']:.1f} the time and"
        f" x{dashboard['bytes'] / app['bytes']:.1f} the bytes"
    )
    lines.append("  targets: /app under 150 KB and usable under 2 s; / headline under 1.5 s after under 150 KB,")
    lines.append("           every chart of / drawn within 5 s and 700 KB in all")
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
