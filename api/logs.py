"""Log set-up: plain lines or JSON (SUMBAR_LOG_FORMAT=json), each carrying the request id, one line per request."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

from flask import Flask, Response, g, request

from api.request_ids import current_request_id
from api.warmup import WARMUP

request_log = logging.getLogger("api.requests")


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (or "-") to every record, from any logger."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line; records' extra `fields` are merged in (names only the code chose)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
            **getattr(record, "fields", {}),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def configure_logging(app: Flask) -> None:
    """The root logger's handler, once per process (several apps in one test run share it)."""
    root = logging.getLogger()
    root.setLevel(app.config["LOG_LEVEL"])
    as_json = str(app.config.get("LOG_FORMAT", "text")).lower() == "json"
    handler = next((h for h in root.handlers if getattr(h, "sumbar", False)), None)
    if handler is None:
        handler = logging.StreamHandler()
        handler.sumbar = True  # type: ignore[attr-defined]
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    handler.setFormatter(
        JSONFormatter() if as_json else logging.Formatter("%(levelname)s %(name)s [%(request_id)s] %(message)s")
    )


def init_app(app: Flask) -> None:
    configure_logging(app)
    if str(app.config.get("LOG_FORMAT", "text")).lower() != "json":
        return  # gunicorn's access log has the request lines in text form

    @app.before_request
    def start_clock() -> None:
        g.request_started = time.perf_counter()

    @app.after_request
    def log_request(response: Response) -> Response:
        # The URL rule (/api/v1/alerts/<uuid:alert_id>), never the path or query: no ids or search terms of
        # residents in the log, and no client address.
        started = g.get("request_started")
        if request.environ.get(WARMUP):
            return response  # the process's own warm-up (api/warmup.py), like gunicorn's access log: not a request
        fields = {
            "method": request.method,
            "endpoint": request.url_rule.rule if request.url_rule else "unmatched",
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        }
        request_log.info("%s %s %s", fields["method"], fields["endpoint"], fields["status"], extra={"fields": fields})
        return response
