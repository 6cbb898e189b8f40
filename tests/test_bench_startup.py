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


def test_the_dashboard_benchmark_sends_each_callback_as_the_server_declares_it(tmp_path: Path) -> None:
    code = f"""
import secrets, flask_migrate
from api import create_app
from api.services.regions import load_regions
from dashboard.app import init_dashboard
from scripts.bench_dashboard import CALLBACKS, callback_request
app = create_app({{"TESTING": True, "DATABASE_URL": "sqlite:///{tmp_path}/b.sqlite3",
                   "SECRET_KEY": secrets.token_urlsafe(48), "CACHE_DIR": "{tmp_path}/cache"}})
with app.app_context():
    flask_migrate.upgrade()
    load_regions()
    init_dashboard(app)
    client = app.test_client()
    declared = client.get("/_dash-dependencies").get_json()
    for name in CALLBACKS:
        body = callback_request(declared, name)
        for item in body["inputs"]:
            if item["id"] == "map-dates":
                item["value"] = ["2021-07-01"]
        print(name, client.post("/_dash-update-component", json=body).status_code)
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    statuses = dict(line.rsplit(" ", 1) for line in done.stdout.strip().splitlines())
    assert set(statuses.values()) <= {"200", "204"}, statuses
    assert len(statuses) == 3
