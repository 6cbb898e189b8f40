"""Gunicorn settings every web process of this project shares (gunicorn reads this file from the working folder)."""

import os
import shutil
import tempfile

# The access log names the time, method, path (without its query string), status, size and duration, and
# never the client's address or user agent: those are personal data, and an error report does not need them.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'

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
