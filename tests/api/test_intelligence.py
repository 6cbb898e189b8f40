"""Rt, transmission levels and early-warning signals over HTTP, on real and constructed data."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.extensions import db
from api.models import ScreeningResponse
from tests.answers import self_screening_answers
from tests.factories import staff_headers, submit
from tests.paths import REAL_JSON, needs_real


@needs_real
def test_rt_for_the_real_provincial_series(client: FlaskClient, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["cases", "import", str(REAL_JSON)])
    body = client.get("/api/v1/regions/13/rt").get_json()
    assert (body["si_mean"], body["si_std"], body["window_days"]) == (4.7, 2.9, 7)
    estimates = body["estimates"]
    assert estimates[0]["reported"] is False
    assert "mean" not in estimates[0]
    assert "12" in body["not_reported_reason"]
    delta = next(e for e in estimates if e["date_end"] == "2021-07-20")
    assert delta["q025"] < delta["mean"] < delta["q975"]
    assert delta["mean"] > 1
    late = next(e for e in estimates if e["date_end"] == "2021-09-15")
    assert late["mean"] < 1


def test_rt_rejects_an_impossible_serial_interval(client: FlaskClient) -> None:
    assert client.get("/api/v1/regions/13/rt?si_mean=0.5").status_code == 422
    assert client.get("/api/v1/regions/99/rt").status_code == 404


def test_weekly_levels_say_what_is_missing(client: FlaskClient, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    body = client.get("/api/v1/levels?week=2021-08-04").get_json()
    assert body["week_end"] == "2021-08-08"
    areas = {a["region"]: a for a in body["areas"]}
    assert len(areas) == 20
    padang = areas["13.71"]
    assert padang["transmission_level"] in (1, 2, 3, 4)
    assert "hospital_admissions" in padang["missing"]
    assert "bed_occupancy" in padang["missing"]
    assert padang["capacity"] is not None  # demo data records specimens, so positivity is known


def test_signals_are_suppressed_for_the_public_but_not_for_the_task_force(app: Flask, client: FlaskClient) -> None:
    now = dt.datetime.now(dt.UTC)
    for _ in range(20 * 6):  # six low-risk screenings a day for 20 days, dated below
        submit(client, region="13.71")
    suspects = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    for _ in range(3):
        submit(client, region="13.71", answers=suspects)
    # Spread the low-risk responses over the past days; the suspects stay today.
    rows = db.session.scalars(sa.select(ScreeningResponse).where(ScreeningResponse.category == "low_risk")).all()
    for index, row in enumerate(rows):
        row.created_at = now - dt.timedelta(days=1 + index // 6)
    db.session.commit()
    public = [r for r in client.get("/api/v1/signals?days=30").get_json() if r["region"] == "13.71"]
    today = public[-1]
    assert today["suspect_or_symptomatic"] == "<5"
    assert today["share"] is None
    staff = client.get("/api/v1/signals?days=30", headers=staff_headers("satgas_provinsi")).get_json()
    today_full = [r for r in staff if r["region"] == "13.71"][-1]
    assert today_full["suspect_or_symptomatic"] == 3
    assert today_full["screenings"] == 3
    assert today_full["share"] == pytest.approx(1.0)
    assert today_full["signal"] is True
    other = client.get("/api/v1/signals?days=30", headers=staff_headers("satgas_kabkota", "13.06")).get_json()
    assert other == []
