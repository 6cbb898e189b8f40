"""Alert routing as a table: polygon, else nearest centroid within 150 km, else declared, else the province."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from importlib import resources

import pytest

from screening.alert_routing import (
    MAX_BORDER_TOLERANCE_KM,
    Area,
    Routing,
    areas,
    border_tolerance_km,
    choose_route,
    distance_km,
    edge_distance_km,
    in_province,
    inside_polygon,
    nearest,
    routed_by_text,
    should_reroute,
)

PADANG = ("13.71", -0.95, 100.41)
AGAM = ("13.06", -0.22, 100.17)


@pytest.mark.parametrize(
    ("polygon", "nearest_region", "declared", "expected"),
    [
        ("13.71", ("13.06", 5.0), "13.01", Routing("13.71", "polygon")),
        (None, ("13.06", 149.9), "13.01", Routing("13.06", "nearest")),
        (None, ("13.06", 150.1), "13.01", Routing("13.01", "declared")),
        (None, None, "13.01", Routing("13.01", "declared")),
        (None, ("13.06", 900.0), None, Routing(None, "none")),
        (None, None, None, Routing(None, "none")),
    ],
)
def test_the_routing_rule(
    polygon: str | None, nearest_region: tuple[str, float] | None, declared: str | None, expected: Routing
) -> None:
    assert choose_route(polygon, nearest_region, declared) == expected


@pytest.mark.parametrize(
    ("status", "routed_by", "expected"),
    [
        ("new", "declared", True),
        ("new", "none", True),
        ("new", "polygon", False),
        ("new", "nearest", False),
        ("acknowledged", "declared", False),
        ("dispatched", "none", False),
    ],
)
def test_a_first_real_fix_reroutes_only_an_untaken_alert_without_a_location(
    status: str, routed_by: str, expected: bool
) -> None:
    assert should_reroute(status, routed_by) is expected


def test_distances_are_great_circle_kilometres() -> None:
    # Padang to Bukittinggi is about 90 km by road and about 70 km as the crow flies.
    assert distance_km(-0.9471, 100.4172, -0.3056, 100.3692) == pytest.approx(71.5, abs=1.0)
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)


def test_nearest_picks_the_closest_centroid_and_none_without_centroids() -> None:
    code, km = nearest([PADANG, AGAM], -0.90, 100.40) or ("", 0.0)
    assert code == "13.71"
    assert km < 10
    assert nearest([], 0.0, 0.0) is None


# A square 0..4 x 0..4 (lon, lat) with a hole 1..2 x 1..2, and a separate island 10..11 x 10..11.
SQUARE_WITH_HOLE = [
    [[0.0, 0.0], [0.0, 4.0], [4.0, 4.0], [4.0, 0.0], [0.0, 0.0]],
    [[1.0, 1.0], [2.0, 1.0], [2.0, 2.0], [1.0, 2.0], [1.0, 1.0]],
]
ISLAND = [[[10.0, 10.0], [10.0, 11.0], [11.0, 11.0], [11.0, 10.0]]]  # not closed: the last edge is implied


@pytest.mark.parametrize(
    ("lat", "lon", "expected"),
    [
        (3.0, 3.0, True),  # inside the outline
        (1.5, 1.5, False),  # in the hole
        (0.5, 1.5, True),  # beside the hole
        (5.0, 3.0, False),  # north of it
        (3.0, -0.1, False),  # west of it
        (10.5, 10.5, True),  # on the island, whose ring is left open
        (10.5, 11.5, False),
    ],
)
def test_a_point_is_inside_a_polygon_by_the_even_odd_rule(lat: float, lon: float, expected: bool) -> None:
    # Without a border margin the province is exactly its polygons.
    assert in_province(lat, lon, areas([SQUARE_WITH_HOLE, ISLAND]), tolerance_km=0) is expected
    assert inside_polygon(lat, lon, SQUARE_WITH_HOLE) is (expected and lat < 5)


@pytest.mark.parametrize(
    ("lat", "lon", "km"),
    [
        (2.0, 2.0, 0.0),  # on the hole's corner
        (3.5, 2.0, 55.597),  # half a degree south of the outline's north edge, nearer it than the hole
        (0.0, -0.01, 1.112),  # west of the outline's corner
        (-0.01, 2.0, 1.112),  # south of its bottom edge
        (1.5, 1.5, 55.578),  # in the middle of the hole: half a degree of longitude at 1.5 degrees north
    ],
)
def test_the_distance_to_a_polygon_is_to_its_nearest_edge_of_any_ring(lat: float, lon: float, km: float) -> None:
    assert edge_distance_km(lat, lon, SQUARE_WITH_HOLE) == pytest.approx(km, abs=0.01)


@pytest.mark.parametrize(
    ("accuracy_m", "km"),
    [(None, 3.0), (0.0, 3.0), (-5.0, 3.0), (450.0, 3.45), (5_000.0, 8.0), (100_000.0, MAX_BORDER_TOLERANCE_KM)],
)
def test_a_fix_s_reported_accuracy_widens_the_border_margin_up_to_a_cap(accuracy_m: float | None, km: float) -> None:
    assert border_tolerance_km(accuracy_m) == pytest.approx(km)


@pytest.mark.parametrize(
    ("lat", "lon", "tolerance_km", "expected"),
    [
        (3.0, 3.0, 3.0, True),  # inside the outline
        (3.0, -0.02, 3.0, True),  # 2.2 km west of it
        (3.0, -0.05, 3.0, False),  # 5.6 km west of it
        (3.0, -0.05, 6.0, True),  # the same with a wider margin
        (1.5, 1.5, 3.0, False),  # in the middle of the hole, 55 km from its edges
        (1.01, 1.5, 3.0, True),  # in the hole, 1.1 km from the land around it
        (10.5, 11.02, 3.0, True),  # just east of the island, whose ring is left open
    ],
)
def test_a_point_near_a_polygon_s_edge_is_in_the_province(
    lat: float, lon: float, tolerance_km: float, expected: bool
) -> None:
    assert in_province(lat, lon, areas([SQUARE_WITH_HOLE, ISLAND]), tolerance_km) is expected


class UntouchablePolygon(list[list[list[float]]]):
    """A polygon whose edges fail when read: a point its bounding box rules out must never reach them."""

    def __iter__(self) -> Iterator[list[list[float]]]:
        raise AssertionError("the edges of a far polygon were read")


def test_a_far_point_is_ruled_out_by_the_bounding_boxes_without_reading_edges() -> None:
    far = Area(UntouchablePolygon(), west=100.0, south=-1.0, east=101.0, north=0.0)
    assert in_province(-6.2, 106.8, [far], MAX_BORDER_TOLERANCE_KM) is False  # Jakarta


@functools.cache
def shipped_province() -> tuple[Area, ...]:
    """The kabupaten/kota boundaries the product ships (data/kabkota.geojson), as polygons with their boxes."""
    text = resources.files("sumbar_data").joinpath("kabkota.geojson").read_text(encoding="utf-8")
    shapes = [feature["geometry"] for feature in json.loads(text)["features"]]
    return areas(p for g in shapes for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]))


# Distances are to the shipped boundaries; "land" is the OSM coastline's.
@pytest.mark.parametrize(
    ("where", "lat", "lon", "accuracy_m", "expected"),
    [
        ("Padang's beach, 0.2 km outside the simplified coast", -0.95, 100.35, None, True),
        ("1 km off Padang's beach", -0.95, 100.341, None, True),
        ("5 km off Padang's beach", -0.95, 100.305, None, False),
        ("5 km off Padang's beach, the fix good to 3 km", -0.95, 100.305, 3_000.0, True),
        ("Bukittinggi, deep inland (a hole in Agam's outline)", -0.3056, 100.3692, None, True),
        ("Solok, inland", -0.79, 100.66, None, True),
        ("Tua Pejat, on Sipora", -2.03, 99.59, None, True),
        ("the strait between Sipora and North Pagai", -2.35, 99.85, None, True),
        ("the Mentawai strait, 36 km from any land", -1.2, 99.85, None, False),
        ("the Mentawai strait with a 50 km accuracy (the margin is capped)", -1.2, 99.85, 50_000.0, False),
        ("the open sea 56 km west of Siberut", -1.3, 98.1, None, False),
        ("Pekanbaru, Riau, 74 km past the border", 0.507, 101.447, None, False),
        ("Medan", 3.59, 98.67, None, False),
        ("Jakarta", -6.2, 106.8, None, False),
    ],
)
def test_a_fix_is_in_the_province_on_its_coast_but_not_out_at_sea(
    where: str, lat: float, lon: float, accuracy_m: float | None, expected: bool
) -> None:
    assert in_province(lat, lon, shipped_province(), border_tolerance_km(accuracy_m)) is expected, where


@pytest.mark.parametrize(
    ("routed_by", "region", "lang", "monitoring", "text"),
    [
        ("polygon", "Kota Padang", "en", False, "inside Kota Padang's boundary"),
        ("polygon", "Kota Padang", "id", False, "di dalam batas Kota Padang"),
        ("nearest", "Kab. Agam", "en", False, "nearest to Kab. Agam"),
        ("declared", "Kota Padang", "en", False, "declared by the resident: Kota Padang"),
        ("declared", "Kota Padang", "en", True, "the isolation episode's region: Kota Padang"),
        ("none", None, "en", False, "province queue"),
        ("none", None, "id", False, "antrean provinsi"),
    ],
)
def test_the_routing_reads_as_words(routed_by: str, region: str | None, lang: str, monitoring: bool, text: str) -> None:
    assert routed_by_text(routed_by, region, lang, monitoring) == text
