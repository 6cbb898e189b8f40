"""The kabupaten/kota boundaries the dashboard's maps draw: the file in SUMBAR_BOUNDARIES when set, else the
one shipped in data/kabkota.geojson (alerts are routed with api.geo, which this module does not change)."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

import shapely
from flask import current_app

from api.caching import per_process
from api.geo import configured_boundaries

SHIPPED_BOUNDARIES = "kabkota.geojson"
_CACHE_KEY = "sumbar.map_boundaries"


@functools.cache
def shipped_boundaries() -> dict[str, Any]:
    """The product's own boundaries: GeoJSON features with `code`, names and a label point inside each."""
    text = resources.files("sumbar_data").joinpath(SHIPPED_BOUNDARIES).read_text(encoding="utf-8")
    collection: dict[str, Any] = json.loads(text)
    return collection


def map_boundaries() -> dict[str, Any]:
    """What the maps draw: the configured boundary file (read once per process) or the shipped one."""
    path = current_app.config.get("BOUNDARIES")
    if not path:
        return shipped_boundaries()

    def read() -> dict[str, Any]:
        found = configured_boundaries()
        assert found is not None
        return _with_labels(found.frame.__geo_interface__)

    return per_process(_CACHE_KEY, read, key=path)


def _with_labels(collection: dict[str, Any]) -> dict[str, Any]:
    """Each feature keyed by code, wound clockwise (as SVG maps draw polygons), with a label point inside."""
    for feature in collection["features"]:
        geometry = shapely.orient_polygons(shapely.geometry.shape(feature["geometry"]), exterior_cw=True)
        feature["geometry"] = shapely.geometry.mapping(geometry)
        point = shapely.point_on_surface(geometry)
        feature["properties"].update({"label_lon": point.x, "label_lat": point.y})
        feature["id"] = feature["properties"]["code"]
    return collection
