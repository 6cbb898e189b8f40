"""`make bench` starts the app the way the product allows: its start-up part runs to the end on a fresh clone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_start_up_benchmark_builds_the_app_and_reports() -> None:
    code = "from scripts import bench_startup as b; print(b.report(b.run(repeats=1)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "create_app() on SQLite" in done.stdout
    assert "heavy libraries loaded by create_app(): none" in done.stdout
