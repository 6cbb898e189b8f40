"""The scheduler process: runs every job in api.jobs.JOBS on its trigger (never inside web workers).

Several may run (one per machine): each job still runs once per period across them (api/scheduling.py).
"""

from __future__ import annotations

import functools
import logging

from apscheduler.schedulers.blocking import BlockingScheduler

from api import create_app
from api.jobs import JOBS
from api.scheduling import run_scheduled

log = logging.getLogger("scheduler")


def main() -> None:
    app = create_app()
    scheduler = BlockingScheduler(timezone=app.config["TIMEZONE"])
    for name, job in JOBS.items():
        # coalesce + max_instances=1: a job that fell behind runs once, never twice at the same time here;
        # run_scheduled makes other scheduler processes (other machines) skip a tick this one already ran.
        # name=: apscheduler's own log lines ("Running job ...") name the job.
        scheduler.add_job(
            functools.partial(run_scheduled, app, name, JOBS),
            job.trigger,
            id=name,
            name=name,
            coalesce=True,
            max_instances=1,
            **job.trigger_args,
        )
    log.info("scheduler started with jobs: %s", ", ".join(JOBS))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        log.info("scheduler stopped")


if __name__ == "__main__":
    main()
