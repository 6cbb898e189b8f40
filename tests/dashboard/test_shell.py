"""The dashboard shell on the API's server: page, layout, and a page callback in both languages."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dashboard.app import init_dashboard


@pytest.fixture
def site(app: Flask) -> FlaskClient:
    init_dashboard(app)
    return app.test_client()


def run_callback(site: FlaskClient, output_id: str, prop: str, inputs: list[dict[str, Any]]) -> Any:
    body = {
        "output": f"{output_id}.{prop}",
        "outputs": {"id": output_id, "property": prop},
        "inputs": inputs,
        "changedPropIds": [],
        "state": [],
    }
    reply = site.post("/_dash-update-component", json=body)
    assert reply.status_code == 200, reply.get_data(as_text=True)
    return reply.get_json()["response"][output_id][prop]


def test_the_dashboard_is_served_at_the_root_beside_the_api(site: FlaskClient) -> None:
    page = site.get("/")
    assert page.status_code == 200
    assert "text/html" in page.content_type
    assert site.get("/api/v1/regions").is_json
    layout = site.get("/_dash-layout").get_data(as_text=True)
    assert '"lang-switch"' in layout
    assert '"nav"' in layout


def test_the_data_page_lists_the_regions_in_the_chosen_language(site: FlaskClient) -> None:
    inputs = [
        {"id": "lang", "property": "data", "value": "en"},
        {"id": "data-page", "property": "id", "value": "data-page"},
    ]
    english = str(run_callback(site, "data-page", "children", inputs))
    assert "Kota Padang" in english
    assert "Population 2020" in english
    assert "909,040" in english
    inputs[0]["value"] = "id"
    indonesian = str(run_callback(site, "data-page", "children", inputs))
    assert "Penduduk 2020" in indonesian
    assert "909.040" in indonesian


def test_the_summary_renders_before_any_case_data_exists(site: FlaskClient) -> None:
    outputs = [("demo-banner", "children"), ("summary-cards", "children"), ("chart-cases", "figure"),
               ("chart-active", "figure"), ("chart-deaths", "figure"), ("summary-alt", "children")]  # fmt: skip
    body = {
        "output": ".." + "...".join(f"{name}.{prop}" for name, prop in outputs) + "..",
        "outputs": [{"id": name, "property": prop} for name, prop in outputs],
        "inputs": [
            {"id": "my-region-select", "property": "value", "value": "13"},
            {"id": "lang", "property": "data", "value": "en"},
        ],
        "changedPropIds": [],
        "state": [],
    }
    reply = site.post("/_dash-update-component", json=body)
    assert reply.status_code == 200, reply.get_data(as_text=True)
    assert reply.get_json()["response"]["summary-alt"]["children"] == "No data yet."
