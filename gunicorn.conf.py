"""Gunicorn settings every web process of this project shares (gunicorn reads this file from the working folder)."""

import datetime as dt
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping

from dotenv import load_dotenv
from gunicorn.glogging import Logger

# The same .env the app reads (api.config.load_config): gunicorn's own settings here (SUMBAR_LOG_FORMAT for its
# log lines) are read in the master, before any app is made. What the environment already sets wins.
load_dotenv(os.path.join(os.getcwd(), ".env"), override=False)

# The access log names the time, method, path (without its query string), status, size and duration, and
# never the client's address or user agent: those are personal data, and an error report does not need them.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


class JSONLines(logging.Formatter):
    """gunicorn's own lines as the app writes its lines with SUMBAR_LOG_FORMAT=json (api/logs.py): one object each.

    Kept here rather than imported from the app: the master process never imports the app.
    """

    def format(self, record):
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": "-",
        }
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            atoms = record.args
            entry.update(
                request_id=atoms["{x-request-id}o"],
                method=atoms["m"],
                status=atoms["s"],
                bytes=atoms["B"],
                duration_ms=atoms["M"],
            )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


class SumbarLogger(Logger):
    """gunicorn's logger, writing JSON lines (error and access log) when SUMBAR_LOG_FORMAT=json."""

    def setup(self, cfg):
        super().setup(cfg)
        if os.environ.get("SUMBAR_LOG_FORMAT", "text").lower() == "json":
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JSONLines())


logger_class = SumbarLogger

# /metrics sums every worker's figures (prometheus_client's multiprocess mode): each worker writes them to
# files in this folder. It must be set before the app, and so prometheus_client, is imported; a folder of
# this server's own unless the operator names one (which is emptied at start: old workers' files would count).
_own_metrics_dir = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="sumbar-metrics-")


def on_starting(server):  # noqa: ARG001
    folder = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name.endswith(".db"):
            os.remove(os.path.join(folder, name))


def child_exit(server, worker):  # noqa: ARG001
    # A dead worker's live gauges stop counting; its counters and histograms stay in the sums.
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):  # noqa: ARG001
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def post_fork(server, worker):  # type: ignore[no-untyped-def]  # noqa: ARG001 (gunicorn's hook signature)
    """Tell the app the worker's real thread count, however gunicorn was started (--threads, a config file or
    WEB_THREADS): it sizes the database pool and the live-stream cap from it, so no request thread waits for a
    connection."""
    os.environ["WEB_THREADS"] = str(server.cfg.threads)


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    """Open the worker's database connections and render the public pages before it takes a request: a worker
    started in the middle of a wave (a deploy, a restart) otherwise did both while the whole peak waited on it."""
    app = worker.wsgi
    # Only the product's app (wsgi:app) has a pool and pages; a benchmark's bare baseline started from this folder
    # (scripts/bench_baseline.py) has neither.
    if "sqlalchemy" not in getattr(app, "extensions", {}):
        return
    from api.warmup import warm

    warm(app, worker.cfg.threads)
