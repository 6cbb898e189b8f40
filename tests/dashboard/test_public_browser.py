"""The public dashboard in a real browser on demo data (one server and one demo load for the module): maps that
draw offline, regions, the language switch, instruction search, data, levels, early warning on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from scripts.live import running_server
from tests.dashboard.conftest import choose, needs_browser
from tests.module_app import demo_app, module_app

__all__ = ["demo_app", "module_app"]
pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture(scope="module")
def site(demo_app: Flask, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cache = str(tmp_path_factory.mktemp("cache"))
    with running_server(database_url, workers=2, CACHE_DIR=cache) as (host, port):
        yield f"http://{host}:{port}"


def plotted(browser: Any, graph_id: str) -> Any:
    """The traces a graph drew (waiting for plotly, which loads after the page, to draw it)."""
    browser.wait_for_element(f"#{graph_id} .js-plotly-plot .main-svg", timeout=15)
    return browser.driver.execute_script(f"return document.querySelector('#{graph_id} .js-plotly-plot').data;")


def outside_requests(browser: Any) -> list[str]:
    script = (
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));"
    )
    found: list[str] = browser.driver.execute_script(script)
    return found


def test_the_map_draws_the_19_areas_with_no_network(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/peta")
    dash_br.wait_for_element("#region-map .choroplethlocation", timeout=20)
    dash_br.wait_for_element("#map-values tbody tr", timeout=10)
    assert len(dash_br.find_elements("#region-map .choroplethlocation")) == 19
    assert len(dash_br.find_elements("#map-values tbody tr")) == 19
    assert (
        dash_br.find_element("#date-label").text == "Tanggal: 31 Des 2022 (data sampai 31 Des 2022; publikasi berhenti)"
    )
    # The slider shows dates, never the day's index in a number box.
    assert dash_br.find_elements("#map-date input") == []
    assert [m.text for m in dash_br.find_elements("#map-date .dash-slider-mark")][:3] == ["2020", "2021", "2022"]
    assert outside_requests(dash_br) == []


def test_the_region_selector_changes_the_charts(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/wilayah/13.71")
    dash_br.wait_for_contains_text("#region-title", "Kota Padang", timeout=15)
    before = plotted(dash_br, "region-chart-cases")[0]["y"]
    choose(dash_br, "#region-select", "Kota Bukittinggi")
    dash_br.wait_for_contains_text("#region-title", "Kota Bukittinggi", timeout=10)
    assert plotted(dash_br, "region-chart-cases")[0]["y"] != before
    dash_br.wait_for_contains_text("#region-hospitals", "Telepon", timeout=10)


def test_the_language_switch_changes_the_labels_and_the_page_language(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-title", "Ringkasan COVID-19", timeout=15)
    dash_br.wait_for_contains_text("#demo-banner", "DATA DEMO", timeout=10)
    assert dash_br.driver.execute_script("return document.documentElement.lang") == "id"
    dash_br.find_elements("#lang-switch input")[1].click()
    dash_br.wait_for_contains_text("#summary-title", "COVID-19 summary", timeout=10)
    dash_br.wait_for_contains_text("#nav", "Map", timeout=5)
    dash_br.wait_for_contains_text("#demo-banner", "DEMO DATA", timeout=10)
    assert dash_br.driver.execute_script("return document.documentElement.lang") == "en"
    # The server hears of the choice, and the next visit's first paint (before any script runs) is in English.
    assert "sumbar_lang=en" in dash_br.driver.execute_script("return document.cookie")
    fetch = "const x = new XMLHttpRequest(); x.open('GET', '/', false); x.send(); return x.responseText;"
    html = dash_br.driver.execute_script(fetch)
    assert '<html lang="en">' in html
    assert '<h1 id="summary-title">COVID-19 summary</h1>' in html
    dash_br.driver.get(site + "/instruksi")
    dash_br.wait_for_contains_text("#instructions-title", "Governor's instructions", timeout=15)
    assert dash_br.driver.execute_script("return document.documentElement.lang") == "en"


def test_my_region_is_remembered_and_the_menu_leads_to_it(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-title", "Ringkasan", timeout=15)
    choose(dash_br, "#my-region-select", "Kota Padang Panjang")
    dash_br.wait_for_contains_text("#summary-cards", "Kota Padang Panjang", timeout=10)
    dash_br.driver.get(site + "/")
    dash_br.wait_for_contains_text("#summary-cards", "Kota Padang Panjang", timeout=15)
    link = next(a for a in dash_br.find_elements("#nav a") if a.text == "Wilayah")
    assert link.get_attribute("href").endswith("/wilayah/13.74")


def test_instructions_are_found_while_typing_and_have_their_number_in_the_title(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/instruksi")
    dash_br.wait_for_element("#instruction-list li", timeout=15)
    assert len(dash_br.find_elements("#instruction-list li")) == 12
    dash_br.find_element("#instruction-search").send_keys("061/978")  # no Enter: it searches as one types
    dash_br.wait_for_text_to_equal("#instruction-count", "1 instruksi", timeout=10)
    dash_br.find_element("#instruction-list a").click()
    dash_br.wait_for_contains_text("#instruction-page", "061/978/SE/2020", timeout=10)
    assert dash_br.driver.title == "Surat Edaran 061/978/SE/2020 · Sumbar Siaga"
    dash_br.driver.get(site + "/instruksi/99999999999999999999999")
    dash_br.wait_for_contains_text("#instruction-page", "Instruksi tidak ditemukan", timeout=10)


def test_the_data_page_names_sources_licences_and_updates(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/data")
    dash_br.wait_for_element("#datasets", timeout=15)
    assert "MIT, © 2024 cahya dsn." in dash_br.find_element("#datasets").text
    links = [a.get_attribute("href") for a in dash_br.find_elements("#downloads a")]
    assert any(link.endswith("/api/v1/cases/summary?format=csv") for link in links)
    assert len(links) == 21
    assert len(dash_br.find_elements("#downloads .demo-tag")) == 20
    assert "cases_7day_per_100k" in dash_br.find_element("#codebook").text
    assert dash_br.find_element("#errata").text == "Belum ada koreksi."


def test_the_level_page_says_unknown_and_names_the_four_levels(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/level")
    dash_br.wait_for_element("#levels-values tbody tr", timeout=15)
    assert len(dash_br.find_elements("#levels-values tbody tr")) == 20
    table = dash_br.find_element("#levels-values").text
    assert "tidak diketahui" in table
    assert "memadai" not in table
    assert "pasien masuk rumah sakit" in table
    chosen = dash_br.find_element("#levels-week").text.strip()
    assert chosen == "19–25 Des 2022"
    assert dash_br.find_element("#levels-title").text.endswith(chosen)
    dash_br.wait_for_element("#levels-map .choroplethlocation", timeout=10)
    legend = [item.text for item in dash_br.find_elements("#levels-map .legendtext")]
    assert legend == ["Level 1", "Level 2", "Level 3", "Level 4", "Tidak diketahui"]


def test_the_early_warning_page_keeps_the_signal_column_in_view_on_a_phone(dash_br: Any, site: str) -> None:
    dash_br.driver.set_window_size(360, 740)
    dash_br.driver.get(site + "/peringatan")
    dash_br.wait_for_element("#warning-values tbody tr", timeout=15)
    dash_br.wait_for_element("#warning-chart .heatmaplayer", timeout=10)
    header = dash_br.find_element("#warning-values thead th")
    assert header.text == "Sinyal"
    box = dash_br.driver.execute_script("return arguments[0].getBoundingClientRect().right;", header)
    assert box <= 360
    assert "EARS C2" in dash_br.find_element("#warning-intro").text
    counts = [c.text for c in dash_br.find_elements("#warning-values tbody td:nth-child(5)")]
    # Demo screenings are few per region and day: every count under 5 is withheld.
    assert counts
    assert all(c == "<5" or int(c.replace(".", "")) >= 5 for c in counts)
    # The menu folds behind its button on a phone, and opens when pressed.
    assert not dash_br.find_element("#nav").is_displayed()
    dash_br.find_element("#menu-toggle").click()
    dash_br.wait_for_element("#nav.open", timeout=5)
    assert dash_br.find_element("#nav").is_displayed()


def test_the_region_page_shows_rt_with_its_band_and_an_unknown_code_says_not_found(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/wilayah/13.71")
    dash_br.wait_for_contains_text("#region-rt-alt", "Rt", timeout=15)
    band, line = plotted(dash_br, "region-chart-rt")
    assert band["fill"] == "toself"
    assert len(line["x"]) > 100
    dash_br.driver.get(site + "/wilayah/99.99")
    dash_br.wait_for_text_to_equal("#region-missing-title", "Wilayah tidak ditemukan", timeout=15)
    assert dash_br.find_element("#region-missing-back").get_attribute("href").endswith("/wilayah")
    assert dash_br.find_elements(".js-plotly-plot") == []


def test_the_referral_hospitals_are_listed_with_phones_to_call(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/rumah-sakit")
    dash_br.wait_for_element("#hospitals .hospital", timeout=15)
    assert len(dash_br.find_elements("#hospitals .hospital")) == 77
    padang = dash_br.find_element("#hospitals-13-71").text
    assert "RSUP DR. M. DJAMIL" in padang
    calls = [a.get_attribute("href") for a in dash_br.find_elements("#hospitals a.tel")]
    assert calls
    assert all(href.startswith("tel:+62") for href in calls)
