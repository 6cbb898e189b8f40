"""The real provincial series imported beside demo kabupaten/kota series, in a real browser: the province shows
the official total without a demo banner, the kabupaten/kota keep theirs (one server for the module)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from scripts.live import running_server
from tests.dashboard.conftest import choose, needs_browser
from tests.module_app import module_app
from tests.paths import REAL_JSON, needs_real

__all__ = ["module_app"]
pytestmark = [pytest.mark.browser, needs_browser, needs_real]


@pytest.fixture(scope="module")
def site(module_app: Flask, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    runner = module_app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    imported = runner.invoke(args=["cases", "import", str(REAL_JSON)])
    assert "13: real figures replace the demo series" in imported.output
    cache = str(tmp_path_factory.mktemp("cache"))
    with running_server(database_url, workers=2, CACHE_DIR=cache) as (host, port):
        yield f"http://{host}:{port}"


def test_the_province_shows_the_official_total_and_no_demo_banner(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-cards", "83.866", timeout=20)
    headline = dash_br.find_element("#summary-cards .headline").text
    assert "Kasus terkonfirmasi (total)" in headline
    assert "+10 pada 30 Sep 2022" in headline
    assert dash_br.find_element("#demo-banner").text == ""
    assert dash_br.find_elements("#summary-cards .demo-tag") == []
    # A kabupaten/kota still on demo figures is labelled as such, beside the real province.
    choose(dash_br, "#my-region-select", "Kota Padang")
    dash_br.wait_for_contains_text("#demo-banner", "DATA DEMO", timeout=10)
    assert len(dash_br.find_elements("#summary-cards .demo-tag")) == 1


def test_the_province_page_has_the_real_series_and_its_rt(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/wilayah/13")
    dash_br.wait_for_text_to_equal("#region-title", "Provinsi Sumatera Barat", timeout=20)
    dash_br.wait_for_contains_text("#region-cards", "83.866", timeout=10)
    assert dash_br.find_element("#region-banner").text == ""
    dash_br.wait_for_contains_text("#region-rt-alt", "Rt terakhir", timeout=10)
    dash_br.wait_for_element("#region-chart-rt .js-plotly-plot .main-svg", timeout=15)
    band, line = dash_br.driver.execute_script(
        "return document.querySelector('#region-chart-rt .js-plotly-plot').data;"
    )
    assert band["fill"] == "toself"
    assert line["x"][-1] == "2022-09-30"


def test_the_real_provinces_level_is_unknown_without_positivity_and_beds(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/level")
    dash_br.wait_for_element("#levels-values tbody tr", timeout=15)
    choose(dash_br, "#levels-week", "19–25 Sep 2022")
    dash_br.wait_for_contains_text("#levels-title", "19–25 Sep 2022", timeout=10)
    province = dash_br.find_element("#levels-values tbody tr").text
    assert province.startswith("Provinsi Sumatera Barat")
    # Cases give a transmission level; capacity and the situational level need inputs not recorded.
    assert "Level 1" in province
    assert province.lower().count("tidak diketahui") == 2
    assert "pasien masuk rumah sakit, positivitas tes, keterisian tempat tidur" in province


def test_old_figures_say_how_old_they_are_and_the_level_page_opens_on_the_provinces_last_week(
    dash_br: Any, site: str
) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-cards", "Data sampai 30 Sep 2022; publikasi berhenti", timeout=20)
    assert "Diperbarui" not in dash_br.find_element("#summary-cards").text
    dash_br.driver.get(site + "/level")
    # The demo kabupaten/kota run to December; the province's own figures stop on 30 Sep 2022.
    dash_br.wait_for_contains_text("#levels-title", "19–25 Sep 2022", timeout=15)
    dash_br.wait_for_contains_text("#levels-values tbody tr", "Level 1", timeout=10)
    ages = dash_br.find_element("#levels-ages").text
    assert "Provinsi Sumatera Barat: data sampai 30 Sep 2022; publikasi berhenti" in ages
    assert "19 kabupaten/kota: data sampai 31 Des 2022; publikasi berhenti" in ages
