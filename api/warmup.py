"""A web process's first use of its database pool and public pages, made before it serves anyone (gunicorn.conf.py)."""

from __future__ import annotations

import logging
import time

from flask import Flask

from api.extensions import db

log = logging.getLogger(__name__)

# Rendered once in-process: the dashboard's page, layout and callback list (encoded once per process) and the
# residents' app. Reads only: nothing is written.
PAGES = ("/", "/_dash-layout", "/_dash-dependencies", "/app")
# Marks the warm-up's own requests (the metrics and the request log leave them out).
WARMUP = "sumbar.warmup"
# The warm-up's time for the pages (the connections' own wait is bounded by the database's connect timeout).
PAGES_BUDGET_SECONDS = 10


def warm(app: Flask, connections: int) -> None:
    """Open `connections` of the database pool (at most what it keeps) and render each of PAGES once.

    A worker started in the middle of a wave otherwise did both while the peak queued on it (docs/benchmarks.md has
    the first seconds of a peak run, cold and warmed). The requests are counted neither in the metrics nor in the
    request log. A failure is logged and the process starts all the same: it then serves cold, and its readiness
    check tells whether the database answers. Past PAGES_BUDGET_SECONDS the pages left are not rendered: gunicorn's
    worker timeout does not watch a worker before it serves.
    """
    started = time.monotonic()
    opened = _open_connections(app, connections)
    client = app.test_client()
    rendered = 0
    for path in PAGES:
        if time.monotonic() - started > PAGES_BUDGET_SECONDS:
            log.warning("warm-up: past %d s, %s and the pages after it left cold", PAGES_BUDGET_SECONDS, path)
            break
        try:
            reply = client.get(path, environ_overrides={WARMUP: True})
        except Exception:  # a page that cannot render now fails its first visitor instead, with the error logged
            log.warning("warm-up: %s could not be rendered", path, exc_info=True)
            continue
        if reply.status_code == 200:
            rendered += 1
        else:
            log.warning("warm-up: %s answered %d", path, reply.status_code)
    log.info(
        "warmed in %.0f ms: %d database connections opened, %d of %d pages rendered",
        1000 * (time.monotonic() - started),
        opened,
        rendered,
        len(PAGES),
    )


def _open_connections(app: Flask, wanted: int) -> int:
    """Check out `wanted` connections at once, no more than the pool keeps, and give them back: the pool then holds
    them open. (More would wait for the pool's timeout: SQLite's default pool keeps 5.)"""
    with app.app_context():
        keeps = getattr(db.engine.pool, "size", None)
        if not callable(keeps):
            return 0  # a pool that keeps nothing (each checkout a new connection): nothing to open ahead
        held = []
        try:
            for _ in range(min(wanted, keeps())):
                held.append(db.engine.connect())
        except Exception:  # the database is away: the pool opens connections when it is back, as it always did
            log.warning("warm-up: the database could not be reached", exc_info=True)
        finally:
            for connection in held:
                connection.close()
        return len(held)
