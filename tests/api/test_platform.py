"""Health checks, the OpenAPI document, offline docs, JSON errors on unknown API paths, jobs and demo data."""

from __future__ import annotations

import os
import re
import runpy
import secrets
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api import create_app
from api.extensions import db
from api.models import BedReport, ScreeningResponse, StaffUser


def test_health_and_readiness(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert (ready["status"], ready["database"]) == ("ok", "ok")


def test_openapi_document_describes_the_api(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/questionnaires/{questionnaire_id}/responses" in spec["paths"]
    assert {"staffToken", "deviceToken"} <= set(spec["components"]["securitySchemes"])


def test_docs_page_loads_its_assets_from_this_server(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets
    assert all(a.startswith("/api/v1/docs/assets/") for a in assets)
    for asset in assets:
        with client.get(asset) as reply:
            assert reply.status_code == 200
    assert client.get("/api/v1/docs/assets/../../etc/passwd").status_code == 404


def test_unknown_api_paths_get_a_json_404(client: FlaskClient) -> None:
    reply = client.get("/api/v1/no-such-thing")
    assert reply.status_code == 404
    assert reply.get_json()["code"] == 404
    assert client.delete("/api/v1/regions").status_code == 405


def test_jobs_run_by_hand(runner: FlaskCliRunner) -> None:
    assert "purge_staff_tokens: 0" in runner.invoke(args=["jobs", "run", "purge_staff_tokens"]).output
    assert runner.invoke(args=["jobs", "run", "nope"]).exit_code != 0


def test_demo_data_loads_once(runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    counts = (
        db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)),
        db.session.scalar(sa.select(sa.func.count()).select_from(ScreeningResponse)),
        db.session.scalar(sa.select(sa.func.count()).select_from(BedReport)),
    )
    runner.invoke(args=["demo", "load"])
    again = (
        db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)),
        db.session.scalar(sa.select(sa.func.count()).select_from(ScreeningResponse)),
        db.session.scalar(sa.select(sa.func.count()).select_from(BedReport)),
    )
    # The demo's staff and the demo hospital's account; two weeks of reports from each of the 77 hospitals (every
    # area's series is demo here).
    assert counts == again == (6, 120, 77 * 14)


def test_device_registration_is_bounded_per_address(app: Flask, client: FlaskClient) -> None:
    app.config["DEVICE_REGISTRATION_LIMIT"] = "3 per minute"
    codes = [client.post("/api/v1/devices", json={}).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]


def test_the_database_pool_follows_the_workers_real_thread_count(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # reading the settings must not set it here
    settings = runpy.run_path(str(Path(__file__).resolve().parents[2] / "gunicorn.conf.py"))
    monkeypatch.setenv("WEB_THREADS", "16")
    # Started as `gunicorn --threads 32` with WEB_THREADS left at 16: the hook corrects it in each worker.
    settings["post_fork"](SimpleNamespace(cfg=SimpleNamespace(threads=32)), None)
    assert os.environ["WEB_THREADS"] == "32"
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none",
            "SECRET_KEY": secrets.token_urlsafe(48),
        }
    )
    assert app.config["SQLALCHEMY_ENGINE_OPTIONS"]["pool_size"] == 36
    assert app.config["STREAMS_PER_WORKER"] == 8
