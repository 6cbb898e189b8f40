"""Figure builders as plain functions: data in, figure out, no app needed."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest
import shapely

from api.services.maps import shipped_boundaries
from dashboard import figures

ROWS = [
    {
        "date": f"2021-08-0{d}",
        "new_cases": d,
        "cases_7day_avg": None if d < 7 else 4.0,
        "active": 10 * d,
        "cases_7day_per_100k": 1.5 * d,
        "cumulative_deaths_per_100k": 0.1 * d,
    }
    for d in range(1, 10)
]


@pytest.fixture(scope="module")
def geojson() -> dict[str, Any]:
    return shipped_boundaries()


def test_the_shipped_boundaries_are_the_19_areas_wound_for_svg_maps(geojson: dict[str, Any]) -> None:
    import shapely

    features = geojson["features"]
    assert sorted(f["properties"]["code"] for f in features) == sorted(
        [f"13.0{i}" for i in range(1, 10)] + ["13.10", "13.11", "13.12"] + [f"13.7{i}" for i in range(1, 8)]
    )
    for feature in features:
        shape = shapely.geometry.shape(feature["geometry"])
        # Clockwise exteriors (d3-geo's winding); a point inside each area to put its label on.
        assert shapely.orient_polygons(shape, exterior_cw=True).equals_exact(shape, 0)
        label = shapely.Point(feature["properties"]["label_lon"], feature["properties"]["label_lat"])
        assert shape.buffer(1e-3).contains(label)
    # Enclaves stay enclaves: Kota Bukittinggi's point is in the kota, and in Agam's hole, not in Agam.
    shapes = {f["properties"]["code"]: shapely.geometry.shape(f["geometry"]) for f in features}
    bukittinggi = shapely.Point(100.3706, -0.3050)
    assert shapes["13.75"].contains(bukittinggi)
    assert not shapes["13.06"].contains(bukittinggi)


def test_the_region_map_is_an_svg_choropleth_naming_all_19_areas_with_a_colour_bar_and_hover_values(
    geojson: dict[str, Any],
) -> None:
    values = [
        {"code": f["properties"]["code"], "value": None if i == 0 else float(i), "text": f"area {i}: {i},0"}
        for i, f in enumerate(geojson["features"])
    ]
    figure = figures.region_map(values, geojson, "Kasus 7 hari per 100.000", "id")
    choropleths = [t for t in figure.data if isinstance(t, go.Choropleth)]
    assert sum(len(t.locations) for t in choropleths) == 19
    assert not any(isinstance(t, go.Choroplethmap | go.Scattermap) for t in figure.data)
    grey, coloured = choropleths
    assert list(grey.locations) == [values[0]["code"]]  # no value: drawn grey, never left out
    assert coloured.colorbar.title.text == "Kasus 7 hari per 100.000"
    assert coloured.customdata[0] == "area 1: 1,0"
    # The frame is the province's own extent, filled whatever the page's width (a phone's map stays large).
    assert list(figure.layout.geo.lonaxis.range) == pytest.approx([98.5565, 101.9328], abs=0.05)
    assert list(figure.layout.geo.lataxis.range) == pytest.approx([-3.613, 0.9466], abs=0.05)
    assert figure.layout.height is None
    assert figure.layout.geo.visible is False
    assert figure.layout.separators == ",."
    kabupaten, kota = [t for t in figure.data if isinstance(t, go.Scattergeo)]
    assert sorted(kota.text) == sorted(
        ["Padang", "Solok", "Sawahlunto", "Padang Panjang", "Bukittinggi", "Payakumbuh", "Pariaman"]
    )
    # Every kabupaten is named too, inside its own boundary, the one sharing a kota's name told apart.
    assert len(kabupaten.text) == 12
    assert "Kab. Solok" in kabupaten.text
    assert "Kepulauan<br>Mentawai" in kabupaten.text
    assert kabupaten.mode == "text"
    shapes = {f["properties"]["code"]: shapely.geometry.shape(f["geometry"]) for f in geojson["features"]}
    codes = [f["properties"]["code"] for f in geojson["features"] if f["properties"]["type"] == "Kabupaten"]
    for code, lon, lat in zip(codes, kabupaten.lon, kabupaten.lat, strict=True):
        assert shapes[code].contains(shapely.Point(lon, lat)), code
    assert kabupaten.customdata[codes.index("13.02")] == "area 1: 1,0"  # hovered like its area


def test_the_level_map_has_the_four_levels_and_unknown_in_its_legend(geojson: dict[str, Any]) -> None:
    areas = [
        {"region": f["properties"]["code"], "transmission_level": 3 if i < 5 else None, "text": "x"}
        for i, f in enumerate(geojson["features"])
    ]
    names = {1: "Level 1", 2: "Level 2", 3: "Level 3", 4: "Level 4", None: "Tidak diketahui"}
    figure = figures.level_map(areas, geojson, names, "id")
    legend = [t.name for t in figure.data if t.showlegend is not False and isinstance(t, go.Scattergeo) and t.name]
    assert legend == ["Level 1", "Level 2", "Level 3", "Level 4", "Tidak diketahui"]
    filled = {t.legendgroup: len(t.locations) for t in figure.data if isinstance(t, go.Choropleth)}
    assert filled == {"3": 5, "None": 14}


def test_charts_write_numbers_as_the_page_language_does() -> None:
    names = {"daily": "Daily", "average": "7-day average"}
    english = figures.daily_chart(ROWS, "new_cases", "cases_7day_avg", names, "New cases", "en")
    indonesian = figures.daily_chart(ROWS, "new_cases", "cases_7day_avg", names, "Kasus baru", "id")
    assert (english.layout.separators, indonesian.layout.separators) == (".,", ",.")
    assert english.layout.yaxis.exponentformat == "none"
    assert [t.type for t in english.data] == ["bar", "scatter"]


def test_the_province_page_compares_nothing_and_a_region_page_compares_with_the_province() -> None:
    alone = figures.comparison_chart(ROWS, None, "cases_7day_per_100k", ("Provinsi", "Provinsi"), "t", "id")
    assert len(alone.data) == 1
    pair = figures.comparison_chart(ROWS, ROWS, "cases_7day_per_100k", ("Kota Padang", "Provinsi"), "t", "id")
    assert [t.name for t in pair.data] == ["Provinsi", "Kota Padang"]


def test_chart_legends_sit_below_the_axis_and_long_titles_go_in_a_subtitle() -> None:
    names = {"daily": "Daily", "average": "7-day average"}
    for figure in (
        figures.daily_chart(ROWS, "new_cases", "cases_7day_avg", names, "New cases", "en"),
        figures.comparison_chart(ROWS, ROWS, "cases_7day_per_100k", ("Kota Padang", "Provinsi"), "t", "id"),
    ):
        # Anchored to the figure's foot, not the plot area, where it covered the year ticks.
        assert (figure.layout.legend.yref, figure.layout.legend.y, figure.layout.legend.yanchor) == (
            "container",
            0,
            "bottom",
        )
        assert figure.layout.margin.b >= 55
    rt = figures.rt_chart([], {"band": "95%", "rt": "Rt"}, "Effective reproduction number (Rt)", "en", "with its 95%")
    assert rt.layout.title.text == "Effective reproduction number (Rt)"
    assert rt.layout.title.subtitle.text == "with its 95%"


def test_one_check_in_charts_on_a_day_axis_around_its_day() -> None:
    import datetime as dt

    one = [{"measured_at": dt.datetime(2026, 11, 28, 10, 15), "spo2": 95, "temperature_c": 37.2, "triage": "stable"}]
    figure = figures.vitals_chart(one, {})
    for axis in ("xaxis", "xaxis2", "xaxis3"):
        x = figure.layout[axis]
        # Left to plotly, the axis spans the one instant and its ticks count milliseconds.
        assert tuple(x.range) == ("2026-11-27T00:00:00", "2026-11-30T00:00:00")
        assert (x.type, x.tickformat, x.ticklabelmode) == ("date", "%d %b", "period")
        assert (x.tick0, x.dtick) == ("2026-11-27T00:00:00", 24 * 60 * 60 * 1000)


def test_a_long_isolation_charts_whole_days_with_fewer_labels() -> None:
    import datetime as dt

    days = [
        {"measured_at": dt.datetime(2026, 11, d, 8), "spo2": 96, "respiratory_rate": 18, "triage": "stable"}
        for d in range(1, 15)
    ]
    x = figures.vitals_chart(days, {}).layout.xaxis
    assert tuple(x.range) == ("2026-10-31T00:00:00", "2026-11-16T00:00:00")
    assert x.dtick == 2 * 24 * 60 * 60 * 1000
    assert figures.vitals_chart([], {}).layout.xaxis.range is None


def test_the_rt_chart_draws_the_band_and_the_line_at_one() -> None:
    estimates = [
        {"date_end": "2021-08-01", "reported": False},
        {"date_end": "2021-08-08", "reported": True, "mean": 1.2, "q025": 1.0, "q975": 1.5},
        {"date_end": "2021-08-15", "reported": True, "mean": 0.9, "q025": 0.7, "q975": 1.1},
    ]
    figure = figures.rt_chart(estimates, {"band": "95%", "rt": "Rt"}, "Rt", "en")
    band, line = figure.data
    assert band.fill == "toself"
    assert list(band.y) == [1.5, 1.1, 0.7, 1.0]
    assert list(line.x) == ["2021-08-08", "2021-08-15"]
    assert figure.layout.shapes[0].y0 == 1


def test_the_warning_chart_marks_signal_days_and_greys_withheld_ones() -> None:
    rows = [
        {
            "region": "13.71",
            "date": "2021-08-01",
            "screenings": 10,
            "share_percent": 20.0,
            "signal": False,
            "suppressed": False,
        },
        {
            "region": "13.71",
            "date": "2021-08-02",
            "screenings": 12,
            "share_percent": 75.0,
            "signal": True,
            "suppressed": False,
        },
        {
            "region": "13.06",
            "date": "2021-08-02",
            "screenings": None,
            "share_percent": None,
            "signal": None,
            "suppressed": True,
        },
    ]
    words = {"withheld": "withheld", "share": "Share", "signal": "signal"}
    figure = figures.warning_chart(rows, {"13.71": "Kota Padang", "13.06": "Kab. Agam"}, words, "en")
    withheld, shares, signals = figure.data
    assert list(withheld.y) == ["Kota Padang", "Kab. Agam"]
    assert list(withheld.z[1]) == [None, 1]  # Agam on 2 August: withheld
    assert list(shares.z[0]) == [20.0, 75.0]
    assert (list(signals.x), list(signals.y)) == (["2021-08-02"], ["Kota Padang"])
    assert signals.showlegend is True


def test_graphs_fetch_nothing_from_outside_and_speak_the_page_language() -> None:
    config = figures.graph_config("en")
    assert config["locale"] == "en"
    assert config["topojsonURL"] == "/assets/"
    assert figures.graph_config("xx")["locale"] == "id"


ALERT = {"id": "a1", "lat": -0.93, "lon": 100.37, "status": "new", "category": "breathing", "routed_by_text": "r"}


def test_the_console_map_draws_every_boundary_as_svg_and_zooms_to_the_officers_region() -> None:
    geojson = shipped_boundaries()
    figure = figures.alert_map([ALERT], geojson, {"new": "Baru"}, region="13.71")
    kinds = {trace.type for trace in figure.data}
    assert kinds == {"choropleth", "scattergeo"}
    assert len(figure.data[0].locations) == len(geojson["features"])
    (west, east), (south, north) = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    assert west < 100.37 < east
    assert south < -0.93 < north
    # Kota Padang and the alert, not the whole province (which spans about three degrees of longitude).
    assert east - west < 1
    [marker] = [t for t in figure.data if t.type == "scattergeo" and len(t.lat)]
    assert list(marker.customdata) == ["a1"]


def test_the_province_map_shows_the_whole_province_and_far_alerts_too() -> None:
    geojson = shipped_boundaries()
    far = {**ALERT, "id": "far", "lat": 1.5, "lon": 99.0}
    figure = figures.alert_map([far], geojson, {}, region=None)
    (west, east), (south, north) = figure.layout.geo.lonaxis.range, figure.layout.geo.lataxis.range
    assert west < 99.0
    assert north > 1.5
    assert east > 101.5
    assert south < -2.5
    assert figures.alert_map([], geojson, {}).layout.geo.fitbounds == "geojson"


def test_tiles_are_drawn_only_when_configured() -> None:
    geojson = shipped_boundaries()
    tiled = figures.alert_map([ALERT], geojson, {}, tiles="https://tiles.example.org/{z}/{x}/{y}.png")
    assert {trace.type for trace in tiled.data} == {"scattermap"}
    assert tiled.layout.map.style["sources"]["tiles"]["tiles"] == ["https://tiles.example.org/{z}/{x}/{y}.png"]
    assert "tiles.example.org" not in str(figures.alert_map([ALERT], geojson, {}).to_plotly_json())
