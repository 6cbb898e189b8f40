"""Several scheduler processes on one database: each job runs once per period across all of them."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from flask import Flask

from api import create_app
from api.extensions import db
from api.jobs import Job
from api.models import JobRun
from api.scheduling import lock_key, period_of, run_scheduled
from api.transactions import unit_of_work

T0 = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def schedulers(app: Flask, database_url: str) -> Iterator[list[Flask]]:
    """Two more apps on the test database, each standing for a scheduler process on its own machine."""
    apps = [create_app({"TESTING": True, "DATABASE_URL": database_url}) for _ in range(2)]
    yield apps
    for other in apps:
        with other.app_context():
            db.engine.dispose()
    with unit_of_work():
        db.session.execute(JobRun.__table__.delete())


def counting_job(calls: list[str], started: threading.Event | None = None, go: threading.Event | None = None) -> Job:
    def func() -> int:
        calls.append("ran")
        if started and go:
            started.set()
            go.wait(timeout=30)
        return len(calls)

    return Job(func, "interval", {"seconds": 30})


def test_two_schedulers_ticking_at_once_run_the_job_once(schedulers: list[Flask]) -> None:
    calls: list[str] = []
    jobs = {"count": counting_job(calls)}
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def tick(app: Flask) -> None:
        barrier.wait(timeout=30)
        outcomes.append(run_scheduled(app, "count", jobs, now=T0))

    threads = [threading.Thread(target=tick, args=(app,)) for app in schedulers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcomes) == ["ok", "skipped"]
    assert calls == ["ran"]


def test_a_run_still_going_on_one_scheduler_is_not_started_on_another(schedulers: list[Flask]) -> None:
    calls: list[str] = []
    started, go = threading.Event(), threading.Event()
    jobs = {"slow": counting_job(calls, started, go)}
    first = threading.Thread(target=run_scheduled, args=(schedulers[0], "slow", jobs, T0))
    first.start()
    assert started.wait(timeout=30)
    # A whole period later the first run has not finished: the other scheduler leaves it alone.
    assert run_scheduled(schedulers[1], "slow", jobs, now=T0 + dt.timedelta(seconds=40)) == "skipped"
    go.set()
    first.join(timeout=30)
    assert calls == ["ran"]
    assert run_scheduled(schedulers[1], "slow", jobs, now=T0 + dt.timedelta(seconds=70)) == "ok"


def test_each_period_runs_once_whichever_scheduler_ticks_first(schedulers: list[Flask]) -> None:
    calls: list[str] = []
    jobs = {"count": counting_job(calls)}
    a, b = schedulers
    # Scheduler b started 15 s after a; both tick every 30 s.
    ticks = [(a, 0), (b, 15), (a, 30), (b, 45), (a, 60), (b, 75)]
    outcomes = [run_scheduled(app, "count", jobs, now=T0 + dt.timedelta(seconds=s)) for app, s in ticks]
    assert outcomes == ["ok", "skipped", "ok", "skipped", "ok", "skipped"]
    assert len(calls) == 3


def test_a_failed_run_is_counted_and_named_in_the_log(
    schedulers: list[Flask], caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    jobs = {"broken": Job(broken, "interval", {"minutes": 15})}
    with caplog.at_level(logging.INFO, logger="scheduler"):
        assert run_scheduled(schedulers[0], "broken", jobs, now=T0) == "failed"
    assert "job broken failed" in caplog.text
    run = db.session.get(JobRun, "broken")
    assert run is not None
    assert (run.runs, run.failures, run.failed) == (1, 1, True)
    assert run.finished_at is not None


def test_a_database_error_in_a_job_is_logged_without_the_rows_values(
    schedulers: list[Flask], caplog: pytest.LogCaptureFixture
) -> None:
    # PostgreSQL's message quotes the failing row; the traceback shows only the line that raised.
    row = Exception("new row violates check constraint; Failing row contains (0812 5555 1234, Ibu Rina)")
    error = sa.exc.IntegrityError("INSERT INTO ...", {"phone": "0812 5555 1234"}, row)

    def failing_insert() -> None:
        raise error

    jobs = {"failing_insert": Job(failing_insert, "interval", {"minutes": 15})}
    with caplog.at_level(logging.INFO, logger="scheduler"):
        assert run_scheduled(schedulers[0], "failing_insert", jobs, now=T0) == "failed"
    assert "job failing_insert failed: database error Exception" in caplog.text
    assert "0812" not in caplog.text
    assert "Rina" not in caplog.text


def test_periods_and_lock_keys() -> None:
    assert period_of(Job(print, "interval", {"hours": 1, "minutes": 30})) == dt.timedelta(minutes=90)
    assert period_of(Job(print, "cron", {"hour": 2})) is None
    assert lock_key("escalate_alerts") == lock_key("escalate_alerts") != lock_key("pull_cases")
    assert -(2**63) <= lock_key("pull_cases") < 2**63
