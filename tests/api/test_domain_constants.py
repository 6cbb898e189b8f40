"""The shell takes the domain's constants from the domain: one definition, so a change there reaches the tables."""

from __future__ import annotations

from api import models
from dashboard.labels import label
from screening import isolation
from surveillance import province


def test_the_check_in_table_accepts_exactly_the_triage_levels_the_domain_gives() -> None:
    assert models.TRIAGE_LEVELS is isolation.TRIAGE_LEVELS
    assert {isolation.EMERGENCY, isolation.URGENT, isolation.STABLE} == set(models.TRIAGE_LEVELS)


def test_the_province_has_one_code_and_one_name(client) -> None:
    assert models.PROVINCE_CODE is province.CODE
    assert [label("province", lang) for lang in ("id", "en")] == [province.NAME["id"], province.NAME["en"]]
    areas = {a["region"]: a["name"] for a in client.get("/api/v1/cases/summary").get_json()["areas"]}
    assert areas[province.CODE] == province.NAME["id"]
