"""Start-up cost, in the same run: `import flask` beside `import api` and beside building the app (every CLI
command, scheduler, worker and test server pays it), and whether the heavy libraries stayed unloaded."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("numpy", "pandas", "scipy", "geopandas", "shapely", "plotly", "dash", "psycopg")
STEPS = {
    "import flask": "import flask",
    "import api": "import api",
    "create_app() on SQLite": "from api import create_app; create_app()",
}


def _seconds(code: str, env: dict[str, str]) -> float:
    started = time.perf_counter()
    _run(code, env)
    return time.perf_counter() - started


def _run(code: str, env: dict[str, str]) -> str:
    """Runs `code` in a new interpreter; a failure stops the benchmark with the child's own error."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"start-up step failed: {code}\n{done.stderr[-2000:]}")
    return done.stdout


def run(repeats: int = 5) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        # A key of real entropy, as the app demands of every configured key.
        key = secrets.token_urlsafe(48)
        env = {**os.environ, "SUMBAR_DATABASE_URL": f"sqlite:///{tmp}/startup.sqlite3", "SUMBAR_SECRET_KEY": key}
        timings = {}
        for label, code in STEPS.items():
            runs = sorted(_seconds(code, env) for _ in range(repeats))
            timings[label] = 1000 * runs[len(runs) // 2]
        probe = (
            f"import sys; from api import create_app; create_app(); print([m for m in {HEAVY!r} if m in sys.modules])"
        )
        loaded = _run(probe, env)
    return {
        "median_ms": timings,
        "repeats": repeats,
        "heavy_loaded_by_create_app": json.loads(loaded.replace("'", '"')),
    }


def report(result: dict[str, Any]) -> str:
    figures = result["median_ms"]
    base = figures["import flask"]
    lines = [f"start-up (new interpreter each time, median of {result['repeats']}):"]
    lines += [f"  {label:24} {ms:7.0f} ms  (x{ms / base:.1f} of import flask)" for label, ms in figures.items()]
    heavy = ", ".join(result["heavy_loaded_by_create_app"]) or "none"
    lines.append(f"  heavy libraries loaded by create_app(): {heavy}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
