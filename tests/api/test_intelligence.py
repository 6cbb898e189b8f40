"""Rt, transmission levels, early-warning signals and an area's situation for residents, on real and
constructed data."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.clock import local_today
from api.extensions import db
from api.models import ScreeningResponse
from api.transactions import unit_of_work
from scripts.answers import self_screening_answers
from surveillance.levels import last_complete_week_end
from surveillance.situation import Situation, situation_text
from tests.factories import situation_reply_of, staff_headers, submit
from tests.paths import REAL_JSON, needs_real

DAY = {"new_recovered": 0, "new_deaths": 0}


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
    assert all(round(e["mean"], 2) == e["mean"] for e in estimates if e["reported"])
    other = client.get("/api/v1/regions/13/rt?si_mean=6&si_std=3").get_json()
    assert next(e for e in other["estimates"] if e["date_end"] == "2021-07-20")["mean"] != delta["mean"]


def test_rt_rejects_an_impossible_serial_interval(client: FlaskClient) -> None:
    assert client.get("/api/v1/regions/13/rt?si_mean=0.5").status_code == 422
    assert client.get("/api/v1/regions/99/rt").status_code == 404


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-31", "2019-12-31"])
def test_weeks_outside_the_epidemic_are_refused_not_a_server_error(client: FlaskClient, week: str) -> None:
    reply = client.get(f"/api/v1/levels?week={week}", headers={"Accept-Language": "en"})
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["query"]["week"][0].startswith("Week outside 2020-01-01")


def test_a_week_before_any_figures_lists_every_input_as_missing(client: FlaskClient) -> None:
    body = client.get("/api/v1/levels?week=2020-01-01").get_json()
    assert body["week_end"] == "2020-01-05"
    assert {a["transmission_level"] for a in body["areas"]} == {None}
    assert all("cases" in a["missing"] for a in body["areas"])


def screen_over_days(client: FlaskClient, region: str, per_day: int, days: int) -> None:
    """`per_day` low-risk screenings on each of the `days` days before today."""
    now = dt.datetime.now(dt.UTC)
    for _ in range(per_day * days):
        submit(client, region=region)
    rows = db.session.scalars(
        sa.select(ScreeningResponse).where(
            ScreeningResponse.category == "low_risk", ScreeningResponse.region_code == region
        )
    ).all()
    with unit_of_work():
        for index, row in enumerate(rows):
            row.created_at = now - dt.timedelta(days=1 + index // per_day)


def test_public_signals_withhold_small_counts_whole_while_the_task_force_sees_them(
    app: Flask, client: FlaskClient
) -> None:
    screen_over_days(client, "13.71", per_day=6, days=20)
    suspects = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    for _ in range(3):
        submit(client, region="13.71", answers=suspects)
    public = client.get("/api/v1/signals?days=30").get_json()
    today = public[-1]
    assert today == {
        "region": "13.71",
        "date": local_today().isoformat(),
        "screenings": None,
        "suspect_or_symptomatic": None,
        "share_percent": None,
        "c2": None,
        "signal": None,
        "suppressed": True,
    }
    # Six screenings and none flagged is no small count: published as it is.
    yesterday = public[-2]
    assert (yesterday["screenings"], yesterday["suspect_or_symptomatic"], yesterday["suppressed"]) == (6, 0, False)
    assert not any(isinstance(value, str) and "<" in value for row in public for value in row.values())
    staff = client.get("/api/v1/signals?days=30", headers=staff_headers("satgas_provinsi")).get_json()
    today_full = [r for r in staff if r["region"] == "13.71"][-1]
    assert (today_full["suspect_or_symptomatic"], today_full["screenings"]) == (3, 3)
    assert today_full["share_percent"] == pytest.approx(100.0)
    assert (today_full["signal"], today_full["suppressed"]) == (True, False)
    other = client.get("/api/v1/signals?days=30", headers=staff_headers("satgas_kabkota", "13.06")).get_json()
    assert other == []


def test_a_public_signal_shows_when_the_counts_are_large_enough(app: Flask, client: FlaskClient) -> None:
    screen_over_days(client, "13.71", per_day=5, days=12)
    suspects = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    for _ in range(6):
        submit(client, region="13.71", answers=suspects)
    today = client.get("/api/v1/signals?days=30").get_json()[-1]
    assert (today["screenings"], today["suspect_or_symptomatic"], today["signal"]) == (6, 6, True)
    assert today["c2"] is None  # the baseline was flat: an infinite statistic, said by the signal alone


def test_an_area_without_figures_says_so(app: Flask) -> None:
    empty = situation_reply_of("13.71", "en")
    assert empty is not None
    assert (empty["week_end"], empty["transmission_level"], empty["cases_7day_per_100k"]) == (None, None, None)
    assert empty["text"] == "Kota Padang: no case figures yet."
    assert situation_reply_of("99.99", "en") is None


@pytest.mark.parametrize(
    ("cases", "lang", "text"),
    [
        (85.04, "en", "Kota Padang: level 3 transmission last week (85 cases per 100,000 in 7 days)."),
        (4.25, "id", "Kota Padang: transmisi level 3 minggu lalu (4,2 kasus per 100.000 penduduk dalam 7 hari)."),
    ],
)
def test_last_week_is_called_last_week(app: Flask, cases: float, lang: str, text: str) -> None:
    today = local_today()
    situation = Situation("13.71", "Kota Padang", last_complete_week_end(today), 3, cases, False)
    assert situation_text(situation, lang, today) == text


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/signals?days=99999999999999999999999",
        "/api/v1/signals?days=-1",
        "/api/v1/regions/13/rt?si_mean=1e400",
        "/api/v1/regions/13/rt?si_std=nan",
        "/api/v1/levels?week=2021-02-30",
        "/api/v1/cases?region=13&from=not-a-date",
        "/api/v1/cases/summary?format=xlsx",
    ],
)
def test_crafted_queries_get_422_not_a_server_error(client: FlaskClient, path: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 422
    assert set(reply.get_json()) >= {"code", "status", "message", "errors"}


def test_the_widest_date_range_is_simply_everything(client: FlaskClient) -> None:
    assert client.get("/api/v1/cases?region=13&from=0001-01-01&to=9999-12-31").get_json() == []


def _padang_cases_with_positivity(runner: FlaskCliRunner, tmp_path: Any) -> None:
    """Two weeks of Padang's figures with tests (positivity 10 %) but no bed counts."""
    lines = ["region,date,new_cases,new_recovered,new_deaths,specimens_tested,positive_specimens"]
    lines += [f"13.71,2021-07-{day:02d},20,5,0,200,20" for day in range(5, 19)]
    path = tmp_path / "padang.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert runner.invoke(args=["cases", "import", str(path)]).exit_code == 0


def test_capacity_stays_unknown_without_bed_reports_and_names_the_missing_input(
    client: FlaskClient, runner: FlaskCliRunner, tmp_path: Any
) -> None:
    _padang_cases_with_positivity(runner, tmp_path)
    padang = next(a for a in client.get("/api/v1/levels?week=2021-07-18").get_json()["areas"] if a["region"] == "13.71")
    assert padang["positivity_percent"] == 10
    assert (padang["capacity"], padang["bed_occupancy_source"], padang["bed_hospitals"]) == (None, None, [])
    assert "bed_occupancy" in padang["missing"]


def test_the_hospitals_bed_reports_of_the_week_give_the_capacity(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner, tmp_path: Any
) -> None:
    _padang_cases_with_positivity(runner, tmp_path)
    app.config["CLOCK"] = lambda: dt.datetime(2021, 7, 19, 3, 0, tzinfo=dt.UTC)
    counts = {"icu_total": 4, "icu_occupied": 1}
    headers = staff_headers()
    for code, day, total, occupied in [
        ("1371010", "2021-07-12", 50, 10),  # replaced by its later day of the week
        ("1371010", "2021-07-17", 50, 35),
        ("1371444", "2021-07-18", 30, 29),
        ("1371444", "2021-07-19", 30, 0),  # the next week
    ]:
        body = {"day": day, "isolation_total": total, "isolation_occupied": occupied, **counts}
        assert client.put(f"/api/v1/hospitals/{code}/beds", json=body, headers=headers).status_code == 200
    areas = client.get("/api/v1/levels?week=2021-07-18").get_json()["areas"]
    padang = next(a for a in areas if a["region"] == "13.71")
    assert padang["bed_occupancy_percent"] == 80  # (35 + 29) / (50 + 30)
    assert padang["bed_occupancy_source"] == "hospital_reports"
    assert [h["code"] for h in padang["bed_hospitals"]] == ["1371010", "1371444"]
    assert padang["capacity"] == "sedang"  # positivity 10 % and occupancy 80 %: both moderate
    assert "bed_occupancy" not in padang["missing"]
    elsewhere = next(a for a in areas if a["region"] == "13.01")
    assert (elsewhere["bed_occupancy_source"], elsewhere["capacity"]) == (None, None)
    assert "bed_occupancy" in elsewhere["missing"]
