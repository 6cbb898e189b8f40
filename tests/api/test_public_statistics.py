"""The public statistics on one demo load, read only: per-area demo flags, CSV downloads, levels, an area's
situation, conditional requests and compression."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
from typing import Any

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient

from scripts.answers import self_screening_answers
from surveillance.levels import RESIDENT_PRECAUTIONS
from tests.factories import device_headers, situation_reply_of, staff_headers, submit
from tests.module_app import demo_app, module_app

__all__ = ["demo_app", "module_app"]

FLOAT_CELL = re.compile(r"^-?\d+\.\d+$")


@pytest.fixture(scope="module")
def client(demo_app: Flask) -> FlaskClient:
    """One demo load and the shipped instructions for the whole module."""
    return demo_app.test_client()


def series(client: FlaskClient, region: str = "13") -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = client.get(f"/api/v1/cases?region={region}").get_json()
    return rows


PUBLIC = [
    "/api/v1/cases?region=13.71",
    "/api/v1/cases?region=13&format=csv",
    "/api/v1/cases/summary",
    "/api/v1/cases/errata",
    "/api/v1/cases/codebook",
    "/api/v1/regions/13.71/rt",
    "/api/v1/levels",
    "/api/v1/signals",
    "/api/v1/regions",
    "/api/v1/regions/13.71",
    "/api/v1/instructions",
    "/api/v1/instructions?q=psbb",
]


def test_each_area_says_whether_its_figures_are_demo_data(client: FlaskClient) -> None:
    areas = {a["region"]: a for a in client.get("/api/v1/cases/summary").get_json()["areas"]}
    assert len(areas) == 20
    assert all(area["demo"] for area in areas.values())
    assert areas["13"]["name"] == "Provinsi Sumatera Barat"
    # The demo province is the sum of the demo kabupaten/kota.
    assert areas["13"]["cumulative_cases"] == sum(a["cumulative_cases"] for code, a in areas.items() if code != "13")
    assert series(client, "13.71")[0]["demo"] is True
    figure = areas["13.71"]["figures"]["cases_7day_avg"]
    assert set(figure) == {"name", "value", "week_ago", "change", "change_percent", "trend", "good"}
    assert areas["13.71"]["last_updated"]
    assert client.get("/api/v1/cases?region=99").status_code == 404


def test_every_demo_area_has_an_epidemic_shaped_series_never_with_negative_active_cases(
    client: FlaskClient,
) -> None:
    for code in (a["region"] for a in client.get("/api/v1/cases/summary").get_json()["areas"]):
        rows = series(client, code)
        active = [r["active"] for r in rows]
        assert min(active) >= 0, code
        assert all(r["cumulative_recovered"] + r["cumulative_deaths"] <= r["cumulative_cases"] for r in rows), code
        # The largest wave (mid-2021) holds the most active cases, and they drain away after each wave.
        peak = rows[active.index(max(active))]["date"]
        assert "2021-07-01" <= peak <= "2021-09-30", code
        assert active[-1] < max(active) * 0.1, code


def test_csv_downloads_have_a_demo_column_two_decimals_and_true_false(client: FlaskClient) -> None:
    download = client.get("/api/v1/cases?region=13.71&from=2021-08-01&to=2021-08-07&format=csv")
    assert download.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert [r["date"] for r in rows] == [f"2021-08-0{d}" for d in range(1, 8)]
    codebook = [c["field"] for c in client.get("/api/v1/cases/codebook").get_json()]
    assert list(rows[0]) == codebook
    assert {r["demo"] for r in rows} == {"true"}
    assert {r["correction"] for r in rows} == {"false"}
    cells = [value for row in rows for value in row.values()]
    decimals = [cell for cell in cells if FLOAT_CELL.match(cell)]
    assert decimals  # averages, rates and percentages
    assert all(len(cell.split(".")[1]) <= 2 for cell in decimals)
    as_json = client.get("/api/v1/cases?region=13.71&from=2021-08-01&to=2021-08-07").get_json()
    assert [float(r["cases_7day_per_100k"]) for r in rows] == [r["cases_7day_per_100k"] for r in as_json]
    summary = list(csv.DictReader(io.StringIO(client.get("/api/v1/cases/summary?format=csv").get_data(as_text=True))))
    assert len(summary) == 20
    assert {r["demo"] for r in summary} == {"true"}
    assert all(len(c.split(".")[1]) <= 2 for r in summary for c in r.values() if FLOAT_CELL.match(c))


def test_weekly_levels_say_what_is_missing_and_leave_capacity_unknown(client: FlaskClient) -> None:
    body = client.get("/api/v1/levels?week=2021-08-04").get_json()
    assert body["week_end"] == "2021-08-08"
    areas = {a["region"]: a for a in body["areas"]}
    assert len(areas) == 20
    padang = areas["13.71"]
    assert padang["transmission_level"] in (1, 2, 3, 4)
    assert padang["demo"] is True
    assert {"hospital_admissions", "bed_occupancy"} <= set(padang["missing"])
    # Demo data records specimens (so positivity is known) but no beds: capacity stays unknown.
    assert padang["positivity_percent"] is not None
    assert (padang["capacity"], padang["situational_level"]) == (None, None)
    monday = client.get("/api/v1/levels?week=2021-08-02").get_json()
    assert monday["week_end"] == "2021-08-08"
    assert client.get("/api/v1/levels").get_json()["week_end"] == "2022-12-25"


@pytest.fixture
def days_after_the_demo_series(client: FlaskClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three days after the demo series' last day (31 Dec 2022), while its figures are current."""
    monkeypatch.setitem(client.application.config, "CLOCK", lambda: dt.datetime(2023, 1, 3, 3, 0, tzinfo=dt.UTC))


def test_the_situation_of_an_area_in_a_sentence(client: FlaskClient, days_after_the_demo_series: None) -> None:
    assert situation_reply_of("99.99", "id") is None
    situation = situation_reply_of("13.71", "en")
    assert situation is not None
    assert set(situation) == {"region", "name", "week_end", "transmission_level", "cases_7day_per_100k", "demo", "text"}
    assert (situation["region"], situation["name"], situation["week_end"], situation["demo"]) == (
        "13.71",
        "Kota Padang",
        "2022-12-25",
        True,
    )
    assert situation["transmission_level"] in (1, 2, 3, 4)
    assert situation["text"].startswith(
        f"Kota Padang: level {situation['transmission_level']} transmission in the week to 25 Dec 2022 ("
    )
    assert situation["text"].endswith("cases per 100,000 in 7 days). Demo data, not official figures.")
    indonesian = situation_reply_of("13.71", "id")
    assert indonesian is not None
    assert "pada minggu sampai 25 Des 2022" in indonesian["text"]
    assert "kasus per 100.000 penduduk dalam 7 hari" in indonesian["text"]


def test_public_statistics_answer_a_current_copy_with_304(client: FlaskClient) -> None:
    for path in PUBLIC:
        first = client.get(path)
        assert first.status_code == 200, path
        assert first.headers["Cache-Control"] == "public, max-age=60", path
        etag = first.headers["ETag"]
        assert etag.startswith('W/"'), path
        again = client.get(path, headers={"If-None-Match": etag})
        assert again.status_code == 304, path
        assert again.get_data() == b"", path
        assert again.headers["ETag"] == etag, path
        assert client.get(path, headers={"If-None-Match": 'W/"something-else"'}).status_code == 200, path


def test_staff_views_of_signals_are_private(client: FlaskClient) -> None:
    reply = client.get("/api/v1/signals", headers=staff_headers("satgas_provinsi"))
    assert reply.headers["Cache-Control"] == "private, no-cache"
    assert reply.headers["ETag"] != client.get("/api/v1/signals").headers["ETag"]


def test_public_statistics_are_compressed_with_brotli_or_gzip(client: FlaskClient) -> None:
    plain = client.get("/api/v1/cases?region=13")
    assert "Content-Encoding" not in plain.headers
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        packed = client.get("/api/v1/cases?region=13", headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding
        assert "Accept-Encoding" in packed.headers["Vary"]
        assert len(packed.get_data()) < len(plain.get_data()) / 5
        assert json.loads(decode(packed.get_data())) == plain.get_json()
        csv_reply = client.get("/api/v1/cases?region=13&format=csv", headers={"Accept-Encoding": encoding})
        assert csv_reply.headers["Content-Encoding"] == encoding


def test_every_statistics_operation_documents_its_reply(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operations = {
        ("/api/v1/cases", "get"),
        ("/api/v1/cases/summary", "get"),
        ("/api/v1/cases/errata", "get"),
        ("/api/v1/cases/codebook", "get"),
        ("/api/v1/regions/{code}/cases/{day}", "put"),
        ("/api/v1/regions/{code}/cases/{day}", "delete"),
        ("/api/v1/regions/{code}/rt", "get"),
        ("/api/v1/levels", "get"),
        ("/api/v1/signals", "get"),
        ("/api/v1/instructions", "get"),
        ("/api/v1/instructions/{instruction_id}", "get"),
    }
    for path, method in operations:
        operation = spec["paths"][path][method]
        assert operation["summary"], (path, method)
        content = operation["responses"]["200"]["content"]
        assert "schema" in content["application/json"], (path, method)
        if method == "get":
            assert "304" in operation["responses"], (path, method)
    for path in ("/api/v1/cases", "/api/v1/cases/summary"):
        assert spec["paths"][path]["get"]["responses"]["200"]["content"]["text/csv"]["schema"] == {"type": "string"}


def test_a_screening_result_shows_the_situation_its_region_had_when_answered(client: FlaskClient) -> None:
    answers = self_screening_answers(cough=True)
    reply = submit(client, headers=device_headers(), answers=answers, region="13.71", lang="id")
    assert reply.status_code == 201
    assert reply.get_json()["result"]["region_situation"] == situation_reply_of("13.71", "id")


def test_the_advice_names_the_regions_level_and_what_to_do_there(
    client: FlaskClient, days_after_the_demo_series: None
) -> None:
    answers = self_screening_answers(cough=True)
    without = submit(client, headers=device_headers(), answers=answers, lang="en").get_json()["result"]
    placed = submit(client, headers=device_headers(), answers=answers, region="13.71", lang="en").get_json()["result"]
    level = placed["region_situation"]["transmission_level"]
    assert level in RESIDENT_PRECAUTIONS
    assert placed["advice"] == (
        f"{without['advice']} Kota Padang is at transmission level {level}: {RESIDENT_PRECAUTIONS[level]['en']}"
    )
    indonesian = submit(client, headers=device_headers(), answers=answers, region="13.71", lang="id").get_json()
    assert indonesian["result"]["advice"].endswith(
        f"Kota Padang sedang di transmisi level {level}: {RESIDENT_PRECAUTIONS[level]['id']}"
    )


def test_old_figures_are_told_as_old_and_the_advice_claims_no_present_level(client: FlaskClient) -> None:
    # The demo series ends on 31 Dec 2022, years before the clock's today.
    situation = situation_reply_of("13.71", "en")
    assert situation is not None
    assert situation["text"].endswith(
        "cases per 100,000 in 7 days). Data until 31 Dec 2022; publication stopped: the present situation is "
        "unknown. Demo data, not official figures."
    )
    indonesian = situation_reply_of("13.71", "id")
    assert indonesian is not None
    assert "Data sampai 31 Des 2022; publikasi berhenti: situasi sekarang tidak diketahui." in indonesian["text"]
    answers = self_screening_answers(cough=True)
    without = submit(client, headers=device_headers(), answers=answers, lang="id").get_json()["result"]
    placed = submit(client, headers=device_headers(), answers=answers, region="13.71", lang="id").get_json()["result"]
    assert placed["advice"] == without["advice"]
    assert "sedang" not in placed["advice"]
    assert placed["region_situation"]["text"] == indonesian["text"]
