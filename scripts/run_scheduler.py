"""The scheduler process: runs every job in api.jobs.JOBS on its trigger (never inside web workers)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from apscheduler.schedulers.blocking import BlockingScheduler

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api import create_app  # noqa: E402
from api.jobs import JOBS  # noqa: E402

log = logging.getLogger("scheduler")


def main() -> None:
    app = create_app()
    scheduler = BlockingScheduler(timezone=app.config["TIMEZONE"])

    def in_app_context(name: str):  # type: ignore[no-untyped-def]
        def run() -> None:
            with app.app_context():
                try:
                    JOBS[name].func()
                except Exception:
                    log.exception("job %s failed", name)

        return run

    for name, job in JOBS.items():
        # coalesce + max_instances=1: a job that fell behind runs once, never twice at the same time.
        scheduler.add_job(
            in_app_context(name), job.trigger, id=name, coalesce=True, max_instances=1, **job.trigger_args
        )
    log.info("scheduler started with jobs: %s", ", ".join(JOBS))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("scheduler stopped")


if __name__ == "__main__":
    main()
