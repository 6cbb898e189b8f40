"""A bug in a dashboard callback is a server error with its traceback in the log, never a refusal of the
visitor's input."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dashboard import data
from dashboard.app import init_dashboard
from tests.module_app import module_app

__all__ = ["module_app"]
REGION_CHOICES = {
    "output": "..my-region-select.options...summary-title.children...my-region-label.children..."
    "my-region-select.labels..",
    "outputs": [
        {"id": "my-region-select", "property": "options"},
        {"id": "summary-title", "property": "children"},
        {"id": "my-region-label", "property": "children"},
        {"id": "my-region-select", "property": "labels"},
    ],
    "inputs": [
        {"id": "lang", "property": "data", "value": "id"},
        {"id": "summary-title", "property": "id", "value": "summary-title"},
    ],
    "state": [],
    "changedPropIds": ["lang.data"],
}


@pytest.fixture(scope="module")
def site(module_app: Flask) -> FlaskClient:
    init_dashboard(module_app)
    client = module_app.test_client()
    client.get("/_dash-dependencies")
    return client


def test_a_callback_that_works_answers_200(site: FlaskClient) -> None:
    assert site.post("/_dash-update-component", json=REGION_CHOICES).status_code == 200


def test_a_bug_in_a_callback_is_a_500_with_its_traceback_in_the_log(
    site: FlaskClient, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def planted_bug() -> Any:
        return "regions " + 19  # type: ignore[operator]

    monkeypatch.setattr(data, "area_names", planted_bug)
    with caplog.at_level(logging.ERROR):
        reply = site.post("/_dash-update-component", json=REGION_CHOICES)
    assert reply.status_code == 500
    assert reply.get_json()["code"] == 500
    assert "planted_bug" not in reply.get_data(as_text=True)  # the traceback is for the log, not the visitor
    logged = [r for r in caplog.records if r.levelno == logging.ERROR and r.exc_info]
    assert logged, "no ERROR record with a traceback"
    error = logged[0].exc_info[1]  # type: ignore[index]
    assert isinstance(error, TypeError)
