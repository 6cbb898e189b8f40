"""A web process's warm-up (post_worker_init): the pool's connections and the public pages, counted by no one."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import Flask

from api import create_app
from api.extensions import db
from api.metrics import REQUEST_SECONDS
from api.warmup import PAGES, warm
from dashboard.app import init_dashboard
from webapp import register_webapp


def counted(method: str, rule: str) -> float:
    """The requests the metrics counted for this URL rule with status 200."""
    wanted = {"method": method, "endpoint": rule, "status": "200"}
    samples = [s for metric in REQUEST_SECONDS.collect() for s in metric.samples]
    return sum(s.value for s in samples if s.name.endswith("_count") and s.labels == wanted)


@pytest.fixture
def site(app: Flask) -> Flask:
    register_webapp(app)
    init_dashboard(app)
    return app


def test_warm_opens_the_connections_and_renders_every_page_without_counting_them(
    site: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    before = {rule: counted("GET", rule) for rule in ("/", "/app", "/_dash-layout")}
    tables_before = {
        t: db.session.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in ("devices", "staff_access_log")
    }
    db.session.remove()
    caplog.set_level(logging.INFO, logger="api.warmup")
    warm(site, 3)
    assert f"3 database connections opened, {len(PAGES)} of {len(PAGES)} pages rendered" in caplog.text
    assert "could not" not in caplog.text
    # The pool keeps what was opened, ready for the first requests (one is this test's session's now).
    pool = db.engine.pool
    assert pool.checkedin() + pool.checkedout() >= 3  # type: ignore[attr-defined]
    # Reads only, and no one's requests: nothing stored, nothing counted.
    assert {t: db.session.scalar(sa.text(f"SELECT count(*) FROM {t}")) for t in tables_before} == tables_before
    assert {rule: counted("GET", rule) for rule in before} == before


def test_a_database_that_cannot_be_reached_is_logged_and_the_process_starts_all_the_same(
    site: Flask, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refuse() -> None:
        raise sa.exc.OperationalError("connect", {}, ConnectionRefusedError("connection refused"))

    with site.app_context():
        monkeypatch.setattr(db.engine, "connect", refuse)
    caplog.set_level(logging.INFO, logger="api.warmup")
    warm(site, 3)
    assert "warm-up: the database could not be reached" in caplog.text
    assert "0 database connections opened" in caplog.text


def test_no_more_connections_are_opened_than_the_pool_keeps(site: Flask, caplog: pytest.LogCaptureFixture) -> None:
    # More would wait for a free one until the pool's timeout, then fail (SQLite's pool keeps 5; 16 threads).
    with site.app_context():
        keeps = db.engine.pool.size()  # type: ignore[attr-defined]
    caplog.set_level(logging.INFO, logger="api.warmup")
    warm(site, keeps + 20)
    assert f"{keeps} database connections opened" in caplog.text
    assert "could not" not in caplog.text


def test_the_worker_hook_warms_the_products_app_and_leaves_any_other_alone(
    site: Flask, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # reading the settings must not set it here
    monkeypatch.chdir(tmp_path)  # the settings load ./.env: a developer's must not reach the other tests
    hook = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))["post_worker_init"]
    caplog.set_level(logging.INFO, logger="api.warmup")
    # A benchmark's bare baseline, started from the same folder: no pool, no pages, nothing to warm.
    hook(SimpleNamespace(wsgi=Flask("baseline"), cfg=SimpleNamespace(threads=16)))
    assert "warmed" not in caplog.text
    hook(SimpleNamespace(wsgi=site, cfg=SimpleNamespace(threads=2)))
    assert "2 database connections opened" in caplog.text


def test_the_warm_up_requests_are_not_in_the_request_log(database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    logged = create_app({"TESTING": True, "DATABASE_URL": database_url, "LOG_FORMAT": "json"})
    register_webapp(logged)
    try:
        with caplog.at_level(logging.INFO, logger="api.requests"):
            warm(logged, 1)
            assert not [r for r in caplog.records if r.name == "api.requests"]
            logged.test_client().get("/app")  # a visitor's request is logged as ever
        assert [r.getMessage() for r in caplog.records if r.name == "api.requests"] == ["GET /app 200"]
    finally:
        with logged.app_context():
            db.session.remove()
            db.engine.dispose()
