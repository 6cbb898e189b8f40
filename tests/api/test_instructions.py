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


def test_every_shipped_instruction_has_an_indonesian_and_an_english_summary(client: FlaskClient, shipped: None) -> None:
    items = client.get("/api/v1/instructions").get_json()
    assert all(item["summary"] and item["summary_en"] for item in items)
    psbb = next(item for item in items if item["number"] == "360/051/COVID-19-SBR/IV-2020")
    assert psbb["summary"].startswith("Menginstruksikan bupati dan wali kota")
    assert psbb["summary_en"].startswith("Instructs regents and mayors")
    assert [i["number"] for i in client.get("/api/v1/instructions?q=regents mayors").get_json()] == [psbb["number"]]


def test_an_instruction_naming_an_unknown_region_is_refused_per_field(client: FlaskClient) -> None:
    body = {"number": "x/2", "type": "instruksi", "title": "t", "regions": ["13.71", "13.99"]}
    reply = client.post("/api/v1/instructions", json=body, headers={**staff_headers("editor"), "Accept-Language": "en"})
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["json"]["regions"] == ["Unknown region codes: 13.99."]
    assert client.get("/api/v1/instructions?drafts=true", headers=staff_headers("editor")).get_json() == []
    draft = client.post("/api/v1/instructions", json={**body, "regions": ["13.71"]}, headers=staff_headers("editor"))
    assert draft.status_code == 201
    patch = client.patch(
        f"/api/v1/instructions/{draft.get_json()['id']}", json={"regions": ["12.01"]}, headers=staff_headers("editor")
    )
    assert patch.status_code == 422


@pytest.mark.parametrize("field", ["issued_on", "effective_from", "effective_until"])
def test_an_instruction_dated_in_year_1_is_refused(client: FlaskClient, field: str) -> None:
    body = {"number": "x/3", "type": "instruksi", "title": "t", field: "0001-01-01"}
    reply = client.post("/api/v1/instructions", json=body, headers=staff_headers("editor"))
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["json"][field] == ["Tanggal tidak masuk akal (harus antara tahun 2000 dan 2100)."]
    assert client.get("/api/v1/instructions?drafts=true", headers=staff_headers("editor")).get_json() == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/instructions/99999999999999999999999",
        "/api/v1/instructions/2147483648",
        "/api/v1/instructions/0",
        "/api/v1/instructions/99999999999999999999999/publish",
    ],
)
def test_ids_past_what_the_database_holds_are_simply_not_found(client: FlaskClient, path: str) -> None:
    reply = client.get(path) if not path.endswith("publish") else client.post(path, headers=staff_headers("editor"))
    assert reply.status_code == 404
    assert reply.get_json()["code"] == 404


def test_a_superseded_id_past_64_bits_is_refused(client: FlaskClient) -> None:
    body = {"number": "x/3", "type": "instruksi", "title": "t", "supersedes_id": 99999999999999999999999}
    reply = client.post("/api/v1/instructions", json=body, headers=staff_headers("editor"))
    assert reply.status_code == 422
    assert "supersedes_id" in reply.get_json()["errors"]["json"]
