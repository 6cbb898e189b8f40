"""Which task force gets an alert: the region containing its location, else the nearest, else declared (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from screening.alert_workflow import NEW
from screening.text import Text, bilingual, localize

EARTH_RADIUS_KM = 6371.0088
# Beyond this distance from every region's centroid a point is not in the province: route to the province queue.
MAX_NEAREST_KM = 150.0
POLYGON, NEAREST, DECLARED, NONE = "polygon", "nearest", "declared", "none"
ROUTINGS = (POLYGON, NEAREST, DECLARED, NONE)


# A polygon as GeoJSON writes it: rings of [lon, lat] pairs, the first ring the outline, the others holes.
Polygon = Sequence[Sequence[Sequence[float]]]


@dataclass(frozen=True)
class Routing:
    """`region_code` None is the province queue."""

    region_code: str | None
    routed_by: str


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def nearest(centroids: Iterable[tuple[str, float, float]], lat: float, lon: float) -> tuple[str, float] | None:
    """The code of the nearest centroid and its distance in km; None without centroids."""
    best: tuple[str, float] | None = None
    for code, c_lat, c_lon in centroids:
        km = distance_km(lat, lon, c_lat, c_lon)
        if best is None or km < best[1]:
            best = (code, km)
    return best


def choose_route(
    polygon_code: str | None,
    nearest_region: tuple[str, float] | None,
    declared: str | None,
    max_km: float = MAX_NEAREST_KM,
) -> Routing:
    """The polygon that contains the point; else the nearest centroid within `max_km`; else the region the
    resident declared; else the province queue."""
    if polygon_code is not None:
        return Routing(polygon_code, POLYGON)
    if nearest_region is not None and nearest_region[1] <= max_km:
        return Routing(nearest_region[0], NEAREST)
    if declared:
        return Routing(declared, DECLARED)
    return Routing(None, NONE)


def should_reroute(status: str, routed_by: str) -> bool:
    """The first real fix beats a declared region (or the province queue) while nobody has taken the alert."""
    return status == NEW and routed_by in (DECLARED, NONE)


def inside_polygon(lat: float, lon: float, polygon: Polygon) -> bool:
    """Even-odd ray casting over every ring, so a point in a hole is outside."""
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def inside_any(lat: float, lon: float, polygons: Iterable[Polygon]) -> bool:
    """Whether the point lies in one of the polygons (the kabupaten/kota that make up the province)."""
    return any(inside_polygon(lat, lon, polygon) for polygon in polygons)


# How an alert reached its queue, in words for the officer; {region} is the region's name.
ROUTED_BY_TEXT: dict[str, Text] = {
    POLYGON: bilingual("di dalam batas {region}", "inside {region}'s boundary"),
    NEAREST: bilingual("terdekat ke {region}", "nearest to {region}"),
    DECLARED: bilingual("dinyatakan oleh warga: {region}", "declared by the resident: {region}"),
    NONE: bilingual("antrean provinsi", "province queue"),
}
# Monitoring alerts go to the region of the isolation episode that raised them.
EPISODE_REGION_TEXT = bilingual("wilayah episode isolasi: {region}", "the isolation episode's region: {region}")


def routed_by_text(routed_by: str, region_name: str | None, lang: str, monitoring: bool = False) -> str:
    """The routing in words, e.g. "inside Kota Padang's boundary" or "province queue"."""
    if region_name is None:
        routed_by = NONE
    template = EPISODE_REGION_TEXT if monitoring and routed_by == DECLARED else ROUTED_BY_TEXT.get(routed_by)
    if template is None:
        return routed_by
    return localize(template, lang).format(region=region_name)
