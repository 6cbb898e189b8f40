"""Public callbacks that follow only from their inputs and the case data are answered from a copy until the
case data change."""

from __future__ import annotations

from typing import Any

import pytest
from dash import get_app
from flask import Flask
from flask.testing import FlaskClient

from dashboard import data
from dashboard.app import init_dashboard
from dashboard.case_data_replies import ReplyCopies, is_case_data_only
from tests.factories import staff_headers
from tests.module_app import module_app

__all__ = ["module_app"]


@pytest.fixture(scope="module")
def site(module_app: Flask) -> FlaskClient:
    init_dashboard(module_app)
    client = module_app.test_client()
    client.get("/_dash-dependencies")
    return client


def summary_request(region: str, lang: str) -> dict[str, Any]:
    key, spec = next((k, s) for k, s in get_app().callback_map.items() if "summary-cards.children" in k)
    assert is_case_data_only(spec["callback"])
    outputs = [{"id": o.component_id, "property": o.component_property} for o in spec["output"]]
    values = {"my-region-select": region, "lang": lang}
    inputs = [{"id": d["id"], "property": d["property"], "value": values[d["id"]]} for d in spec["inputs"]]
    return {"output": key, "outputs": outputs, "inputs": inputs, "state": [], "changedPropIds": ["lang.data"]}


def test_a_summary_is_built_once_per_case_data_version_and_request(
    site: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    series = data.case_series

    def counted(region: str) -> list[dict[str, Any]]:
        built.append(region)
        return series(region)

    monkeypatch.setattr(data, "case_series", counted)
    first = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    again = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    assert first.status_code == again.status_code == 200
    assert again.get_data() == first.get_data()
    assert built == ["13.71"]  # the second reply was the copy
    english = site.post("/_dash-update-component", json=summary_request("13.71", "en"))
    assert english.get_data() != first.get_data()
    assert built == ["13.71", "13.71"]  # another language is another request
    figures = {"new_cases": 7, "new_recovered": 0, "new_deaths": 0}
    entered = site.put("/api/v1/regions/13.71/cases/2021-07-01", json=figures, headers=staff_headers("admin"))
    assert entered.status_code == 200
    after = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    assert built == ["13.71", "13.71", "13.71"]  # new figures: built again
    assert after.get_data() != first.get_data()


def test_copies_are_kept_per_version_and_the_oldest_goes_first() -> None:
    copies = ReplyCopies(size=2)
    copies.put("a", "v1", b"A")
    copies.put("b", "v1", b"B")
    assert copies.get("a", "v1") == b"A"
    assert copies.get("a", "v2") is None  # made from other figures
    copies.put("c", "v1", b"C")  # "b" was used least recently
    assert (copies.get("a", "v1"), copies.get("b", "v1"), copies.get("c", "v1")) == (b"A", None, b"C")
    assert ReplyCopies.key({"output": "x", "inputs": [1], "state": []}) != ReplyCopies.key(
        {"output": "x", "inputs": [2]}
    )
