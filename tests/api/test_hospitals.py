"""Hospitals as data: the public list and detail with the latest bed report, a hospital's daily report (its
scope, checks, replacement and audit), the silent-hospital list and the all-or-nothing import."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.extensions import db
from api.models import BedReport, BedReportAudit
from tests.factories import PASSWORD, device_headers, headers_of, hospital_staff, staff_headers

DJAMIL, RASIDIN = "1371010", "1371444"
NOW = dt.datetime(2021, 7, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Padang
TODAY = "2021-07-20"
COUNTS = {"isolation_total": 40, "isolation_occupied": 30, "icu_total": 8, "icu_occupied": 8}


def report(client: FlaskClient, code: str, headers: dict[str, str], **changes: Any) -> Any:
    return client.put(f"/api/v1/hospitals/{code}/beds", json={"day": TODAY, **COUNTS, **changes}, headers=headers)


def test_a_hospital_is_served_by_its_ministry_code_with_no_report_yet(client: FlaskClient) -> None:
    reply = client.get(f"/api/v1/hospitals/{DJAMIL}")
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["name"] == "RSUP DR. M. DJAMIL"
    assert body["region"] == "13.71"
    assert body["type"] == "national_referral"
    assert body["latest_report"] is None
    assert "max-age" in reply.headers["Cache-Control"]
    assert client.get("/api/v1/hospitals/9999999").status_code == 404


def test_a_hospital_user_reports_for_its_own_hospital_and_gets_404_for_another(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    own = headers_of(hospital_staff(DJAMIL))
    assert report(client, DJAMIL, own).status_code == 200
    assert report(client, RASIDIN, own).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(BedReport.id)).where(BedReport.hospital_code == RASIDIN)) == 0
    assert report(client, RASIDIN, staff_headers("satgas_provinsi")).status_code == 200
    assert report(client, RASIDIN, staff_headers("satgas_kabkota", "13.71")).status_code == 403


def test_bad_counts_get_per_field_messages_in_both_languages_and_change_nothing(
    app: Flask, client: FlaskClient
) -> None:
    app.config["CLOCK"] = lambda: NOW
    headers = headers_of(hospital_staff(DJAMIL))
    reply = report(client, DJAMIL, headers, isolation_occupied=41, icu_total=-1, day="2021-07-21")
    assert reply.status_code == 422
    errors = reply.get_json()["errors"]["json"]
    assert set(errors) == {"icu_total"}  # the schema refuses the negative count before the rules run
    reply = report(client, DJAMIL, headers, isolation_occupied=41, day="2021-07-21")
    errors = reply.get_json()["errors"]["json"]
    assert errors == {
        "isolation_occupied": ["Tidak boleh melebihi jumlah tempat tidur."],
        "day": ["Tanggal di masa depan."],
    }
    english = report(client, DJAMIL, {**headers, "Accept-Language": "en"}, isolation_occupied=41, hcu_total=2)
    assert english.get_json()["errors"]["json"] == {
        "isolation_occupied": ["Must not exceed the number of beds."],
        "hcu_occupied": ["Give the beds and the occupied together."],
    }
    assert report(client, DJAMIL, headers, icu_total=2.5).status_code == 422
    assert report(client, DJAMIL, headers, day="2019-12-31").status_code == 422
    assert db.session.scalar(sa.select(sa.func.count(BedReport.id))) == 0


def test_a_second_report_of_the_day_replaces_the_first_and_both_are_audited(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    user = hospital_staff(DJAMIL)
    first = report(client, DJAMIL, headers_of(user))
    assert first.get_json()["replaced"] is False
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(hours=2)
    second = report(client, DJAMIL, headers_of(user), isolation_occupied=25)
    assert second.get_json()["replaced"] is True
    stored = db.session.scalars(sa.select(BedReport)).all()
    assert [(r.day.isoformat(), r.isolation_occupied) for r in stored] == [(TODAY, 25)]
    audits = db.session.scalars(sa.select(BedReportAudit).order_by(BedReportAudit.id)).all()
    assert [(a.actor, a.staff_id, a.at) for a in audits] == [
        (f"staff:rs-{DJAMIL}", user.id, NOW),
        (f"staff:rs-{DJAMIL}", user.id, NOW + dt.timedelta(hours=2)),
    ]
    assert audits[1].before is not None
    assert audits[1].before["isolation_occupied"] == 30
    assert audits[1].after["isolation_occupied"] == 25


def test_a_report_older_than_24_hours_is_marked_stale(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    report(client, DJAMIL, staff_headers())
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(hours=23)
    fresh = client.get(f"/api/v1/hospitals/{DJAMIL}").get_json()["latest_report"]
    assert (fresh["age_hours"], fresh["stale"], fresh["isolation_free"], fresh["icu_free"]) == (23, False, 10, 0)
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(hours=25)
    stale = client.get(f"/api/v1/hospitals/{DJAMIL}").get_json()["latest_report"]
    assert (stale["age_hours"], stale["stale"]) == (25, True)


def test_the_list_filters_by_region_and_free_beds_and_sorts_by_distance(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    report(client, DJAMIL, staff_headers())  # isolation free, ICU full
    report(client, RASIDIN, staff_headers(), isolation_occupied=40, icu_occupied=2)  # ICU free only
    padang = client.get("/api/v1/hospitals?region=13.71").get_json()
    assert padang
    assert {h["region"] for h in padang} == {"13.71"}
    assert [h["code"] for h in client.get("/api/v1/hospitals?has_free=isolation").get_json()] == [DJAMIL]
    assert [h["code"] for h in client.get("/api/v1/hospitals?has_free=icu").get_json()] == [RASIDIN]
    near = client.get("/api/v1/hospitals?near=-0.9436,100.3667").get_json()  # beside M. Djamil
    assert near[0]["code"] == DJAMIL
    distances = [h["distance_km"] for h in near]
    assert distances == sorted(distances)
    refused = client.get("/api/v1/hospitals?near=padang&has_free=beds").get_json()
    assert set(refused["errors"]["query"]) == {"near", "has_free"}


def test_hospitals_silent_for_3_days_are_listed_for_the_provincial_task_force(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    report(client, DJAMIL, staff_headers())
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(days=2)
    report(client, RASIDIN, staff_headers())
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(days=3, hours=1)
    silent = client.get("/api/v1/hospitals/silent", headers=staff_headers()).get_json()
    codes = [h["code"] for h in silent]
    assert DJAMIL in codes
    assert RASIDIN not in codes
    assert next(h for h in silent if h["code"] == DJAMIL)["days_silent"] == 3
    assert client.get("/api/v1/hospitals/silent", headers=headers_of(hospital_staff(DJAMIL))).status_code == 403


HEADER = "hospital_code,day,isolation_total,isolation_occupied,icu_total,icu_occupied"


def test_an_import_with_one_bad_row_changes_nothing(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    text = f"{HEADER}\n{DJAMIL},{TODAY},40,10,8,2\n{RASIDIN},{TODAY},10,11,4,x\n"
    reply = client.post("/api/v1/hospitals/beds/import", json={"csv": text}, headers=staff_headers())
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["rows"] == {
        "3": {
            "isolation_occupied": ["Tidak boleh melebihi jumlah tempat tidur."],
            "icu_occupied": ["Harus bilangan bulat."],
        }
    }
    assert db.session.scalar(sa.select(sa.func.count(BedReport.id))) == 0
    good = text.replace(f"{RASIDIN},{TODAY},10,11,4,x", f"{RASIDIN},{TODAY},10,9,4,1")
    reply = client.post("/api/v1/hospitals/beds/import", json={"csv": good}, headers=staff_headers())
    assert reply.get_json() == {"inserted": 2, "replaced": 0}
    assert db.session.scalar(sa.select(sa.func.count(BedReportAudit.id))) == 2


def test_the_cli_imports_bed_reports_and_creates_a_hospital_account(
    app: Flask, runner: FlaskCliRunner, tmp_path: Any
) -> None:
    app.config["CLOCK"] = lambda: NOW
    path = tmp_path / "beds.csv"
    path.write_text(f"{HEADER}\n{DJAMIL},{TODAY},40,10,8,2\n9999999,{TODAY},1,1,1,1\n", encoding="utf-8")
    result = runner.invoke(args=["hospitals", "import-beds", str(path)])
    assert result.exit_code != 0
    assert "row 3: hospital_code: Unknown hospital code." in result.output
    assert db.session.scalar(sa.select(sa.func.count(BedReport.id))) == 0
    path.write_text(f"{HEADER}\n{DJAMIL},{TODAY},40,10,8,2\n", encoding="utf-8")
    assert "1 inserted, 0 replaced" in runner.invoke(args=["hospitals", "import-beds", str(path)]).output
    created = runner.invoke(
        args=["users", "create", "rs-djamil", "--role", "rumah_sakit", "--hospital", DJAMIL, "--password", PASSWORD]
    )
    assert created.output.strip() == f"created rs-djamil (rumah_sakit {DJAMIL})"
    unbound = runner.invoke(args=["users", "create", "rs-none", "--role", "rumah_sakit", "--password", PASSWORD])
    assert "needs a hospital code" in unbound.output


def test_the_staff_view_of_an_alert_lists_the_nearest_hospitals_with_free_beds(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW - dt.timedelta(hours=30)
    headers = staff_headers()
    report(client, "1371464", headers, day="2021-07-19", isolation_occupied=10)  # free, but stale by now
    app.config["CLOCK"] = lambda: NOW
    headers = staff_headers()
    report(client, DJAMIL, headers, isolation_occupied=40)  # nearest, but full
    report(client, RASIDIN, headers, isolation_occupied=39)
    report(client, "1302011", headers, isolation_occupied=40, icu_occupied=7)  # Painan: ICU free, far
    located = client.post(
        "/api/v1/alerts", json={"category": "medical", "lat": -0.9436, "lon": 100.3667}, headers=device_headers()
    ).get_json()
    detail = client.get(f"/api/v1/alerts/{located['id']}", headers=headers).get_json()
    nearest = detail["nearest_hospitals"]
    assert [h["code"] for h in nearest] == [RASIDIN, "1302011", "1371464"]
    assert [h["latest_report"]["stale"] for h in nearest] == [False, False, True]
    assert nearest[0]["phone"]
    assert nearest[0]["distance_km"] < nearest[1]["distance_km"]
    assert nearest[0]["latest_report"]["age_hours"] == 0
    unlocated = client.post(
        "/api/v1/alerts", json={"category": "medical", "region": "13.01"}, headers=device_headers()
    ).get_json()
    detail = client.get(f"/api/v1/alerts/{unlocated['id']}", headers=headers).get_json()
    assert [h["code"] for h in detail["nearest_hospitals"]] == ["1302011"]
    own = client.get(f"/api/v1/alerts/{unlocated['id']}", headers=device_headers())
    assert "nearest_hospitals" not in (own.get_json() or {})


def test_urgent_and_emergency_replies_name_the_regions_hospitals_with_free_beds(
    app: Flask, client: FlaskClient
) -> None:
    from scripts.answers import self_screening_answers

    app.config["CLOCK"] = lambda: NOW
    report(client, RASIDIN, staff_headers(), isolation_occupied=39)
    report(client, DJAMIL, staff_headers(), isolation_occupied=40)  # full: not named
    resident = device_headers()
    episode = client.post(
        "/api/v1/isolations",
        json={"reason": "confirmed_symptomatic", "start_date": "2021-07-18", "region": "13.71"},
        headers=resident,
    ).get_json()["id"]
    stable = client.post(
        f"/api/v1/isolations/{episode}/checkins", json={"measured_at": NOW.isoformat(), "spo2": 97}, headers=resident
    ).get_json()
    assert (stable["triage"], stable["hospitals"]) == ("stable", [])
    emergency = client.post(
        f"/api/v1/isolations/{episode}/checkins", json={"measured_at": NOW.isoformat(), "spo2": 88}, headers=resident
    ).get_json()
    assert emergency["triage"] == "emergency"
    [named] = emergency["hospitals"]
    assert (named["code"], named["phone"], named["latest_report"]["isolation_free"]) == (RASIDIN, "(0751) 499150", 1)
    screening = client.post(
        "/api/v1/questionnaires/self-screening/responses",
        json={"answers": self_screening_answers(severe_breathing_difficulty=True), "region": "13.71"},
        headers=resident,
    ).get_json()
    assert screening["result"]["urgent"] is True
    assert [h["code"] for h in screening["result"]["hospitals"]] == [RASIDIN]
    stored = client.get(f"/api/v1/screening-responses/{screening['id']}", headers=staff_headers()).get_json()
    assert stored["result"]["hospitals"][0]["latest_report"]["day"] == TODAY
    # The replies keep the list a few seconds, but a report made through this process shows in the next one.
    report(client, RASIDIN, staff_headers(), isolation_occupied=40)
    report(client, DJAMIL, staff_headers(), isolation_occupied=35)
    again = client.post(
        "/api/v1/questionnaires/self-screening/responses",
        json={"answers": self_screening_answers(severe_breathing_difficulty=True), "region": "13.71"},
        headers=resident,
    ).get_json()
    assert [(h["code"], h["latest_report"]["isolation_free"]) for h in again["result"]["hospitals"]] == [(DJAMIL, 5)]
    calm = client.post(
        "/api/v1/questionnaires/self-screening/responses",
        json={"answers": self_screening_answers(), "region": "13.71"},
        headers=resident,
    ).get_json()
    assert "hospitals" not in calm["result"]


def test_the_list_near_a_point_is_kept_for_the_hour_and_made_afresh_after_a_bed_report(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.services import hospitals

    app.config["CLOCK"] = lambda: NOW
    made: list[tuple[float, float] | None] = []
    real = hospitals.list_hospitals

    def counted(region: str | None, near: tuple[float, float] | None, free: str | None) -> list[dict[str, Any]]:
        made.append(near)
        return real(region, near, free)

    monkeypatch.setattr(hospitals, "list_hospitals", counted)
    first = client.get("/api/v1/hospitals?near=-0.94361,100.36672")
    # 40 m away: the same ~110 m cell, so the same list, measured from the cell's point.
    beside = client.get("/api/v1/hospitals?near=-0.94358,100.36698")
    assert made == [(-0.944, 100.367)]
    assert beside.get_json() == first.get_json()
    assert beside.headers["Content-Type"] == "application/json"
    assert first.get_json()[0]["distance_km"] == round(hospitals_distance(DJAMIL, -0.944, 100.367), 1)
    client.get("/api/v1/hospitals?near=-0.95,100.36")  # another cell
    assert len(made) == 2

    report(client, DJAMIL, staff_headers())
    after = client.get("/api/v1/hospitals?near=-0.94361,100.36672").get_json()
    assert len(made) == 3
    assert next(h for h in after if h["code"] == DJAMIL)["latest_report"]["isolation_free"] == 10
    app.config["CLOCK"] = lambda: NOW + dt.timedelta(hours=1)
    later = client.get("/api/v1/hospitals?near=-0.94361,100.36672").get_json()
    assert len(made) == 4
    assert next(h for h in later if h["code"] == DJAMIL)["latest_report"]["age_hours"] == 1


def hospitals_distance(code: str, lat: float, lon: float) -> float:
    from api.services.hospitals import get_hospital
    from screening.alert_routing import distance_km

    row = get_hospital(code)
    return distance_km(lat, lon, row.lat, row.lon)


def test_a_corrected_hospital_file_is_a_new_version_of_the_list(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    from api.services import hospitals

    before = hospitals.data_version()
    monkeypatch.setattr(hospitals, "shipped_digest", lambda: "corrected")  # a phone number fixed in the file
    assert hospitals.data_version() != before
