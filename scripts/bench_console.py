"""Console benchmark: the server's work for one live-stream event on an open Satgas console, with 10, 50 and
200 open alerts, beside the full console refresh every event used to cost (the baseline, still what the
console's 10-second timer does).

Both are the callback requests the browser sends, answered by the app in process (Flask's test client, a
temporary SQLite database): an event request carries one new alert's staff view and the queue's order;
the refresh reads the queue, the map, the response times and the flag counts. Reports the median of
REPEATS requests each, and the ratio. Run alone with `.venv/bin/python -m scripts.bench_console`.
"""

from __future__ import annotations

import secrets
import statistics
import tempfile
import time
from typing import Any

import flask_migrate

from api import create_app
from api.extensions import db
from api.services.accounts import create_staff_user
from api.services.devices import register_device
from api.services.regions import load_regions
from dashboard.app import init_dashboard

SIZES = (10, 50, 200)
REPEATS = 15
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
        "outputs": outputs,
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [f"{inputs[0][0]}.{inputs[0][1]}"],
    }


def median_ms(client: Any, body: dict[str, Any], repeats: int) -> tuple[float, dict[str, Any]]:
    runs, reply = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        reply = client.post("/_dash-update-component", json=body, headers=ORIGIN)
        runs.append((time.perf_counter() - started) * 1000)
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
                order = replied["response"]["alert-order"]["data"]
                # The event a new press sends: the newest alert's view as the stream carries it.
                event = app.extensions["sumbar.alert_serializer"](_newest_alert())
                sent = [{"id": str(order["applied"] + 1), "alert": event}]
                apply = callback(
                    keys["apply_alert_events"],
                    [("alert-events", "data", sent)],
                    [("alert-order", "data", order), ("queue-tabs", "value", "open"), ("lang", "data", "id")],
                )
                event_ms, _ = median_ms(client, apply, repeats)
                results.append({"open_alerts": size, "refresh_ms": refresh_ms, "event_ms": event_ms})
    return results


def _newest_alert() -> Any:
    import sqlalchemy as sa

    from api.models import Alert

    return db.session.scalars(sa.select(Alert).order_by(Alert.created_at.desc()).limit(1)).one()


def report(results: list[dict[str, float]]) -> str:
    lines = [f"console: server work per live-stream event (SQLite, median of {REPEATS} requests)"]
    for row in results:
        lines.append(
            f"  {row['open_alerts']:>3} open alerts: event {row['event_ms']:.1f} ms, full refresh (baseline) "
            f"{row['refresh_ms']:.1f} ms (refresh / event x{row['refresh_ms'] / row['event_ms']:.1f})"
        )
    first, last = results[0], results[-1]
    lines.append(
        f"  growth from {first['open_alerts']} to {last['open_alerts']} open alerts: event "
        f"x{last['event_ms'] / first['event_ms']:.2f}, full refresh x{last['refresh_ms'] / first['refresh_ms']:.2f}"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
