"""Hospitals benchmark: GET /api/v1/hospitals?near=... (77 hospitals, each with its latest of two weeks of demo
bed reports, sorted by distance) beside /healthz of the same server, under gunicorn, loaded by wrk."""

from __future__ import annotations

import os
import subprocess
from typing import Any

from scripts.bench import BIN, ROOT, gunicorn, prepare_database, wrk, wrk_table

NEAR = "/api/v1/hospitals?near=-0.9471,100.4172"
CONNECTIONS = 16


def run(database_url: str, workers: int, seconds: int) -> dict[str, Any]:
    prepare_database(database_url)
    env = {"SUMBAR_DATABASE_URL": database_url, "SUMBAR_TRY_OUT": "true"}
    subprocess.run(
        [str(BIN / "flask"), "--app", "api", "demo", "load"],
        cwd=ROOT,
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    with gunicorn("wsgi:app", workers, env) as base:
        wrk(base + NEAR, None, 2, CONNECTIONS)  # warm up
        health = wrk(base + "/healthz", None, seconds, CONNECTIONS)
        nearby = wrk(base + NEAR, None, seconds, CONNECTIONS)
    return {"database": database_url.split(":")[0], "workers": workers, "healthz": health, "nearby": nearby}


def report(result: dict[str, Any]) -> str:
    health, nearby = result["healthz"], result["nearby"]
    title = (
        f"hospitals near a point on {result['database']}, {result['workers']} gunicorn workers, "
        f"{CONNECTIONS} connections"
    )
    return "\n".join(
        [
            *wrk_table(title, {"/healthz": health, "hospitals?near=": nearby}),
            f"  p50 x{nearby['p50_ms'] / health['p50_ms']:.1f} of /healthz; non-2xx replies: "
            f"{health['non_2xx'] + nearby['non_2xx']}",
        ]
    )
