"""The public dashboard in a real browser: map, region page, language switch, instruction search, data page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner

from tests.dashboard.conftest import needs_browser
from tests.live import running_server

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def site(app: Flask, runner: FlaskCliRunner, database_url: str) -> Iterator[str]:
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["reference", "instructions"]).exit_code == 0
    with running_server(database_url, workers=2) as (host, port):
        yield f"http://{host}:{port}"


def plotted(browser: Any, graph_id: str) -> Any:
    return browser.driver.execute_script(f"return document.querySelector('#{graph_id} .js-plotly-plot').data;")


def test_the_map_shows_all_19_regions(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/peta")
    dash_br.wait_for_element("#region-map .js-plotly-plot", timeout=15)
    dash_br.wait_for_element("#map-values tbody tr", timeout=10)
    assert len(dash_br.find_elements("#map-values tbody tr")) == 19
    [trace] = plotted(dash_br, "region-map")
    assert len(trace["lat"]) == 19  # no boundary file configured: circles at the 19 centroids


def test_the_region_selector_changes_the_charts(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/wilayah/13.71")
    dash_br.wait_for_contains_text("#region-title", "Kota Padang", timeout=15)
    before = plotted(dash_br, "region-chart-cases")[0]["y"]
    dash_br.select_dcc_dropdown("#region-select", value="Kota Bukittinggi")
    dash_br.wait_for_contains_text("#region-title", "Kota Bukittinggi", timeout=10)
    assert plotted(dash_br, "region-chart-cases")[0]["y"] != before


def test_the_language_switch_changes_the_labels_and_is_remembered(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-title", "Ringkasan COVID-19", timeout=15)
    dash_br.wait_for_contains_text("#demo-banner", "DATA DEMO", timeout=10)
    dash_br.find_elements("#lang-switch input")[1].click()
    dash_br.wait_for_contains_text("#summary-title", "COVID-19 summary", timeout=10)
    dash_br.wait_for_contains_text("#nav", "Map", timeout=5)
    dash_br.wait_for_contains_text("#demo-banner", "DEMO DATA", timeout=10)
    dash_br.driver.get(site + "/instruksi")
    dash_br.wait_for_contains_text("#instructions-title", "Governor's instructions", timeout=15)


def test_my_region_is_remembered(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-title", "Ringkasan", timeout=15)
    dash_br.select_dcc_dropdown("#my-region-select", value="Kota Padang Panjang")
    dash_br.wait_for_contains_text("#summary-cards", "Kota Padang Panjang", timeout=10)
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-cards", "Kota Padang Panjang", timeout=15)


def test_an_instruction_is_found_by_search_and_has_its_own_page(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/instruksi")
    dash_br.wait_for_element("#instruction-list li", timeout=15)
    assert len(dash_br.find_elements("#instruction-list li")) == 12
    search = dash_br.find_element("#instruction-search")
    search.send_keys("061/978")
    search.send_keys("\n")
    dash_br.wait_for_contains_text("#instruction-list", "Penyesuaian sistem kerja", timeout=10)
    assert len(dash_br.find_elements("#instruction-list li")) == 1
    dash_br.find_element("#instruction-list a").click()
    dash_br.wait_for_contains_text("#instruction-page", "061/978/SE/2020", timeout=10)


def test_the_data_page_offers_downloads_codebook_and_errata(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/data")
    dash_br.wait_for_element("#codebook", timeout=15)
    links = [a.get_attribute("href") for a in dash_br.find_elements("#downloads a")]
    assert any(link.endswith("/api/v1/cases/summary?format=csv") for link in links)
    assert len(links) == 21
    assert "cases_7day_per_100k" in dash_br.find_element("#codebook").text
    assert dash_br.find_element("#errata").text


def test_the_level_map_and_the_early_warning_page(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/level")
    dash_br.wait_for_element("#levels-values tbody tr", timeout=15)
    assert len(dash_br.find_elements("#levels-values tbody tr")) == 20
    assert "hospital_admissions" in dash_br.find_element("#levels-values").text
    [trace] = plotted(dash_br, "levels-map")
    assert len(trace["lat"]) == 19
    dash_br.driver.get(site + "/peringatan")
    dash_br.wait_for_element("#warning-values tbody tr", timeout=15)
    cells = [c.text for c in dash_br.find_elements("#warning-values tbody td:nth-child(4)")]
    # Demo screenings are few per region and day: every count of suspect or symptomatic people under 5 is hidden.
    assert cells
    assert all(c == "<5" or c == "0" or int(c) >= 5 for c in cells)
    assert "<5" in cells


def test_the_region_page_shows_rt_with_its_band(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/wilayah/13.71")
    dash_br.wait_for_contains_text("#region-rt-alt", "Rt", timeout=15)
    band, line = plotted(dash_br, "region-chart-rt")
    assert band["fill"] == "toself"
    assert len(line["x"]) > 900
