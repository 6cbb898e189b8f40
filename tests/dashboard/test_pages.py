"""The public pages' callbacks called as plain functions on one demo load: what each shows in both languages,
and bad inputs answered with PreventUpdate or a message, never an exception."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest
from dash import html
from dash.exceptions import PreventUpdate
from flask import Flask

from tests.module_app import demo_app, module_app

__all__ = ["demo_app", "module_app"]


def text(component: Any) -> str:
    """Every string in a component tree, space-separated (what a reader or screen reader gets)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text(c) for c in component)
    parts = [text(getattr(component, "children", None))]
    label = getattr(component, "aria-label", None)
    return " ".join([*parts, label] if label else parts)


def links(component: Any) -> list[str]:
    found: list[str] = []
    if isinstance(component, list | tuple):
        for child in component:
            found += links(child)
    elif isinstance(component, html.A):
        found.append(component.href)
        found += links(component.children)
    elif hasattr(component, "children"):
        found += links(component.children)
    return found


def test_the_summary_puts_confirmed_cases_first_and_labels_demo_figures(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    banner, cards, cases, active, deaths, alt, *configs = pages.home.render_summary("13.71", "en")
    assert "DEMO DATA" in text(banner)
    first_card = cards[0].children[2].children[0]
    assert text(first_card).startswith("Confirmed cases (total)")
    assert re.search(r"\d{1,3}(,\d{3})+", text(first_card))  # English thousands
    assert "DEMO" in text(cards[0]).upper()
    assert [a.children[0].children[0] for a in cards] == ["Kota Padang", "West Sumatra province"]
    assert cases.data[0].type == "bar"
    assert configs[0]["locale"] == "en"
    assert re.search(r"Cumulative cases: \d{1,3}(,\d{3})+", alt)
    indonesian = pages.home.render_summary("13", "id")
    assert re.search(r"Kasus kumulatif: \d{1,3}(\.\d{3})+", indonesian[5])


def test_the_summary_says_how_old_its_figures_are_and_speaks_of_old_ones_in_the_past(
    pages: SimpleNamespace, demo_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The demo series ends on 31 Dec 2022; the clock's today is years later.
    cards = text(pages.home.render_summary("13", "id")[1])
    assert "Data sampai 31 Des 2022; publikasi berhenti" in cards
    assert "Diperbarui" not in cards  # the day old figures were loaded is no news
    assert "dibanding 7 hari sebelumnya (saat itu" in cards
    assert re.search(r"\((membaik|memburuk)\)", cards) is None
    english = text(pages.home.render_summary("13.71", "en")[1])
    assert english.count("Data until 31 Dec 2022; publication stopped") == 2
    assert re.search(r"from 7 days earlier \(was (improving|worsening)\)", english)
    assert "on 7 days ago" not in english
    # Three days after the last day the figures are current: dated, with when they were updated.
    monkeypatch.setitem(demo_app.config, "CLOCK", lambda: dt.datetime(2023, 1, 3, 3, 0, tzinfo=dt.UTC))
    current = text(pages.home.render_summary("13", "en")[1])
    assert "as of 31 Dec 2022 · Updated " in current
    assert "WIB" in current
    assert "publication stopped" not in current
    assert "was improving" not in current
    assert "was worsening" not in current


def test_choosing_my_region_is_remembered_for_the_menu(pages: SimpleNamespace, demo_app: Flask) -> None:
    assert pages.home.remember_region("13.71") == "13.71"
    assert pages.home.remember_region("13") is None
    for bad in (None, "99.99", "<script>", ["13.71"], {"a": 1}):
        with pytest.raises(PreventUpdate):
            pages.home.remember_region(bad)
    assert pages.home.render_summary(["13.71"], ["en"])[1][0].children[0].children[0] == "Provinsi Sumatera Barat"
    assert pages.home.render_summary("99.99", "id")[1][0].children[0].children[0] == "Provinsi Sumatera Barat"


def test_the_region_index_links_every_area(pages: SimpleNamespace, demo_app: Flask) -> None:
    page = pages.wilayah.render_regions("id", "regions-page")
    targets = links(page)
    assert targets[0] == "/wilayah/13"
    assert len(targets) == 20
    assert "demo" in text(page)


def test_the_province_page_has_its_own_charts_rt_and_a_link_to_the_hospitals(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    (banner, title, options, words, age, cards, cases, rate, active, deaths, rt, rt_alt, *configs) = (
        pages.wilayah_detail.render_region("13", "en")
    )
    hospitals = pages.wilayah_detail.render_region_hospitals("13", "en")
    assert age == "Data until 31 Dec 2022; publication stopped"
    assert words["search"] == "Search"
    assert title == "West Sumatra province"
    assert "DEMO DATA" in text(banner)
    assert options[0] == {"label": "West Sumatra province", "value": "13"}
    assert len(rate.data) == 1  # nothing to compare with
    band, line = rt.data
    assert band.fill == "toself"
    assert len(line.x) > 100
    assert rt_alt.startswith("Latest Rt ")
    assert links(hospitals) == ["/rumah-sakit"]
    region = pages.wilayah_detail.render_region("13.71", "id")
    assert region[1] == "Kota Padang dibanding provinsi"
    assert region[3]["search"] == "Cari"
    assert [t.name for t in region[7].data] == ["Provinsi Sumatera Barat", "Kota Padang"]
    calls = [
        href for href in links(pages.wilayah_detail.render_region_hospitals("13.71", "id")) if href.startswith("tel:")
    ]
    assert len(calls) >= 20
    assert "tel:+6275191428" not in calls  # that number is in Kota Pariaman
    assert all(re.fullmatch(r"tel:\+62\d{8,12}", href) for href in calls)


def test_an_unknown_region_says_so_with_a_link_back_and_draws_no_axes(pages: SimpleNamespace, demo_app: Flask) -> None:
    page = pages.wilayah_detail.layout(code="99.99")
    assert page.id == "region-missing"
    assert not [c for c in page.children if type(c).__name__ == "Graph"]
    assert page.children[2].href == "/wilayah"
    assert pages.wilayah_detail.render_missing("id", "99.99") == (
        "Wilayah tidak ditemukan",
        "Tidak ada wilayah dengan kode 99.99.",
        "← Semua wilayah",
    )
    assert pages.wilayah_detail.render_missing("en", None)[0] == "Region not found"
    for bad in ("99.99", ["13.71"], None):
        with pytest.raises(PreventUpdate):
            pages.wilayah_detail.render_region(bad, "id")
    assert pages.wilayah_detail.layout(code=["13.71"]).id == "region-missing"


def test_the_map_shows_dates_and_the_19_areas(pages: SimpleNamespace, demo_app: Flask) -> None:
    dates = pages.peta.data.case_dates()
    marks = pages.peta.slider_marks(dates)
    assert list(marks.values()) == ["2020", "2021", "2022"]
    figure, table, date_label, alt, banner, config = pages.peta.render_map(
        "cases_7day_per_100k", len(dates) - 1, dates, "en"
    )
    assert date_label == "Date: 31 Dec 2022 (data until 31 Dec 2022; publication stopped)"
    assert sum(len(t.locations) for t in figure.data if t.type == "choropleth") == 19
    assert len(table.children[1].children) == 19
    assert "31 Dec 2022" in alt
    assert "DEMO DATA" in text(banner)
    early = pages.peta.render_map("cumulative_cases", 10, dates, "id")
    assert early[2] == "Tanggal: 5 Apr 2020 (data sampai 31 Des 2022; publikasi berhenti)"


@pytest.mark.parametrize(
    ("measure", "index", "dates"),
    [
        ("no_such_measure", 0, ["2021-01-01"]),
        (None, 0, ["2021-01-01"]),
        ("active", -1, ["2021-01-01"]),
        ("active", 10**20, ["2021-01-01"]),
        ("active", "3", ["2021-01-01"]),
        ("active", True, ["2021-01-01"]),
        ("active", 0, None),
        ("active", 0, "2021-01-01"),
        ("active", 0, [20210101]),
    ],
)
def test_the_map_refuses_malformed_inputs_quietly(
    pages: SimpleNamespace, demo_app: Flask, measure: Any, index: Any, dates: Any
) -> None:
    with pytest.raises(PreventUpdate):
        pages.peta.render_map(measure, index, dates, "id")


def test_the_level_page_says_unknown_while_inputs_are_missing_in_the_pages_language(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    title, intro, week_label, options, figure, table, banner, config, ages, words = pages.level.render_levels(
        None, "id"
    )
    assert words["search"] == "Cari"
    assert "19 kabupaten/kota: data sampai 31 Des 2022; publikasi berhenti" in text(ages)
    assert options[0] == {"label": "19–25 Des 2022", "value": "2022-12-25"}
    assert title.endswith("· 19–25 Des 2022")
    assert options[-1]["value"] == "2020-03-29"  # any week since the first figures
    body = text(table)
    assert "tidak diketahui" in body
    assert "memadai" not in body
    assert "pasien masuk rumah sakit, keterisian tempat tidur" in body
    legend = [t.name for t in figure.data if t.type == "scattergeo" and t.name]
    assert legend == ["Level 1", "Level 2", "Level 3", "Level 4", "Tidak diketahui"]
    english = pages.level.render_levels("2021-08-08", "en")
    assert english[0].endswith("· 2–8 Aug 2021")
    assert {"label": "2–8 Aug 2021", "value": "2021-08-08"} in english[3]
    assert "hospital admissions, bed occupancy" in text(english[5])


@pytest.mark.parametrize("week", ["0001-01-01", "9999-12-31", "garbage", "2021-08-04", 42, ["2021-08-08"]])
def test_the_level_page_refuses_weeks_it_did_not_offer(pages: SimpleNamespace, demo_app: Flask, week: Any) -> None:
    with pytest.raises(PreventUpdate):
        pages.level.render_levels(week, "id")


def test_the_early_warning_page_explains_signals_and_keeps_the_signal_column_first(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    title, intro, chart_title, legend, figure, table_title, table, banner, config = pages.peringatan.render_warnings(
        "en", "warning-title"
    )
    assert "EARS C2" in intro
    assert "fewer than 5 people" in intro
    assert "⚠" in legend
    assert "DEMO DATA" in text(banner)
    header = table.children[0].children
    assert text(header.children[0]) == "Signal"
    cells = [text(row.children[4]) for row in table.children[1].children]
    assert cells
    assert all(c == "<5" or int(c.replace(",", "")) >= 5 for c in cells)
    assert [t.type for t in figure.data] == ["heatmap", "heatmap", "scatter"]


def test_instructions_are_searched_and_summarised_in_the_pages_language(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    title, search_label, count, entries = pages.instruksi.render_instructions("psbb", "en")
    assert search_label == "Search number or words"
    assert count == f"{len(entries)} instructions"
    assert "Instructs regents and mayors" in text(entries)
    indonesian = pages.instruksi.render_instructions("psbb", "id")
    assert "Menginstruksikan bupati dan wali kota" in text(indonesian[3])
    for odd in (None, 42, ["psbb"], "x" * 10_000, "%_%"):
        assert pages.instruksi.render_instructions(odd, "id")[0] == "Instruksi dan surat edaran Gubernur"


def test_an_instruction_has_its_number_in_the_page_title_and_an_unknown_id_says_not_found(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    entries = pages.instruksi.render_instructions("061/978", "id")[3]
    [href] = links(entries)
    number = href.rsplit("/", 1)[1]
    assert pages.instruksi_detail.title(number) == "Surat Edaran 061/978/SE/2020 · Sumbar Siaga"
    page = pages.instruksi_detail.render_instruction("en", number)
    assert "061/978/SE/2020" in text(page)
    assert "Areas: the whole province" in text(page)
    assert "Signed by: Gubernur Sumatera Barat" in text(page)
    assert "Ditandatangani oleh: Gubernur Sumatera Barat" in text(
        pages.instruksi_detail.render_instruction("id", number)
    )
    for unknown in ("99999999999999999999999", "0", "abc", "", None, "-1"):
        assert pages.instruksi_detail.title(unknown) == "Instruksi tidak ditemukan · Sumbar Siaga"
        assert "Instruction not found." in text(pages.instruksi_detail.render_instruction("en", unknown))


def test_the_hospital_list_per_area_with_phones_to_call(pages: SimpleNamespace, demo_app: Flask) -> None:
    title, intro, filter_label, options, sections, words, button, status = pages.rumah_sakit.render_hospitals(
        "all", "id"
    )
    assert (button, status) == ("Urutkan dari lokasi saya", "")
    assert len(sections) == 19
    assert words["search"] == "Cari"
    assert options[0]["value"] == "all"
    padang = pages.rumah_sakit.render_hospitals("13.71", "en")[4]
    assert len(padang) == 1
    body = text(padang)
    assert "RSUP DR. M. DJAMIL" in body
    assert "National referral" in body
    assert "820 beds" in body
    for bad in ("13.99", ["13.71"], None):
        with pytest.raises(PreventUpdate):
            pages.rumah_sakit.render_hospitals(bad, "id")


def test_the_hospital_list_shows_free_beds_with_the_reports_age_and_sorts_by_distance(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    painan = text(pages.rumah_sakit.render_hospitals("13.01", "en")[4])
    assert re.search(r"Isolation: \d+ free of \d+ · ICU: \d+ free of \d+", painan)
    assert re.search(r"reported \d+ h ago", painan)
    assert "demo data" in painan
    assert "old report (over 24 hours): call to check" in painan  # one demo hospital in eight went quiet
    *_, sections, _words, button, status = pages.rumah_sakit.render_hospitals("all", "en", "-1.3448,100.5802")
    assert status == "Nearest first."
    nearest = text(sections)
    assert nearest.index("RS UMUM DAERAH DR. MUHAMMAD ZEIN PAINAN") < nearest.index("RSUP DR. M. DJAMIL")
    assert "0 km from you" in nearest or "0.0 km from you" in nearest
    assert pages.rumah_sakit.render_hospitals("all", "en", "unavailable")[7] == (
        "Location not available; the list stays by region."
    )


def test_the_data_page_says_source_licence_and_last_update_of_each_dataset(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    page = pages.data_page.render_data("en", "data-page")
    body = text(page)
    for words in (
        "Daily cases per area",
        "MIT, © 2024 cahya dsn.",
        "Indonesian government open data",
        "30 Dec 2024",
        "15 Apr 2022",
        "demo (synthetic)",
    ):
        assert words in body
    downloads = [href for href in links(page) if href.startswith("/api/v1/cases")]
    assert len(downloads) == 21
    # Long names (owner/repository, file names) may wrap on a phone instead of running out of the table.
    parts = pages.data_page.breakable("impor prov_detail_SUMATERA_BARAT.json")
    assert [p if isinstance(p, str) else "|" for p in parts] == [
        "impor prov_",
        "|",
        "detail_",
        "|",
        "SUMATERA_",
        "|",
        "BARAT.",
        "|",
        "json",
    ]
    assert all(isinstance(p, str | html.Wbr) for p in parts)
    # On a phone the sources table shows each dataset as a card, each cell under its heading.
    assert page[2].children.className == "table stack"
    assert getattr(page[2].children.children[1].children[0].children[1], "data-label") == "Source"
    sources = [row.children[1].children for row in page[2].children.children[1].children]
    assert any(isinstance(part, html.Wbr) for cell in sources for part in cell)


def test_the_shell_translates_the_menu_and_leads_wilayah_to_my_region(pages: SimpleNamespace, demo_app: Flask) -> None:
    from dashboard.app import choose_lang, translate_shell

    assert [choose_lang(v) for v in ("en", "id", "fr", None, 3)] == ["en", "id", "id", "id", "id"]
    with demo_app.test_request_context("/"):
        nav, footer, menu = translate_shell("en", "13.71", "/peta")
        visitor = translate_shell("id", None, "/")[0]
    hrefs = {link.children: link.href for link in nav}
    assert hrefs["Regions"] == "/wilayah/13.71"
    current = [link.children for link in nav if getattr(link, "aria-current", None) == "page"]
    assert current == ["Map"]
    assert visitor[1].href == "/wilayah"
    assert menu == "Main menu"


def test_staff_pages_are_in_the_menu_of_signed_in_staff_only(pages: SimpleNamespace, demo_app: Flask) -> None:
    import time

    import sqlalchemy as sa
    from flask import session

    from api.extensions import db
    from api.models import StaffUser
    from dashboard.components import navigation

    with demo_app.test_request_context("/"):
        visitor = {link.children: link.href for link in navigation("id", None, "/")}
        assert "Satgas" not in visitor
        assert "Pemantauan isolasi" not in visitor
        assert visitor["Untuk petugas"] == "/satgas"
        assert navigation("en", None, "/")[-1].children == "For staff"
    user = db.session.scalars(sa.select(StaffUser).where(StaffUser.username == "satgas-padang")).one()
    with demo_app.test_request_context("/"):
        session.update({"staff_id": user.id, "v": user.session_version, "seen": int(time.time())})
        staff = {link.children: link.href for link in navigation("id", None, "/")}
    assert staff["Satgas"] == "/satgas"
    assert staff["Pemantauan isolasi"] == "/satgas/pemantauan"
    assert "Untuk petugas" not in staff


@pytest.mark.parametrize(
    ("page", "query"),
    [
        ("home", {}),
        ("wilayah", {}),
        ("wilayah_detail", {"code": "13.71"}),
        ("wilayah_detail", {"code": "13"}),
        ("wilayah_detail", {"code": "x" * 500}),
        ("peta", {}),
        ("level", {}),
        ("peringatan", {}),
        ("instruksi", {"q": "psbb"}),
        ("instruksi", {"q": ["a", "b"]}),
        ("instruksi_detail", {"instruction_id": "1"}),
        ("instruksi_detail", {"instruction_id": "9" * 40}),
        ("rumah_sakit", {"wilayah": "13.71"}),
        ("rumah_sakit", {"wilayah": ["x"]}),
        ("data_page", {}),
    ],
)
def test_every_page_lays_itself_out_whatever_its_address_says(
    pages: SimpleNamespace, demo_app: Flask, page: str, query: dict[str, Any]
) -> None:
    layout = getattr(pages, page).layout(**query)
    assert isinstance(layout, html.Div)
    layout.to_plotly_json()


def test_the_province_and_region_pages_chart_bed_occupancy_where_hospitals_report(
    pages: SimpleNamespace, demo_app: Flask
) -> None:
    for code in ("13", "13.71"):
        [chart] = [
            part for part in pages.wilayah_detail.render_region_hospitals(code, "en") if type(part).__name__ == "Graph"
        ]
        [line] = chart.figure.data
        assert len(line.x) >= 14  # two weeks of demo reports
        assert all(0 <= value <= 100 for value in line.y)
        assert "Isolation bed occupancy (%)" in chart.figure.layout.title.text
