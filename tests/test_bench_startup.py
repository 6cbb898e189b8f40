"""`make bench` starts the app the way the product allows: its start-up and console-event parts run to the end."""

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


def test_the_console_event_benchmark_runs_on_the_current_app() -> None:
    code = "from scripts import bench_console as b; print(b.report(b.run(sizes=(1, 2), repeats=1)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 open alerts: event" in done.stdout
