"""What an operator sees: /metrics (loopback or token only), request ids in replies and errors, JSON logs."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from api import create_app
from api.extensions import db
from api.jobs import Job
from api.logs import JSONFormatter
from api.scheduling import run_scheduled
from tests.factories import device_headers, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
OUTSIDE = {"REMOTE_ADDR": "203.0.113.5"}


@contextlib.contextmanager
def another_app(database_url: str, **config: object) -> Iterator[Flask]:
    """An app with settings of its own on the test database, its connections closed afterwards."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, **config})
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def scrape(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    reply = client.get("/metrics")
    assert reply.status_code == 200
    assert reply.content_type.startswith("text/plain")
    return samples(reply.get_data(as_text=True))


def value(figures: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return figures.get((name, tuple(sorted(labels.items()))), 0.0)


# --- who may read /metrics ------------------------------------------------------------------------------


def test_metrics_answer_loopback_and_nobody_else_without_the_token(client: FlaskClient) -> None:
    assert client.get("/metrics").status_code == 200
    assert client.get("/metrics", environ_base=OUTSIDE).status_code == 404
    # The proxy on this machine relays an outside caller: loopback address, but not a loopback caller.
    assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 404
    assert client.get("/metrics", headers={"Forwarded": "for=203.0.113.5"}).status_code == 404


def test_the_metrics_token_opens_them_from_anywhere_and_a_wrong_one_does_not(app: Flask, client: FlaskClient) -> None:
    assert client.get("/metrics", environ_base=OUTSIDE, headers={"Authorization": "Bearer x"}).status_code == 403
    app.config["METRICS_TOKEN"] = "s3cret-scrape-token"
    good = {"Authorization": "Bearer s3cret-scrape-token"}
    assert client.get("/metrics", environ_base=OUTSIDE, headers=good).status_code == 200
    assert client.get("/metrics", environ_base=OUTSIDE, headers={"Authorization": "Bearer nope"}).status_code == 403
    assert (
        client.get("/metrics", environ_base=OUTSIDE, headers={"Authorization": "s3cret-scrape-token"}).status_code
        == 403
    )


def test_behind_a_trusted_proxy_the_forwarded_client_is_the_caller(database_url: str) -> None:
    with another_app(database_url, PROXY_HOPS=1) as app:
        client = app.test_client()
        assert client.get("/metrics", headers={"X-Forwarded-For": "203.0.113.5"}).status_code == 404
        assert client.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 404
        assert client.get("/metrics").status_code == 200


# --- what they say --------------------------------------------------------------------------------------


def test_request_latency_is_counted_per_url_rule_not_per_path(client: FlaskClient) -> None:
    rule = "/api/v1/alerts/<uuid:alert_id>"
    before = value(
        scrape(client), "sumbar_http_request_duration_seconds_count", method="GET", endpoint=rule, status="401"
    )
    for alert_id in ("8d7a0c0e-4f5d-4a8e-9f43-2b1c3c4d5e6f", "0b9e2a8c-1d3f-4e5a-8b7c-6d5e4f3a2b1c"):
        assert client.get(f"/api/v1/alerts/{alert_id}").status_code == 401
    figures = scrape(client)
    after = value(figures, "sumbar_http_request_duration_seconds_count", method="GET", endpoint=rule, status="401")
    assert after == before + 2
    assert not any("8d7a0c0e" in str(labels) for _, labels in figures)


def test_alerts_open_by_status_and_region_and_time_to_acknowledge(client: FlaskClient) -> None:
    acknowledged_before = value(scrape(client), "sumbar_alert_time_to_acknowledge_seconds_count")
    for _ in range(2):
        client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    alert = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.06"}, headers=device_headers())
    staff = staff_headers("satgas_provinsi")
    assert client.post(f"/api/v1/alerts/{alert.get_json()['id']}/claim", json={}, headers=staff).status_code == 200
    figures = scrape(client)
    assert value(figures, "sumbar_alerts_open", status="new", region="13.71") == 2
    assert value(figures, "sumbar_alerts_open", status="acknowledged", region="13.06") == 1
    assert value(figures, "sumbar_alerts_open", status="new", region="13.06") == 0
    assert value(figures, "sumbar_alert_time_to_acknowledge_seconds_count") == acknowledged_before + 1


def test_checkins_received_count_new_ones_only(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    headers = device_headers()
    episode = client.post(
        "/api/v1/isolations",
        json={"reason": "confirmed_symptomatic", "start_date": "2021-07-07", "region": "13.71"},
        headers=headers,
    ).get_json()["id"]
    before = value(scrape(client), "sumbar_checkins_received_total")
    one = {"measured_at": NOW.isoformat(), "spo2": 97, "client_id": "a"}
    url = f"/api/v1/isolations/{episode}/checkins"
    assert client.post(url, json=one, headers=headers).status_code == 201
    assert client.post(url, json=one, headers=headers).status_code == 200
    queue = [one, {**one, "client_id": "b"}, {**one, "client_id": "c"}]
    assert client.post(url + "/batch", json=queue, headers=headers).status_code == 201
    assert value(scrape(client), "sumbar_checkins_received_total") == before + 3


def test_job_runs_and_failures_across_schedulers(app: Flask, client: FlaskClient) -> None:
    def broken() -> None:
        raise RuntimeError("boom")

    jobs = {"tidy": Job(lambda: 0, "interval", {"minutes": 1}), "broken": Job(broken, "interval", {"minutes": 1})}
    for minute in range(3):
        for name in jobs:
            run_scheduled(app, name, jobs, now=NOW + dt.timedelta(minutes=minute))
    figures = scrape(client)
    assert value(figures, "sumbar_job_runs_total", job="tidy") == 3
    assert value(figures, "sumbar_job_failures_total", job="tidy") == 0
    assert value(figures, "sumbar_job_failures_total", job="broken") == 3
    assert value(figures, "sumbar_job_last_finished_timestamp_seconds", job="tidy") > 0


def test_stream_clients_are_zero_when_none_is_open(client: FlaskClient) -> None:
    assert value(scrape(client), "sumbar_stream_clients") == 0


# --- request ids ------------------------------------------------------------------------------------------


def test_every_reply_names_its_request_and_errors_carry_the_same_id(client: FlaskClient) -> None:
    reply = client.get("/api/v1/regions")
    assert re.fullmatch(r"[0-9a-f]{32}", reply.headers["X-Request-ID"])
    refused = client.post("/api/v1/alerts", json={"category": "medical"})
    assert refused.status_code == 401
    assert refused.get_json()["request_id"] == refused.headers["X-Request-ID"]
    invalid = client.post("/api/v1/alerts", json={"category": "nope"}, headers=device_headers())
    assert invalid.status_code == 422
    assert invalid.get_json()["request_id"] == invalid.headers["X-Request-ID"]
    assert invalid.get_json()["errors"]


def test_a_proxys_request_id_is_kept_and_an_unsafe_one_replaced(database_url: str) -> None:
    with another_app(database_url, PROXY_HOPS=1) as app:
        client = app.test_client()
        kept = client.get("/api/v1/regions", headers={"X-Request-ID": "nginx-5f2b9c0e7d1a4b3c"})
        assert kept.headers["X-Request-ID"] == "nginx-5f2b9c0e7d1a4b3c"
        for unsafe in ("x", "a b c d e f g h", "<script>alert(1)</script>", "z" * 65, "semi;colon-12345678"):
            reply = client.get("/api/v1/regions", headers={"X-Request-ID": unsafe})
            assert reply.headers["X-Request-ID"] != unsafe
            assert re.fullmatch(r"[0-9a-f]{32}", reply.headers["X-Request-ID"])


def test_a_request_id_sent_without_a_trusted_proxy_is_replaced(client: FlaskClient) -> None:
    reply = client.get("/api/v1/regions", headers={"X-Request-ID": "chosen-by-the-client"})
    assert reply.headers["X-Request-ID"] != "chosen-by-the-client"
    assert re.fullmatch(r"[0-9a-f]{32}", reply.headers["X-Request-ID"])


def test_a_request_id_from_an_address_that_is_not_the_proxys_is_replaced(database_url: str) -> None:
    with another_app(database_url, PROXY_HOPS=1, PROXY_ADDRESSES="10.0.0.5") as app:
        client = app.test_client()  # connects from 127.0.0.1, not from the proxy's 10.0.0.5
        direct = client.get("/api/v1/regions", headers={"X-Request-ID": "chosen-by-the-client"})
        assert direct.headers["X-Request-ID"] != "chosen-by-the-client"
        proxied = client.get(
            "/api/v1/regions",
            headers={"X-Request-ID": "nginx-5f2b9c0e7d1a4b3c"},
            environ_base={"REMOTE_ADDR": "10.0.0.5"},
        )
        assert proxied.headers["X-Request-ID"] == "nginx-5f2b9c0e7d1a4b3c"


# --- JSON logs --------------------------------------------------------------------------------------------


def test_json_logs_have_a_line_per_request_without_paths_or_personal_data(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with (
        another_app(database_url, LOG_FORMAT="json", PROXY_HOPS=1) as app,
        caplog.at_level(logging.INFO, logger="api.requests"),
    ):
        client = app.test_client()
        reply = client.get(
            "/api/v1/alerts/8d7a0c0e-4f5d-4a8e-9f43-2b1c3c4d5e6f?phone=081234567890",
            headers={"X-Request-ID": "trace-0001-abcdef"},
        )
    [record] = [r for r in caplog.records if r.name == "api.requests"]
    line = json.loads(JSONFormatter().format(record))
    assert line["request_id"] == "trace-0001-abcdef" == reply.headers["X-Request-ID"]
    assert (line["method"], line["endpoint"], line["status"]) == ("GET", "/api/v1/alerts/<uuid:alert_id>", 401)
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float)
    text = json.dumps(line)
    assert "081234567890" not in text
    assert "8d7a0c0e" not in text
    assert "127.0.0.1" not in text
