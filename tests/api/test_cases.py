"""Case data: imports of real and broken files, staff entry, public series, summary, CSV downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.extensions import db
from api.models import CaseAudit, CaseRecord
from tests.factories import staff_headers
from tests.paths import REAL_CSV, REAL_JSON, needs_real


def stored() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(CaseRecord)) or 0


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@needs_real
def test_the_real_provincial_series_imports_with_its_published_totals(
    runner: FlaskCliRunner, client: FlaskClient
) -> None:
    result = runner.invoke(args=["cases", "import", str(REAL_JSON)])
    assert result.exit_code == 0, result.output
    assert "919 inserted" in result.output
    last = client.get("/api/v1/cases?region=13&from=2022-09-30").get_json()[-1]
    assert (last["date"], last["cumulative_cases"], last["cumulative_deaths"]) == ("2022-09-30", 83866, 1918)
    assert last["active"] == 166
    peak = max(client.get("/api/v1/cases?region=13").get_json(), key=lambda r: r["cases_7day_per_100k"] or 0)
    assert (peak["date"], round(peak["cases_7day_per_100k"])) == ("2021-08-04", 96)


@needs_real
def test_reimporting_the_same_series_as_csv_changes_nothing(runner: FlaskCliRunner) -> None:
    runner.invoke(args=["cases", "import", str(REAL_JSON)])
    again = runner.invoke(args=["cases", "import", str(REAL_CSV)])
    assert "0 inserted, 0 updated, 919 unchanged" in again.output
    assert stored() == 919


def test_a_broken_file_is_reported_row_by_row_and_nothing_is_written(runner: FlaskCliRunner, tmp_path: Path) -> None:
    text = (
        "date,region,new_cases,new_recovered,new_deaths,specimens_tested,positive_specimens\n"
        "2021-07-01,13.71,10,0,0,100,5\n"
        "2021-07-02,13.99,4,0,0,,\n"
        "2021-07-32,13.71,4,0,0,,\n"
        "2021-07-01,13.71,3,0,0,,\n"
        "2021-07-03,13.71,2,0,x,,\n"
        "2021-07-04,13.71,1,0,0,10,20\n"
    )
    result = runner.invoke(args=["cases", "import", write(tmp_path, text)])
    assert result.exit_code != 0
    for expected in (
        "row 3: region",
        "row 4: date: malformed",
        "row 5: date: duplicate",
        "row 6: new_deaths",
        "row 7: positive_specimens",
    ):
        assert expected in result.output
    assert "nothing was imported" in result.output
    assert stored() == 0


def test_totals_that_would_go_negative_are_refused_but_corrections_are_kept(
    runner: FlaskCliRunner, tmp_path: Path
) -> None:
    negative = "date,region,new_cases,new_recovered,new_deaths\n2021-07-01,13.71,2,0,0\n2021-07-02,13.71,-5,0,0\n"
    assert "drops below zero" in runner.invoke(args=["cases", "import", write(tmp_path, negative)]).output
    assert stored() == 0
    correction = "date,region,new_cases,new_recovered,new_deaths\n2021-07-01,13.71,9,0,0\n2021-07-02,13.71,-3,0,0\n"
    assert "1 marked as corrections" in runner.invoke(args=["cases", "import", write(tmp_path, correction)]).output
    assert db.session.scalar(sa.select(CaseRecord.correction).where(CaseRecord.new_cases == -3)) is True


def test_unreadable_files_are_refused(runner: FlaskCliRunner, tmp_path: Path) -> None:
    assert runner.invoke(args=["cases", "import", write(tmp_path, '{"hello": 1}', "x.json")]).exit_code != 0
    assert stored() == 0


def test_staff_enter_a_day_and_it_is_audited(client: FlaskClient) -> None:
    body = {"new_cases": 12, "new_recovered": 3, "new_deaths": 0, "beds_occupied": 40, "beds_available": 60}
    editor = staff_headers("editor")
    assert client.put("/api/v1/regions/13.71/cases/2021-07-01", json=body, headers=editor).status_code == 200
    changed = client.put("/api/v1/regions/13.71/cases/2021-07-01", json={**body, "new_cases": 13}, headers=editor)
    assert changed.get_json()["new_cases"] == 13
    audits = db.session.scalars(sa.select(CaseAudit).order_by(CaseAudit.id)).all()
    assert [(a.actor, (a.before or {}).get("new_cases"), a.after["new_cases"]) for a in audits] == [
        ("editor-all", None, 12), ("editor-all", 12, 13),
    ]  # fmt: skip
    row = client.get("/api/v1/cases?region=13.71").get_json()[0]
    assert row["bed_occupancy"] == pytest.approx(0.4)


def test_who_may_enter_figures(client: FlaskClient) -> None:
    body = {"new_cases": 1, "new_recovered": 0, "new_deaths": 0}
    url = "/api/v1/regions/13.71/cases/2021-07-01"
    assert client.put(url, json=body).status_code == 401
    assert client.put(url, json=body, headers=staff_headers("satgas_provinsi")).status_code == 403
    assert client.put(url, json=body, headers=staff_headers("satgas_kabkota", "13.06")).status_code == 403
    assert client.put(url, json=body, headers=staff_headers("satgas_kabkota", "13.71")).status_code == 200
    bad = client.put("/api/v1/regions/13.71/cases/2021-13-01", json=body, headers=staff_headers("editor"))
    assert bad.status_code == 422
    assert (
        client.put(
            "/api/v1/regions/13.71/cases/2021-07-02", json={"new_cases": "many"}, headers=staff_headers("editor")
        ).status_code
        == 422
    )


def test_the_summary_gives_key_figures_per_area_and_csv_downloads_work(
    client: FlaskClient, runner: FlaskCliRunner
) -> None:
    runner.invoke(args=["demo", "load"])
    summary = client.get("/api/v1/cases/summary").get_json()
    assert summary["demo"] is True
    areas = {a["region"]: a for a in summary["areas"]}
    assert len(areas) == 20
    assert areas["13"]["name"] == "Provinsi Sumatera Barat"
    figure = areas["13.71"]["figures"]["cases_7day_avg"]
    assert set(figure) >= {"value", "week_ago", "change", "trend", "good"}
    assert areas["13.71"]["last_updated"]
    province_total = areas["13"]["cumulative_cases"]
    assert province_total == sum(a["cumulative_cases"] for code, a in areas.items() if code != "13")
    download = client.get("/api/v1/cases?region=13.71&from=2021-08-01&to=2021-08-07&format=csv")
    assert download.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(download.get_data(as_text=True))))
    assert [r["date"] for r in rows][0] == "2021-08-01"
    assert len(rows) == 7
    codebook = [c["field"] for c in client.get("/api/v1/cases/codebook").get_json()]
    assert list(rows[0]) == codebook
    assert client.get("/api/v1/cases/summary?format=csv").mimetype == "text/csv"
    assert client.get("/api/v1/cases?region=99").status_code == 404


def test_the_pull_job_imports_a_configured_url(app: Flask, tmp_path: Path) -> None:
    from api.jobs import pull_cases

    assert pull_cases() == "SUMBAR_CASES_URL is not set"
    good = write(tmp_path, "date,region,new_cases,new_recovered,new_deaths\n2021-07-01,13.71,4,0,0\n")
    app.config["CASES_URL"] = Path(good).as_uri()
    assert pull_cases() == "1 inserted, 0 updated, 0 unchanged"
    bad = write(tmp_path, "date,region,new_cases,new_recovered,new_deaths\n2021-07-02,13.71,x,0,0\n", "bad.csv")
    app.config["CASES_URL"] = Path(bad).as_uri()
    assert pull_cases().startswith("refused")
    assert stored() == 1
