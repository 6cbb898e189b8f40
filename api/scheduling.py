"""Scheduled job runs shared by every scheduler process: each job runs once per period across all of them."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import Flask

from api.clock import utcnow
from api.errors import log_failure
from api.extensions import db
from api.models import JobRun
from api.transactions import unit_of_work

if TYPE_CHECKING:
    from api.jobs import Job

log = logging.getLogger("scheduler")

# Two schedulers' ticks for one job fall anywhere within its period; a run that started less than this share
# of the period ago counts as this tick's run, so neither runs it again (and a slow clock still runs it).
PERIOD_SHARE = 0.9
# A run never marked finished (its scheduler died during it) stops blocking the job after this long.
STALE_RUN = dt.timedelta(hours=1)


def period_of(job: Job) -> dt.timedelta | None:
    """The time between two ticks of an interval job; None for other triggers (only overlap is prevented)."""
    if job.trigger != "interval":
        return None
    units = ("weeks", "days", "hours", "minutes", "seconds")
    return dt.timedelta(**{unit: job.trigger_args[unit] for unit in units if unit in job.trigger_args})


def lock_key(name: str) -> int:
    """A stable signed 64-bit PostgreSQL advisory lock key per job name."""
    return int.from_bytes(hashlib.blake2b(f"sumbar-job:{name}".encode(), digest_size=8).digest(), "big", signed=True)


@unit_of_work()
def claim_run(name: str, period: dt.timedelta | None, now: dt.datetime) -> bool:
    """Mark the job as started now, unless another scheduler ran it this period or is running it still.

    Claims are serialised per job: a PostgreSQL advisory lock held until the claim commits (which also
    covers the first run, when there is no row yet to lock), or SQLite's write lock (BEGIN IMMEDIATE).
    """
    if db.engine.dialect.name == "postgresql":
        db.session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key(name)})
    run = db.session.get(JobRun, name)
    if run is not None:
        running = run.finished_at is None and now - run.started_at < STALE_RUN
        recent = period is not None and now - run.started_at < period * PERIOD_SHARE
        if running or recent:
            return False
    if run is None:
        run = JobRun(name=name, started_at=now, runs=0, failures=0, failed=False)
        db.session.add(run)
    run.started_at, run.finished_at = now, None
    return True


@unit_of_work()
def finish_run(name: str, failed: bool) -> None:
    run = db.session.get(JobRun, name)
    if run is None:  # removed by hand meanwhile
        return
    run.finished_at, run.failed = utcnow(), failed
    run.runs += 1
    run.failures += int(failed)


def run_scheduled(app: Flask, name: str, jobs: Mapping[str, Job], now: dt.datetime | None = None) -> str:
    """One tick of one job in this scheduler: "skipped" (another ran it), "ok" or "failed"."""
    job = jobs[name]
    with app.app_context():
        if not claim_run(name, period_of(job), now or utcnow()):
            log.debug("job %s: run by another scheduler this period", name)
            return "skipped"
        try:
            result: Any = job.func()
        except Exception as error:
            db.session.rollback()
            log_failure(log, f"job {name} failed:", error)
            finish_run(name, failed=True)
            return "failed"
        log.info("job %s: %s", name, result)
        finish_run(name, failed=False)
        return "ok"
