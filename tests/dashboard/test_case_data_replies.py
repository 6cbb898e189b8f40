"""Public callbacks that follow only from their inputs and the case data are answered from a copy until the
case data change."""

from __future__ import annotations

from typing import Any

import pytest
from dash import get_app
from flask import Flask
from flask.testing import FlaskClient

from dashboard import data
from dashboard.app import init_dashboard
from dashboard.case_data_replies import REPLY_COPIES, ReplyCopies, is_case_data_only
from tests.factories import staff_headers
from tests.module_app import module_app

__all__ = ["module_app"]


@pytest.fixture(scope="module")
def site(module_app: Flask) -> FlaskClient:
    init_dashboard(module_app)
    client = module_app.test_client()
    client.get("/_dash-dependencies")
    return client


def callback_request(output: str, values: dict[str, Any]) -> dict[str, Any]:
    key, spec = next((k, s) for k, s in get_app().callback_map.items() if output in k)
    assert is_case_data_only(spec["callback"])
    outputs = [{"id": o.component_id, "property": o.component_property} for o in spec["output"]]
    inputs = [{"id": d["id"], "property": d["property"], "value": values[d["id"]]} for d in spec["inputs"]]
    return {"output": key, "outputs": outputs, "inputs": inputs, "state": [], "changedPropIds": ["lang.data"]}


def summary_request(region: Any, lang: Any) -> dict[str, Any]:
    return callback_request("summary-cards.children", {"my-region-select": region, "lang": lang})


def map_request(dates: list[Any], index: int, lang: str = "id") -> dict[str, Any]:
    values = {"map-measure": "active", "map-date": index, "map-dates": dates, "lang": lang}
    return callback_request("region-map.figure", values)


def copies_of(site: FlaskClient) -> ReplyCopies:
    copies: ReplyCopies = site.application.extensions[REPLY_COPIES]
    return copies


def test_a_summary_is_built_once_per_case_data_version_and_request(
    site: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[str] = []
    series = data.case_series

    def counted(region: str) -> list[dict[str, Any]]:
        built.append(region)
        return series(region)

    monkeypatch.setattr(data, "case_series", counted)
    first = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    again = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    assert first.status_code == again.status_code == 200
    assert again.get_data() == first.get_data()
    assert built == ["13.71"]  # the second reply was the copy
    english = site.post("/_dash-update-component", json=summary_request("13.71", "en"))
    assert english.get_data() != first.get_data()
    assert built == ["13.71", "13.71"]  # another language is another request
    figures = {"new_cases": 7, "new_recovered": 0, "new_deaths": 0}
    entered = site.put("/api/v1/regions/13.71/cases/2021-07-01", json=figures, headers=staff_headers("admin"))
    assert entered.status_code == 200
    after = site.post("/_dash-update-component", json=summary_request("13.71", "id"))
    assert built == ["13.71", "13.71", "13.71"]  # new figures: built again
    assert after.get_data() != first.get_data()


def test_made_up_dates_regions_and_languages_are_answered_but_never_kept(site: FlaskClient) -> None:
    figures = {"new_cases": 3, "new_recovered": 0, "new_deaths": 0}
    entered = site.put("/api/v1/regions/13.71/cases/2021-06-01", json=figures, headers=staff_headers("admin"))
    assert entered.status_code == 200
    copies = copies_of(site)
    before = (len(copies), copies.bytes)
    for n in range(30):
        junk = [f"2031-{n // 28 + 1:02d}-{n % 28 + 1:02d}", f"x{n}"]
        assert site.post("/_dash-update-component", json=map_request(junk, n % 2)).status_code in (200, 204, 400)
    for n in range(5):
        assert site.post("/_dash-update-component", json=summary_request(f"99.{n:02d}", "id")).status_code == 200
        assert site.post("/_dash-update-component", json=summary_request("13.71", f"l{n}")).status_code == 200
    assert (len(copies), copies.bytes) == before


def test_a_map_day_is_kept_once_whatever_list_of_dates_carried_it(site: FlaskClient) -> None:
    figures = {"new_cases": 2, "new_recovered": 0, "new_deaths": 0}
    entered = site.put("/api/v1/regions/13.71/cases/2021-06-02", json=figures, headers=staff_headers("admin"))
    assert entered.status_code == 200
    copies = copies_of(site)
    first = site.post("/_dash-update-component", json=map_request(["2021-06-01", "2021-06-02"], 1))
    count = len(copies)
    again = site.post("/_dash-update-component", json=map_request(["2020-01-01", "junk", "2021-06-02"], 2))
    assert first.status_code == again.status_code == 200
    assert again.get_data() == first.get_data()
    assert len(copies) == count  # one copy for the one day


def test_copies_are_bounded_by_bytes_and_the_least_recently_used_go_first() -> None:
    copies = ReplyCopies(max_bytes=30)
    copies.put("a", "v1", b"A" * 9)  # 10 bytes with its key
    copies.put("b", "v1", b"B" * 9)
    copies.put("c", "v1", b"C" * 9)
    assert copies.get("a", "v1") == b"A" * 9  # "b" is now the least recently used
    copies.put("d", "v1", b"D" * 9)
    assert copies.get("b", "v1") is None
    assert [copies.get(k, "v1") is not None for k in "acd"] == [True, True, True]
    assert copies.bytes == 30
    copies.put("e", "v1", b"E" * 40)  # larger than the whole budget: not kept, nothing pushed out
    assert (copies.get("e", "v1"), len(copies), copies.bytes) == (None, 3, 30)
    copies.put("f", "v1", b"F" * 24)  # needs the room of three
    assert (len(copies), copies.bytes) == (1, 25)
    for n in range(1000):
        copies.put(f"k{n}", "v1", b"x" * (n % 20))
        assert copies.bytes <= 30


def test_copies_are_kept_per_version() -> None:
    copies = ReplyCopies()
    copies.put("a", "v1", b"A")
    assert copies.get("a", "v1") == b"A"
    assert copies.get("a", "v2") is None  # made from other figures
    assert (len(copies), copies.bytes) == (0, 0)  # and dropped


def test_a_copy_is_the_reply_as_dash_made_it_and_is_compressed_like_any_reply(site: FlaskClient) -> None:
    import brotli

    figures = {"new_cases": 4, "new_recovered": 0, "new_deaths": 0}
    entered = site.put("/api/v1/regions/13.71/cases/2021-06-03", json=figures, headers=staff_headers("admin"))
    assert entered.status_code == 200
    compressed = site.post(
        "/_dash-update-component", json=summary_request("13.72", "en"), headers={"Accept-Encoding": "br"}
    )
    copy = site.post("/_dash-update-component", json=summary_request("13.72", "en"))
    assert compressed.headers["Content-Encoding"] == "br"
    assert "Content-Encoding" not in copy.headers
    assert brotli.decompress(compressed.get_data()) == copy.get_data()  # kept as Dash made it, not compressed
    assert copy.get_json()["response"]["summary-cards"]["children"]
