"""Console benchmark: the server's work for one live-stream event on an open Satgas console, with 10, 50 and
200 open alerts, beside the full console refresh every event used to cost (the baseline, still what the
console's 10-second timer does).

Both are the callback requests the browser sends, answered by the app in process (Flask's test client, a
temporary SQLite database): an event request carries one new alert's staff view and the id of the last event
the page applied (the queue's order stays in the browser, which places the card the reply makes); the refresh
reads the queue, the map, the response times and the flag counts. Reports the median of
REPEATS requests each, and the ratio. Run alone with `.venv/bin/python -m scripts.bench_console`.
"""

from __future__ import annotations

import json
import secrets
import statistics
import tempfile
import time
from typing import Any

import flask_migrate
import sqlalchemy as sa

from api import create_app
from api.extensions import db
from api.services.accounts import create_staff_user
from api.services.devices import register_device
from api.services.regions import load_regions
from dashboard.app import init_dashboard
from scripts.statements import counted_statements

SIZES = (10, 50, 200)
REPEATS = 15
# An event request takes milliseconds: more of them make its median steady on a busy machine.
EVENT_REPEATS = 61
ORIGIN = {"Origin": "http://localhost"}
PASSWORD = secrets.token_urlsafe(16)


def device_headers() -> dict[str, str]:
    _, token = register_device("android", "1.0.0")
    return {"Authorization": f"Bearer {token}"}


def callback(key: str, inputs: list[tuple[str, str, Any]], state: list[tuple[str, str, Any]]) -> dict[str, Any]:
    outputs = [
        {"id": part.split(".")[0], "property": part.split(".")[1].split("@")[0]} for part in key.strip(".").split("...")
    ]
    return {
        "output": key,
        # Dash sends one output as an object, several as a list.
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
    }


def median_ms(client: Any, body: dict[str, Any], repeats: int, clock: Any = time.perf_counter) -> tuple[float, Any]:
    """The median time of `repeats` requests by `clock` (wall time; time.process_time: this process's CPU time,
    which other work on a busy machine disturbs less), and the last reply."""
    runs, reply = [], None
    for _ in range(repeats):
        started = clock()
        reply = client.post("/_dash-update-component", json=body, headers=ORIGIN)
        runs.append((clock() - started) * 1000)
        assert reply.status_code == 200, reply.status_code
    return statistics.median(runs), reply.get_json()  # type: ignore[union-attr]


def run(sizes: tuple[int, ...] = SIZES, repeats: int = REPEATS) -> list[dict[str, float]]:
    from dash import get_app

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "DATABASE_URL": f"sqlite:///{tmp}/console.sqlite3",
                "SECRET_KEY": secrets.token_urlsafe(48),
                "TESTING": True,
            }
        )
        with app.app_context():
            flask_migrate.upgrade()
            load_regions()
            init_dashboard(app)
            create_staff_user("bench-officer", "satgas_provinsi", PASSWORD, None)
            client = app.test_client()
            signed_in = client.post(
                "/satgas/login", data={"username": "bench-officer", "password": PASSWORD}, headers=ORIGIN
            )
            assert signed_in.status_code == 303, signed_in.status_code
            client.get("/_dash-dependencies")
            keys = {
                spec["callback"].__name__: key for key, spec in get_app().callback_map.items() if "callback" in spec
            }
            opened = 0
            for size in sizes:
                while opened < size:
                    press = client.post(
                        "/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers()
                    )
                    assert press.status_code == 201, press.status_code
                    opened += 1
                refresh = callback(
                    keys["refresh_console"],
                    [
                        ("console-tick", "n_intervals", 1),
                        ("action-done", "data", None),
                        ("queue-tabs", "value", "open"),
                        ("lang", "data", "id"),
                    ],
                    [("console-region", "data", None)],
                )
                refresh_ms, replied = median_ms(client, refresh, repeats)
                applied = int(replied["response"]["console-live"]["data-applied"])
                # The event a new press sends: the newest alert's view as the stream carries it.
                event = app.extensions["sumbar.alert_serializer"](_newest_alert())
                sent = [{"id": str(applied + 1), "alert": event}]
                apply = callback(
                    keys["render_alert_events"],
                    [("alert-events", "data", sent)],
                    [("console-live", "data-applied", str(applied)), ("lang", "data", "id")],
                )
                event_ms, _ = median_ms(client, apply, max(repeats, EVENT_REPEATS))
                event_cpu_ms, _ = median_ms(client, apply, max(repeats, EVENT_REPEATS), time.process_time)
                with counted_statements() as sent_sql:
                    median_ms(client, apply, 1)
                results.append(
                    {
                        "open_alerts": size,
                        "refresh_ms": refresh_ms,
                        "event_ms": event_ms,
                        "event_cpu_ms": event_cpu_ms,
                        "event_bytes": len(json.dumps(apply)),
                        "event_sql": len(sent_sql),
                    }
                )
    return results


def _newest_alert() -> Any:
    from api.models import Alert

    return db.session.scalars(sa.select(Alert).order_by(Alert.created_at.desc()).limit(1)).one()


def report(results: list[dict[str, float]]) -> str:
    lines = [
        f"console: server work per live-stream event (SQLite, median of {EVENT_REPEATS} event and {REPEATS} "
        "refresh requests)"
    ]
    for row in results:
        lines.append(
            f"  {row['open_alerts']:>3} open alerts: event {row['event_ms']:.1f} ms, CPU {row['event_cpu_ms']:.1f} ms "
            f"({row['event_bytes']} bytes sent, "
            f"{row['event_sql']} SQL statements), full refresh (baseline) {row['refresh_ms']:.1f} ms "
            f"(refresh / event x{row['refresh_ms'] / row['event_ms']:.1f})"
        )
    first, last = results[0], results[-1]
    lines.append(
        f"  growth from {first['open_alerts']} to {last['open_alerts']} open alerts: event "
        f"x{last['event_ms'] / first['event_ms']:.2f} (CPU x{last['event_cpu_ms'] / first['event_cpu_ms']:.2f}), "
        f"full refresh x{last['refresh_ms'] / first['refresh_ms']:.2f}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
