"""Reference data: the 19 kabupaten/kota, checked against the shared reference table."""

from __future__ import annotations

import csv

import pytest
from flask.testing import FlaskClient, FlaskCliRunner

from tests.paths import SHARED_DATA


def test_all_19_regions_are_listed_by_kemendagri_code(client: FlaskClient) -> None:
    regions = client.get("/api/v1/regions").get_json()
    assert len(regions) == 19
    assert regions[0]["code"] == "13.01"
    assert regions[-1]["code"] == "13.77"
    assert sum(r["population_2020"] for r in regions) == 5_534_472


def test_one_region_by_code_and_404_for_unknown(client: FlaskClient) -> None:
    padang = client.get("/api/v1/regions/13.71").get_json()
    assert (padang["name"], padang["bps_code"], padang["type"], padang["capital"]) == (
        "Kota Padang",
        "1371",
        "Kota",
        "Padang",
    )
    missing = client.get("/api/v1/regions/13.99", headers={"Accept-Language": "en"})
    assert missing.status_code == 404
    assert missing.get_json()["message"] == "Region 13.99 not found."


@pytest.mark.skipif(not (SHARED_DATA / "sumbar_kabkota_ref.csv").exists(), reason="shared reference data not present")
def test_shipped_regions_match_the_reference_table(client: FlaskClient) -> None:
    with (SHARED_DATA / "sumbar_kabkota_ref.csv").open(encoding="utf-8") as handle:
        reference = {row["kemendagri_code"]: row for row in csv.DictReader(handle)}
    for region in client.get("/api/v1/regions").get_json():
        row = reference[region["code"]]
        assert region["bps_code"] == row["bps_code"]
        assert region["name"] == row["name"]
        assert region["population_2020"] == int(row["population_sp2020"])
        assert region["area_km2"] == pytest.approx(float(row["area_km2_big2024"]))


def test_loading_reference_data_twice_changes_nothing(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["reference", "load"])
    assert "0 inserted, 0 updated" in result.output
