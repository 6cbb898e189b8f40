"""Alert routing as a table: polygon, else nearest centroid within 150 km, else declared, else the province."""

from __future__ import annotations

import pytest

from screening.alert_routing import (
    Routing,
    choose_route,
    distance_km,
    inside_any,
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
    assert inside_any(lat, lon, [SQUARE_WITH_HOLE, ISLAND]) is expected
    assert inside_polygon(lat, lon, SQUARE_WITH_HOLE) is (expected and lat < 5)


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
