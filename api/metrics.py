"""Prometheus metrics at /metrics: request latency per endpoint, check-ins, alerts, jobs and live streams.

Counters kept in the web processes go through prometheus_client; under gunicorn (gunicorn.conf.py sets
PROMETHEUS_MULTIPROC_DIR) every worker writes its figures to that folder and a scrape sums them all.
Figures that live in the database (alerts open, job runs, open streams) are read at scrape time, so they
are the same whichever instance is asked and include the scheduler processes.
"""

from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import os
import time
from collections.abc import Iterator

import sqlalchemy as sa
from flask import Flask, Response, abort, current_app, g, request
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from api.clock import utcnow
from api.extensions import db
from api.models import NOTIFICATION_STATUSES, OPEN_ALERT, Alert, JobRun, LiveStream, Notification, NotificationAttempt
from api.warmup import WARMUP

REQUEST_SECONDS = Histogram(
    "sumbar_http_request_duration_seconds",
    "Time from the request's arrival in the app to its reply's headers, per URL rule",
    ["method", "endpoint", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
CHECKINS_RECEIVED = Counter("sumbar_checkins_received", "Isolation check-ins stored (duplicates not counted)")
ACKNOWLEDGE_SECONDS = Histogram(
    "sumbar_alert_time_to_acknowledge_seconds",
    "From an alert's creation to a responder claiming it",
    buckets=(15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200),
)
# Headers a reverse proxy adds: a request carrying one was relayed, whatever address it came from.
PROXY_HEADERS = ("X-Forwarded-For", "Forwarded", "X-Real-IP")
# A stream row not refreshed for this long belongs to a process that is gone (see api.streams).
STREAM_SEEN_SECONDS = 70


class DatabaseCollector(Collector):
    """Figures read from the database at each scrape (the caller provides the app context)."""

    def collect(self) -> Iterator[Metric]:
        alerts = GaugeMetricFamily(
            "sumbar_alerts_open",
            "Alerts not yet resolved or cancelled, by status and region",
            labels=["status", "region"],
        )
        rows = db.session.execute(
            sa.select(Alert.status, Alert.region_code, sa.func.count())
            .where(sa.text(OPEN_ALERT))
            .group_by(Alert.status, Alert.region_code)
        )
        for status, region, count in rows:
            alerts.add_metric([status, region or "none"], count)
        yield alerts

        runs = CounterMetricFamily("sumbar_job_runs", "Runs of each scheduled job, across schedulers", labels=["job"])
        failures = CounterMetricFamily("sumbar_job_failures", "Failed runs of each scheduled job", labels=["job"])
        last = GaugeMetricFamily(
            "sumbar_job_last_finished_timestamp_seconds", "When each job's latest run ended", labels=["job"]
        )
        for run in db.session.scalars(sa.select(JobRun)):
            runs.add_metric([run.name], run.runs)
            failures.add_metric([run.name], run.failures)
            if run.finished_at is not None:
                last.add_metric([run.name], run.finished_at.timestamp())
        yield from (runs, failures, last)

        yield from notification_metrics()

        since = utcnow() - dt.timedelta(seconds=STREAM_SEEN_SECONDS)
        streams = db.session.scalar(
            sa.select(sa.func.count()).select_from(LiveStream).where(LiveStream.seen_at > since)
        )
        yield GaugeMetricFamily(
            "sumbar_stream_clients", "Live alert streams open on every instance", value=streams or 0
        )
        db.session.rollback()


def notification_metrics() -> Iterator[Metric]:
    """The outbox: notifications by status, attempts that will be retried, the age of the oldest queued one."""
    by_status = GaugeMetricFamily("sumbar_notifications", "Notifications in the outbox, by status", labels=["status"])
    grouped = db.session.execute(sa.select(Notification.status, sa.func.count()).group_by(Notification.status))
    counts: dict[str, int] = dict(grouped.all())
    for status in NOTIFICATION_STATUSES:
        by_status.add_metric([status], counts.get(status, 0))
    yield by_status
    retried = db.session.scalar(
        sa.select(sa.func.count()).select_from(NotificationAttempt).where(NotificationAttempt.outcome == "retry")
    )
    yield CounterMetricFamily(
        "sumbar_notification_retries", "Delivery attempts that failed and were queued again", value=retried or 0
    )
    oldest = db.session.scalar(sa.select(sa.func.min(Notification.created_at)).where(Notification.status == "queued"))
    yield GaugeMetricFamily(
        "sumbar_notification_oldest_queued_seconds",
        "Age of the oldest notification waiting to be sent (0 when none waits)",
        value=max(0.0, (utcnow() - oldest).total_seconds()) if oldest else 0.0,
    )


def exposition() -> bytes:
    """Every process's counters (multiprocess mode when configured) and the database's figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        MultiProcessCollector(processes)  # type: ignore[no-untyped-call]
        counters = generate_latest(processes)
    else:
        counters = generate_latest(REGISTRY)
    from_database = CollectorRegistry(auto_describe=False)
    from_database.register(DatabaseCollector())
    return counters + generate_latest(from_database)


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def holds_metrics_token() -> bool:
    """Whether the request carries the configured metrics token (never true while none is configured)."""
    token = current_app.config.get("METRICS_TOKEN")
    given = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def init_app(app: Flask) -> None:
    @app.before_request
    def start_timer() -> None:
        g.metrics_started = time.perf_counter()

    @app.after_request
    def observe(response: Response) -> Response:
        started = g.get("metrics_started")
        # The process's own warm-up requests (api/warmup.py) are no one's: not counted.
        if started is not None and not request.environ.get(WARMUP):
            endpoint = request.url_rule.rule if request.url_rule else "unmatched"
            REQUEST_SECONDS.labels(request.method, endpoint, str(response.status_code)).observe(
                time.perf_counter() - started
            )
        return response

    def metrics() -> Response:
        if request.headers.get("Authorization"):
            if not holds_metrics_token():
                abort(403)
        # Behind a proxy the forwarded header is present (ProxyFix, if set, has already made remote_addr
        # the client's), so the proxy's own loopback address never opens the door to the internet.
        elif not _is_loopback(request.remote_addr) or any(h in request.headers for h in PROXY_HEADERS):
            abort(404)
        return Response(exposition(), mimetype=CONTENT_TYPE_LATEST)

    app.add_url_rule("/metrics", "metrics", metrics)
