"""Personal data stays out of caches and out of other users' reach: no-store replies, an owner-only database."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from api.extensions import db
from scripts.answers import self_screening_answers
from tests.factories import device_headers, staff, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)


def _operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [
        (method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    ]
    # Sign-out and erasure last: they end the credentials the others use.
    return sorted(found, key=lambda op: op[0] == "delete" and op[1] in ("/api/v1/auth/token", "/api/v1/devices/me"))


def test_every_reply_with_personal_data_or_a_token_is_no_store(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    phone = device_headers()
    admin = staff_headers("admin")
    answers = self_screening_answers(fever=True, contact_with_case=True)
    screening = client.post(
        "/api/v1/questionnaires/self-screening/responses", json={"answers": answers, "region": "13.71"}, headers=phone
    ).get_json()
    alert = client.post("/api/v1/alerts", json={"category": "medical", "phone": "0812 1"}, headers=phone).get_json()
    episode = client.post(
        "/api/v1/isolations", json={"screening_response_id": screening["id"], "name": "Rina"}, headers=phone
    ).get_json()
    values = {
        "alert_id": alert["id"],
        "episode_id": episode["id"],
        "response_id": screening["id"],
        "questionnaire_id": "self-screening",
        "code": "13.71",
        "day": "2021-07-09",
        "instruction_id": "1",
        "user_id": str(staff("editor").id),
        "notification_id": "1",
        "subscription_id": "1",
    }
    spec = client.get("/api/v1/openapi.json").get_json()
    checked: dict[tuple[str, str], int] = {}
    for method, template, operation in _operations(spec):
        schemes = {name for requirement in operation.get("security") or [] for name in requirement}
        if not schemes and template not in ("/api/v1/devices", "/api/v1/auth/token"):
            continue  # public: statistics say how long they may be kept
        path = re.sub(r"{(\w+)}", lambda m: values[m.group(1)], template)
        headers = phone if "deviceToken" in schemes else admin
        body = {} if method in ("post", "put", "patch") else None
        reply = client.open(path, method=method.upper(), json=body, headers=headers, buffered=False)
        assert "no-store" in reply.headers.get("Cache-Control", ""), (method, template, reply.status_code)
        checked[(method, template)] = reply.status_code
        reply.close()
    assert len(checked) > 35
    # The replies that matter most were real answers, not refusals.
    for key in [
        ("get", "/api/v1/devices/me/data"),
        ("get", "/api/v1/alerts"),
        ("get", "/api/v1/alerts/{alert_id}"),
        ("get", "/api/v1/isolations/{episode_id}"),
        ("get", "/api/v1/screening-responses"),
        ("get", "/api/v1/questionnaires/{questionnaire_id}/responses/{response_id}"),
        ("get", "/api/v1/alerts/stream"),
    ]:
        assert checked[key] == 200, key
    # Public statistics are still kept for a minute.
    assert client.get("/api/v1/cases/summary").headers["Cache-Control"] == "public, max-age=60"


def test_the_sqlite_database_and_its_wal_and_shm_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "sumbar.sqlite3"
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE t (x TEXT)"))
            connection.execute(sa.text("INSERT INTO t VALUES ('0812 1111 2222')"))
        files = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert [stat.S_IMODE(os.stat(f).st_mode) for f in files] == [0o600] * 3
        db.engine.dispose()


def test_a_database_made_readable_by_others_before_is_closed_to_them_on_connecting(tmp_path: Path) -> None:
    path = tmp_path / "older.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{path}"})
    with app.app_context():
        with db.engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE t (x TEXT)"))
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        assert stat.S_IMODE(os.stat(f"{path}-wal").st_mode) == 0o600
        db.engine.dispose()
