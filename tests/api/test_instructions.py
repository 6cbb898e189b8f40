"""Governor instructions: shipped records, public search, editing and publishing by editors only."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient, FlaskCliRunner

from tests.factories import staff_headers


@pytest.fixture
def shipped(runner: FlaskCliRunner) -> None:
    assert "12 inserted" in runner.invoke(args=["reference", "instructions"]).output


def test_the_shipped_instruments_are_published_newest_first(client: FlaskClient, shipped: None) -> None:
    items = client.get("/api/v1/instructions").get_json()
    assert len(items) == 12
    dated = [i["issued_on"] or i["effective_from"] for i in items if i["issued_on"] or i["effective_from"]]
    assert dated == sorted(dated, reverse=True)
    assert any(i["number"] == "061/978/SE/2020" for i in items)


def test_search_by_number_and_by_words_of_the_title(client: FlaskClient, shipped: None) -> None:
    assert [i["number"] for i in client.get("/api/v1/instructions?q=061/978").get_json()] == ["061/978/SE/2020"]
    found = client.get("/api/v1/instructions?q=psbb pedoman").get_json()
    assert [i["number"] for i in found] == ["20 Tahun 2020"]
    assert client.get("/api/v1/instructions?q=tidak-ada-kata-ini").get_json() == []


def test_editors_draft_and_publish_and_the_public_sees_only_published(client: FlaskClient) -> None:
    editor = staff_headers("editor")
    body = {
        "number": "360/001/SE/2021",
        "type": "surat edaran",
        "title": "Uji coba pembelajaran tatap muka",
        "effective_from": "2021-07-01",
        "effective_until": "2021-07-31",
        "regions": ["13.71"],
        "body": "Sekolah dibuka.",
    }
    draft = client.post("/api/v1/instructions", json=body, headers=editor)
    assert draft.status_code == 201
    assert draft.get_json()["status"] == "draft"
    number = draft.get_json()["id"]
    assert client.get("/api/v1/instructions").get_json() == []
    assert client.get(f"/api/v1/instructions/{number}").status_code == 404
    assert client.post(f"/api/v1/instructions/{number}/publish", headers=editor).get_json()["status"] == "published"
    assert [i["number"] for i in client.get("/api/v1/instructions?q=sekolah").get_json()] == ["360/001/SE/2021"]
    assert client.post("/api/v1/instructions", json=body, headers=editor).status_code == 409
    backwards = client.patch(f"/api/v1/instructions/{number}", json={"effective_until": "2021-06-01"}, headers=editor)
    assert backwards.status_code == 422


def test_only_editors_manage_instructions(client: FlaskClient) -> None:
    body = {"number": "x/1", "type": "instruksi", "title": "t"}
    assert client.post("/api/v1/instructions", json=body).status_code == 401
    assert client.post("/api/v1/instructions", json=body, headers=staff_headers("satgas_provinsi")).status_code == 403
    assert (
        client.post("/api/v1/instructions", json={**body, "type": "memo"}, headers=staff_headers("editor")).status_code
        == 422
    )
