"""Which task force gets an alert (the region containing its fix, else the nearest, else declared), and whether a fix
is in the province (pure)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from screening.alert_workflow import NEW
from screening.text import Text, bilingual, localize

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
# Beyond this distance from every region's centroid a point is not in the province: route to the province queue.
MAX_NEAREST_KM = 150.0
# How far outside every mapped kabupaten/kota a fix may lie and still be in the province. The shipped boundaries
# (data/kabkota.geojson) simplify a source that is itself simplified (shared data/sumbar_kabkota.geojson), and
# phones are off by tens to hundreds of metres. Measured against the full-resolution OSM and GSHHG coastlines
# that the roaring-landmask package ships: the real coast of the mainland and of the mapped islands lies at most
# 0.7 km outside the shipped boundaries (OSM; GSHHG, coarser itself, agrees within 0.85 km at 95 % of its coast
# vertices); the shipped simplification moved no source vertex more than 0.35 km; Padang's beach at -0.95, 100.35
# is 0.2 km outside. 3 km covers that error, a fix a few hundred metres off, someone on a jetty or a boat near
# the shore, and Pulau Sikuai (a resort island 2-2.6 km off Padang's mapped coast), while a fix in the Mentawai
# strait, 30 km or more from any land, stays outside. The margin applies across the land border too: a press a
# few km inside Riau or Jambi is not told to call 112 (the routing sends it to the nearest task force anyway).
# Some small islands are missing from the source altogether (the farthest found lies 15 km from mapped land): no
# tolerance covers them, only better boundaries would.
BORDER_TOLERANCE_KM = 3.0
# A fix's reported accuracy widens the margin, up to this: a coarser fix says little about where the resident is,
# and the open sea must stay outside whatever the phone reports.
MAX_BORDER_TOLERANCE_KM = 10.0
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


@dataclass(frozen=True)
class Area:
    """A polygon with its bounding box in degrees, so that a point far from it skips its edges."""

    polygon: Polygon
    west: float
    south: float
    east: float
    north: float


def areas(polygons: Iterable[Polygon]) -> tuple[Area, ...]:
    """The polygons with their bounding boxes, made once for every point checked against them."""
    found = []
    for polygon in polygons:
        lons = [vertex[0] for ring in polygon for vertex in ring]
        lats = [vertex[1] for ring in polygon for vertex in ring]
        if lons:
            found.append(Area(polygon, min(lons), min(lats), max(lons), max(lats)))
    return tuple(found)


def edge_distance_km(lat: float, lon: float, polygon: Polygon) -> float:
    """Distance from the point to the nearest edge of any ring, on an equirectangular projection around the
    point (within a fraction of a percent of the great circle over the few km it decides on)."""
    ky, kx = KM_PER_DEGREE, KM_PER_DEGREE * math.cos(math.radians(lat))
    best = math.inf
    for ring in polygon:
        for (lon1, lat1), (lon2, lat2) in zip(ring, [*ring[1:], ring[0]], strict=True):
            # The point is the origin; t is where the perpendicular from it meets the edge, kept on the edge.
            x1, y1 = (lon1 - lon) * kx, (lat1 - lat) * ky
            dx, dy = (lon2 - lon1) * kx, (lat2 - lat1) * ky
            length2 = dx * dx + dy * dy
            t = 0.0 if length2 == 0 else min(1.0, max(0.0, -(x1 * dx + y1 * dy) / length2))
            best = min(best, math.hypot(x1 + t * dx, y1 + t * dy))
    return best


def border_tolerance_km(accuracy_m: float | None) -> float:
    """BORDER_TOLERANCE_KM widened by the fix's reported accuracy (when it has one), capped."""
    extra = accuracy_m / 1000 if accuracy_m is not None and accuracy_m > 0 else 0.0
    return min(BORDER_TOLERANCE_KM + extra, MAX_BORDER_TOLERANCE_KM)


def in_province(lat: float, lon: float, province: Sequence[Area], tolerance_km: float = BORDER_TOLERANCE_KM) -> bool:
    """Inside one of the areas, or within `tolerance_km` of an edge of one (a fix on the beach, on a boat just
    offshore, or a fix whose error carries it across a simplified boundary)."""
    dlat = tolerance_km / KM_PER_DEGREE
    dlon = tolerance_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    near = [
        area
        for area in province
        if area.south - dlat <= lat <= area.north + dlat and area.west - dlon <= lon <= area.east + dlon
    ]
    # Containment first: most fixes are well inside a region and need no distances.
    return any(inside_polygon(lat, lon, area.polygon) for area in near) or any(
        edge_distance_km(lat, lon, area.polygon) <= tolerance_km for area in near
    )


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
