"""Gunicorn settings every web process of this project shares (gunicorn reads this file from the working folder)."""

# The access log names the time, method, path (without its query string), status, size and duration, and
# never the client's address or user agent: those are personal data, and an error report does not need them.
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def post_fork(server, worker):  # type: ignore[no-untyped-def]  # noqa: ARG001 (gunicorn's hook signature)
    """Tell the app the worker's real thread count, however gunicorn was started (--threads, a config file or
    WEB_THREADS): it sizes the database pool and the live-stream cap from it, so no request thread waits for a
    connection."""
    import os

    os.environ["WEB_THREADS"] = str(server.cfg.threads)
