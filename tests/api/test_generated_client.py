"""A mobile team's view of the contract: a client generated from the spec (openapi-python-client) runs the
resident's journey against the app, and every reply parses into its typed model."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from flask import Flask

from scripts.answers import self_screening_answers
from tests.factories import staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture
def generated(app: Flask, tmp_path: Path) -> Iterator[ModuleType]:
    """Generates the client from the app's own spec and imports it."""
    spec_path = tmp_path / "openapi.json"
    spec_path.write_text(json.dumps(app.test_client().get("/api/v1/openapi.json").get_json()))
    env = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(spec_path),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "sumbar_client"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("sumbar_client")
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "sumbar_client" or n.startswith("sumbar_client.")]:
            del sys.modules[name]
        shutil.rmtree(tmp_path / "sumbar_client", ignore_errors=True)


def call(module: str, client: Any, **kwargs: Any) -> Any:
    """Calls one generated operation and returns its parsed reply (failing on an undeclared status)."""
    operation = importlib.import_module(f"sumbar_client.api.{module}")
    reply = operation.sync_detailed(client=client, **kwargs)
    assert reply.parsed is not None, (module, reply.status_code, reply.content[:300])
    return reply


def test_the_resident_journey_through_a_generated_client(app: Flask, generated: ModuleType) -> None:
    app.config["CLOCK"] = lambda: NOW
    models = importlib.import_module("sumbar_client.models")
    transport = httpx.WSGITransport(app=app)
    anonymous = generated.Client(base_url="http://testserver", httpx_args={"transport": transport})

    device = call("devices.post_devices", anonymous, body=models.DeviceCreate.from_dict({"platform": "web"})).parsed
    phone = generated.AuthenticatedClient(
        base_url="http://testserver", token=device.token, httpx_args={"transport": transport}
    )
    listed = call("questionnaires.get_questionnaires", anonymous).parsed
    assert "self-screening" in [q.id for q in listed]
    definition = call("questionnaires.get_questionnaire_by_id", anonymous, questionnaire_id="self-screening").parsed
    assert any(q.show_if is not None for q in definition.questions)

    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    body = models.ScreeningAnswers.from_dict({"answers": answers, "region": "13.71"})
    screening = call("questionnaires.post_responses", phone, questionnaire_id="self-screening", body=body)
    assert screening.status_code == 201
    assert screening.parsed.result.category == "suspect"
    assert screening.parsed.result.hotlines[0].number

    episode = call(
        "isolations.post_isolations",
        phone,
        body=models.IsolationCreate.from_dict({"screening_response_id": str(screening.parsed.id)}),
    ).parsed
    assert (episode.region, episode.reason) == ("13.71", "suspect")

    checkin = models.Checkin.from_dict({"measured_at": "2021-07-10T08:00:00+07:00", "spo2": 92, "client_id": "c1"})
    first = call("isolations.post_checkins", phone, episode_id=episode.id, body=checkin)
    again = call("isolations.post_checkins", phone, episode_id=episode.id, body=checkin)
    # A re-sent check-in is a declared 200, read as a reply and not as an error that the app would retry.
    assert (first.status_code, again.status_code) == (201, 200)
    assert (first.parsed.triage, again.parsed.duplicate) == ("urgent", True)

    press = call("alerts.post_alerts", phone, body=models.AlertCreate.from_dict({"category": "breathing"}))
    assert press.status_code == 201
    assert press.parsed.expected_response_minutes == 5
    status = call("alerts.get_alert_by_id", phone, alert_id=press.parsed.id).parsed
    assert status.status == "new"
    mine = call("privacy.get_device_data", phone).parsed
    assert len(mine.alerts) == 1


def test_a_generated_client_downloads_one_regions_case_series_as_csv(app: Flask, generated: ModuleType) -> None:
    app.config["CLOCK"] = lambda: NOW
    editor = staff_headers("editor")
    with app.test_client() as client:
        for day in ("2021-07-08", "2021-07-09"):
            body = {"new_cases": 12, "new_deaths": 1, "new_recovered": 3}
            assert client.put(f"/api/v1/regions/13.71/cases/{day}", json=body, headers=editor).status_code == 200
    anonymous = generated.Client(base_url="http://testserver", httpx_args={"transport": httpx.WSGITransport(app=app)})

    download = call("cases.get_cases_csv", anonymous, region="13.71", from_=dt.date(2021, 7, 8))
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.parsed)))
    assert [(row["region"], row["date"], row["new_cases"]) for row in rows] == [
        ("13.71", "2021-07-08", "12"),
        ("13.71", "2021-07-09", "12"),
    ]
    # The JSON operation stays typed: the same rows as models.
    series = call("cases.get_cases", anonymous, region="13.71", from_=dt.date(2021, 7, 8)).parsed
    assert [row.new_cases for row in series] == [12, 12]
