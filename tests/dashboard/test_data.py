"""dashboard/data.py, the dashboard's door into the API package, on one demo load."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask

from api.services.exceptions import ServiceError
from dashboard import data
from tests.module_app import demo_app, module_app
from tests.paths import BOUNDARY_FILE, needs_boundaries

__all__ = ["demo_app", "module_app"]


def test_the_province_comes_first_then_each_area_by_code(demo_app: Flask) -> None:
    names = list(data.area_names().items())
    assert names[0] == ("13", "Provinsi Sumatera Barat")
    assert [code for code, _ in names[1:]] == sorted(code for code, _ in names[1:])
    assert len(names) == 20


def test_map_values_take_each_areas_latest_day_up_to_the_date(demo_app: Flask) -> None:
    latest = {row["code"]: row for row in data.map_values("cumulative_cases", None)}
    assert len(latest) == 19
    assert latest["13.71"]["date"] == "2022-12-31"
    early = {row["code"]: row for row in data.map_values("cumulative_cases", "2020-03-27")}
    assert early["13.71"]["date"] == "2020-03-27"
    before = {row["code"]: row for row in data.map_values("cumulative_cases", "2019-01-01")}
    assert {row["value"] for row in before.values()} == {None}
    with pytest.raises(ValueError, match="unknown measure"):
        data.map_values("__class__", None)


def test_the_maps_draw_the_shipped_boundaries_unless_a_file_is_configured(demo_app: Flask) -> None:
    shipped = data.boundaries_geojson()
    assert len(shipped["features"]) == 19
    assert shipped["features"][0]["properties"]["label_lon"]


@needs_boundaries
def test_a_configured_boundary_file_overrides_the_shipped_one(demo_app: Flask) -> None:
    demo_app.config["BOUNDARIES"] = str(BOUNDARY_FILE)
    try:
        configured = data.boundaries_geojson()
    finally:
        demo_app.config["BOUNDARIES"] = None
    assert configured is not data.boundaries_geojson()
    assert sorted(f["id"] for f in configured["features"]) == sorted(
        f["id"] for f in data.boundaries_geojson()["features"]
    )
    assert all("label_lat" in f["properties"] for f in configured["features"])


def test_instructions_come_as_the_api_gives_them(demo_app: Flask) -> None:
    [item] = data.published_instructions("061/978")
    assert item["number"] == "061/978/SE/2020"
    assert item["summary"]
    assert item["summary_en"]
    assert data.instruction(item["id"]) == item
    assert data.instruction(10**20) is None


def test_weeks_and_levels(demo_app: Flask) -> None:
    weeks = data.level_weeks()
    assert weeks[0] == "2022-12-25"
    assert all(dt.date.fromisoformat(w).weekday() == 6 for w in weeks)
    assert data.transmission_levels("2021-08-04")["week_end"] == "2021-08-08"
    with pytest.raises(ServiceError):
        data.transmission_levels("0001-01-01")


def test_public_signals_never_carry_small_counts(demo_app: Flask) -> None:
    rows = data.public_signals(30)
    assert rows
    for row in rows:
        if row["suppressed"]:
            assert (row["screenings"], row["suspect_or_symptomatic"], row["signal"]) == (None, None, None)
        else:
            assert row["screenings"] == 0 or row["screenings"] >= data.SUPPRESS_BELOW
    assert data.demo_screenings() is True


@pytest.mark.parametrize(
    ("phone", "tel"),
    [
        ("(0751) 91428", "+6275191428"),
        ("0852-6371-9666", "+6285263719666"),
        ("7542371985", "+627542371985"),
        ("+62 751 23312", "+6275123312"),
        ("", None),
    ],
)
def test_phones_become_numbers_a_phone_can_call(phone: str, tel: str | None) -> None:
    from api.services.hospitals import Hospital

    assert Hospital("13.71", "1", "RS", "", None, phone, "", 0.0, 0.0).tel == tel


def test_hospitals_datasets_and_local_time(demo_app: Flask) -> None:
    padang = data.referral_hospitals("13.71")
    assert {h["region"] for h in padang} == {"13.71"}
    assert any(h["tel"] is None for h in padang)  # a listed hospital without a phone
    assert len(data.referral_hospitals()) == 77
    datasets = {d["dataset"]: d for d in data.datasets()}
    assert isinstance(datasets["cases"]["updated"], dt.datetime)
    assert datasets["hospitals"]["updated"] == dt.date(2022, 4, 15)
    assert data.case_sources()["13.71"]["sources"] == ["demo"]
    wib = data.local_time("2022-09-30T10:00:00+00:00")
    assert (wib.hour, wib.tzname()) == (17, "WIB")
