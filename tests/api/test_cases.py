"""Case data: imports of real and broken files, staff entry and removal, the province rule, demo series,
public series, summary and CSV downloads."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.clock import local_today
from api.extensions import db
from api.models import BedReport, CaseAudit, CaseRecord, ScreeningResponse, StaffUser
from api.transactions import unit_of_work
from tests.factories import staff, staff_headers
from tests.paths import REAL_CSV, REAL_JSON, needs_real

HEADER = "date,region,new_cases,new_recovered,new_deaths,specimens_tested,positive_specimens\n"
DAY = {"new_cases": 12, "new_recovered": 3, "new_deaths": 0}


def stored(**where: Any) -> int:
    query = sa.select(sa.func.count()).select_from(CaseRecord).filter_by(**where)
    return db.session.scalar(query) or 0


def write(tmp_path: Path, text: str, name: str = "cases.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def series(client: FlaskClient, region: str = "13") -> list[dict[str, Any]]:
    reply = client.get(f"/api/v1/cases?region={region}")
    assert reply.status_code == 200, reply.get_json()
    rows: list[dict[str, Any]] = reply.get_json()
    return rows


@needs_real
def test_the_real_provincial_series_imports_with_its_published_totals(
    runner: FlaskCliRunner, client: FlaskClient
) -> None:
    result = runner.invoke(args=["cases", "import", str(REAL_JSON)])
    assert result.exit_code == 0, result.output
    assert "919 inserted" in result.output
    last = client.get("/api/v1/cases?region=13&from=2022-09-30").get_json()[-1]
    assert (last["date"], last["cumulative_cases"], last["cumulative_deaths"]) == ("2022-09-30", 83866, 1918)
    assert (last["active"], last["demo"]) == (166, False)
    peak = max(series(client), key=lambda r: r["cases_7day_per_100k"] or 0)
    assert (peak["date"], round(peak["cases_7day_per_100k"])) == ("2021-08-04", 96)


@needs_real
def test_reimporting_the_same_series_as_csv_changes_nothing(runner: FlaskCliRunner) -> None:
    runner.invoke(args=["cases", "import", str(REAL_JSON)])
    again = runner.invoke(args=["cases", "import", str(REAL_CSV)])
    assert "0 inserted, 0 updated, 919 unchanged" in again.output
    assert stored() == 919


def test_a_broken_file_is_reported_row_by_row_and_nothing_is_written(runner: FlaskCliRunner, tmp_path: Path) -> None:
    tomorrow_but_one = (local_today() + dt.timedelta(days=2)).isoformat()
    text = HEADER + (
        "2021-07-01,13.71,10,0,0,100,5\n"
        "2021-07-02,13.99,4,0,0,,\n"
        "2021-07-32,13.71,4,0,0,,\n"
        "2021-07-01,13.71,3,0,0,,\n"
        "2021-07-03,13.71,2,0,x,,\n"
        "2021-07-04,13.71,1,0,0,10,20\n"
        "2021-07-05,13.71,1.5,0,0,,\n"
        "0001-01-01,13.71,1,0,0,,\n"
        "2019-12-31,13.71,1,0,0,,\n"
        f"{tomorrow_but_one},13.71,1,0,0,,\n"
        "2021-07-06,13.71,2000000000,0,0,,\n"
    )
    result = runner.invoke(args=["cases", "import", write(tmp_path, text)])
    assert result.exit_code != 0
    for expected in (
        "row 3: region: Unknown region '13.99'",
        "row 4: date: Malformed date",
        "row 5: date: Duplicate day 2021-07-01 for 13.71 (also row 2)",
        "row 6: new_deaths: Not a whole number: 'x'",
        "row 7: positive_specimens: More positive specimens than specimens tested",
        "row 8: new_cases: Not a whole number: '1.5'",
        "row 9: date: Date outside 2020-01-01",
        "row 10: date: Date outside 2020-01-01",
        "row 11: date: Date outside 2020-01-01",
        "row 12: new_cases: Past a plausible size",
    ):
        assert expected in result.output
    assert "10 problem(s); nothing was imported" in result.output
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


@pytest.mark.parametrize("text", ['{"hello": 1}', "name,age\nx,1\n"])
def test_unreadable_files_are_refused(runner: FlaskCliRunner, tmp_path: Path, text: str) -> None:
    result = runner.invoke(args=["cases", "import", write(tmp_path, text, "x.txt")])
    assert result.exit_code != 0
    assert "row 0: file: Unreadable" in result.output
    assert stored() == 0


def test_staff_enter_a_day_and_it_is_audited(client: FlaskClient) -> None:
    body = {**DAY, "beds_occupied": 40, "beds_available": 60}
    editor = staff_headers("editor")
    first = client.put("/api/v1/regions/13.71/cases/2021-07-01", json=body, headers=editor)
    assert first.status_code == 200
    assert first.get_json() == {
        "region": "13.71",
        "date": "2021-07-01",
        "correction": False,
        **body,
        "specimens_tested": None,
        "positive_specimens": None,
        "replaced_demo_days": 0,
    }
    changed = client.put("/api/v1/regions/13.71/cases/2021-07-01", json={**body, "new_cases": 13}, headers=editor)
    assert changed.get_json()["new_cases"] == 13
    audits = db.session.scalars(sa.select(CaseAudit).order_by(CaseAudit.id)).all()
    assert [(a.actor, (a.before or {}).get("new_cases"), a.after["new_cases"]) for a in audits] == [
        ("editor-all", None, 12),
        ("editor-all", 12, 13),
    ]
    [row] = series(client, "13.71")
    assert row["bed_occupancy_percent"] == 40.0


def test_who_may_enter_or_remove_figures(client: FlaskClient) -> None:
    url = "/api/v1/regions/13.71/cases/2021-07-01"
    assert client.put(url, json=DAY).status_code == 401
    assert client.put(url, json=DAY, headers=staff_headers("satgas_provinsi")).status_code == 403
    assert client.put(url, json=DAY, headers=staff_headers("satgas_kabkota", "13.06")).status_code == 403
    assert client.put(url, json=DAY, headers=staff_headers("satgas_kabkota", "13.71")).status_code == 200
    assert client.delete(url).status_code == 401
    assert client.delete(url, headers=staff_headers("satgas_provinsi")).status_code == 403
    assert client.delete(url, headers=staff_headers("satgas_kabkota", "13.06")).status_code == 403
    assert stored() == 1
    assert (
        client.put("/api/v1/regions/99.99/cases/2021-07-01", json=DAY, headers=staff_headers("editor")).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("day", "body", "location", "field"),
    [
        ("2021-07-01", {**DAY, "new_cases": 1.5}, "json", "new_cases"),
        ("2021-07-01", {**DAY, "new_cases": 2.0}, "json", "new_cases"),
        ("2021-07-01", {**DAY, "new_cases": "2"}, "json", "new_cases"),
        ("2021-07-01", {**DAY, "new_deaths": True}, "json", "new_deaths"),
        ("2021-07-01", {**DAY, "new_cases": 10**12}, "json", "new_cases"),
        ("2021-07-01", {**DAY, "new_cases": 2**63}, "json", "new_cases"),
        ("2021-07-01", {**DAY, "new_recovered": -(10**9)}, "json", "new_recovered"),
        ("2021-07-01", {**DAY, "specimens_tested": -1}, "json", "specimens_tested"),
        ("2021-07-01", {**DAY, "beds_available": 10**7}, "json", "beds_available"),
        ("2021-07-01", {**DAY, "specimens_tested": 3, "positive_specimens": 4}, "json", "positive_specimens"),
        ("2021-07-01", {"new_cases": 1}, "json", "new_recovered"),
        ("2021-07-01", {**DAY, "new_cases": -1}, "json", "new_cases"),  # the total would drop below zero
        ("2021-07-01", {**DAY, "extra": 1}, "json", "extra"),
        ("0001-01-01", DAY, "path", "date"),
        ("2019-12-31", DAY, "path", "date"),
        ("9999-12-31", DAY, "path", "date"),
        ("2021-13-01", DAY, "path", "date"),
        ("yesterday", DAY, "path", "date"),
    ],
)
def test_every_implausible_entry_is_refused_per_field_and_nothing_is_stored(
    client: FlaskClient, day: str, body: dict[str, Any], location: str, field: str
) -> None:
    reply = client.put(f"/api/v1/regions/13.71/cases/{day}", json=body, headers=staff_headers("editor"))
    assert reply.status_code == 422, reply.get_json()
    errors = reply.get_json()["errors"]
    assert field in errors[location], errors
    assert stored() == 0


def test_a_day_after_tomorrow_is_refused_and_tomorrow_accepted(client: FlaskClient) -> None:
    editor = staff_headers("editor")
    tomorrow = local_today() + dt.timedelta(days=1)
    assert client.put(f"/api/v1/regions/13.71/cases/{tomorrow}", json=DAY, headers=editor).status_code == 200
    later = tomorrow + dt.timedelta(days=1)
    reply = client.put(f"/api/v1/regions/13.71/cases/{later}", json=DAY, headers={**editor, "Accept-Language": "en"})
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["path"]["date"] == [f"Date outside 2020-01-01 .. {tomorrow}."]


def test_staff_remove_a_wrong_day_and_the_audit_keeps_what_it_was(client: FlaskClient) -> None:
    editor = staff_headers("editor")
    for day, cases in (("2021-07-01", 5), ("2021-07-02", 7), ("2021-07-03", 9)):
        client.put(f"/api/v1/regions/13.71/cases/{day}", json={**DAY, "new_cases": cases}, headers=editor)
    reply = client.delete("/api/v1/regions/13.71/cases/2021-07-02", headers=editor)
    assert reply.status_code == 200
    assert reply.get_json()["new_cases"] == 7
    assert reply.get_json()["deleted"] is True
    rows = series(client, "13.71")
    assert [(r["date"], r["new_cases"], r["cumulative_cases"]) for r in rows] == [
        ("2021-07-01", 5, 5),
        ("2021-07-02", 0, 5),
        ("2021-07-03", 9, 14),
    ]
    audit = db.session.scalars(sa.select(CaseAudit).order_by(CaseAudit.id.desc())).first()
    assert audit is not None
    assert (audit.actor, audit.date, audit.before["new_cases"], audit.after) == (
        "editor-all",
        dt.date(2021, 7, 2),
        7,
        {"deleted": True},
    )
    assert client.delete("/api/v1/regions/13.71/cases/2021-07-02", headers=editor).status_code == 404
    assert client.delete("/api/v1/regions/13.71/cases/0001-01-01", headers=editor).status_code == 404


def test_a_day_whose_removal_would_take_a_total_below_zero_stays(client: FlaskClient) -> None:
    editor = staff_headers("editor")
    client.put("/api/v1/regions/13.71/cases/2021-07-01", json={**DAY, "new_cases": 5}, headers=editor)
    client.put("/api/v1/regions/13.71/cases/2021-07-02", json={**DAY, "new_cases": -2}, headers=editor)
    reply = client.delete("/api/v1/regions/13.71/cases/2021-07-01", headers=editor)
    assert reply.status_code == 422
    assert "date" in reply.get_json()["errors"]["path"]
    assert stored() == 2


@needs_real
def test_the_province_is_a_series_of_its_own_and_one_entry_changes_one_day(
    runner: FlaskCliRunner, client: FlaskClient
) -> None:
    runner.invoke(args=["cases", "import", str(REAL_JSON)])
    before = {row["date"]: row for row in series(client)}
    assert before["2021-08-04"]["new_cases"] != 1000
    delta = 1000 - before["2021-08-04"]["new_cases"]
    reply = client.put(
        "/api/v1/regions/13/cases/2021-08-04",
        json={"new_cases": 1000, "new_recovered": 0, "new_deaths": 0},
        headers=staff_headers("editor"),
    )
    assert reply.status_code == 200
    after = series(client)
    assert len(after) == len(before) == 919
    assert after[-1]["cumulative_cases"] == 83866 + delta
    changed = [row["date"] for row in after if row["new_cases"] != before[row["date"]]["new_cases"]]
    assert changed == ["2021-08-04"]
    # A kabupaten/kota entry is its own area's: the province's series does not move.
    client.put("/api/v1/regions/13.71/cases/2021-08-04", json=DAY, headers=staff_headers("editor"))
    assert series(client)[-1]["cumulative_cases"] == 83866 + delta
    assert stored(region_code="13") == 919


@needs_real
def test_importing_real_figures_replaces_that_areas_demo_series_and_says_so(
    client: FlaskClient, runner: FlaskCliRunner
) -> None:
    runner.invoke(args=["demo", "load"])
    demo_days = stored(region_code="13")
    result = runner.invoke(args=["cases", "import", str(REAL_JSON)])
    assert f"13: real figures replace the demo series ({demo_days} demo days removed)" in result.output
    areas = {a["region"]: a for a in client.get("/api/v1/cases/summary").get_json()["areas"]}
    assert (areas["13"]["demo"], areas["13"]["cumulative_cases"]) == (False, 83866)
    assert all(area["demo"] for code, area in areas.items() if code != "13")
    assert stored(region_code="13", source="demo") == 0
    # A second demo load leaves the real series alone.
    assert "20 areas" not in runner.invoke(args=["demo", "load"]).output
    assert stored(region_code="13") == 919


def test_a_staff_entry_for_a_demo_area_replaces_its_demo_series(client: FlaskClient, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    demo_days = stored(region_code="13.71")
    reply = client.put("/api/v1/regions/13.71/cases/2021-07-01", json=DAY, headers=staff_headers("editor"))
    assert reply.get_json()["replaced_demo_days"] == demo_days
    assert [(r["date"], r["demo"]) for r in series(client, "13.71")] == [("2021-07-01", False)]
    assert stored(region_code="13.06", source="demo") == demo_days


FLOAT_CELL = re.compile(r"^-?\d+\.\d+$")


def test_rows_stored_with_impossible_dates_before_the_checks_are_left_out(client: FlaskClient) -> None:
    # Entered before the dates were checked: a year-1 day must not make any series span two thousand years.
    with unit_of_work():
        for day in (dt.date(1, 1, 1), dt.date(2021, 7, 1), dt.date(9999, 12, 31)):
            db.session.add(
                CaseRecord(
                    region_code="13.71",
                    date=day,
                    new_cases=3,
                    new_recovered=0,
                    new_deaths=0,
                    source="legacy",
                    updated_at=dt.datetime.now(dt.UTC),
                )
            )
    assert [row["date"] for row in series(client, "13.71")] == ["2021-07-01"]
    rt = client.get("/api/v1/regions/13.71/rt").get_json()
    assert rt["estimates"] == []


def test_demo_clear_removes_every_demo_record_and_keeps_real_ones(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    loaded = runner.invoke(args=["demo", "load"]).output
    assert "demo user rs-djamil (rumah_sakit 1371010) created" in loaded
    assert db.session.scalar(sa.select(sa.func.count()).where(BedReport.is_demo.is_(True)))
    # A demo editor's entry puts that account in the audit trail: it is deactivated, not deleted.
    demo_editor = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "editor"))
    assert demo_editor is not None
    from api.services.accounts import issue_staff_token

    token, _ = issue_staff_token(demo_editor)
    client.put("/api/v1/regions/13/cases/2021-07-01", json=DAY, headers={"Authorization": f"Bearer {token}"})
    real_staff = staff("editor")
    result = runner.invoke(args=["demo", "clear"])
    assert result.exit_code == 0, result.output
    assert "demo staff accounts named in audit trails, deactivated instead: editor" in result.output
    assert stored(source="demo") == 0
    assert stored(region_code="13") == 1
    assert db.session.scalar(sa.select(sa.func.count()).where(ScreeningResponse.is_demo.is_(True))) == 0
    assert db.session.scalar(sa.select(sa.func.count(BedReport.id))) == 0
    users = {u.username: u.is_active for u in db.session.scalars(sa.select(StaffUser))}
    assert users == {"editor": False, real_staff.username: True}
    assert client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    areas = {a["region"]: a for a in client.get("/api/v1/cases/summary").get_json()["areas"]}
    assert areas["13"]["demo"] is False
    assert areas["13.71"]["cumulative_cases"] is None


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
