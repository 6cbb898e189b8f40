"""Kabupaten/kota boundaries (GeoJSON, Shapefile or GeoPackage) and point lookups for routing alerts."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from api.caching import per_process

# geopandas and shapely take a second to import: loaded only when a boundary file is read, so that every
# process, CLI command and test server that never routes by polygon starts without them.
if TYPE_CHECKING:
    import geopandas as gpd

log = logging.getLogger(__name__)
CODE_FIELDS = ("code", "kemendagri_code", "kode", "kode_kab", "KDPKAB")
_CACHE_KEY = "sumbar.boundaries"


class BoundaryFileError(ValueError):
    """The configured boundary file cannot be used."""


@dataclass(frozen=True)
class Boundaries:
    frame: gpd.GeoDataFrame  # one row per region, WGS84, column "code"

    def region_at(self, lat: float, lon: float) -> str | None:
        """The region whose polygon contains the point; the smallest one if polygons overlap (enclaves)."""
        import shapely

        point = shapely.Point(lon, lat)
        hits = self.frame.sindex.query(point, predicate="intersects")
        if len(hits) == 0:
            return None
        # Comparing areas in degrees is enough to pick the smaller of two nested polygons.
        areas = shapely.area(self.frame.geometry.values[hits])
        return str(self.frame["code"].iloc[hits[areas.argmin()]])

    @property
    def codes(self) -> list[str]:
        return [str(code) for code in self.frame["code"]]


def read_boundaries(path: str | Path, code_field: str | None = None) -> Boundaries:
    import geopandas as gpd

    try:
        frame = gpd.read_file(path)
    except Exception as error:  # the readers raise many types; all mean "unusable file"
        raise BoundaryFileError(f"cannot read boundary file {path}: {error}") from error
    field = code_field or next((name for name in CODE_FIELDS if name in frame.columns), None)
    if field is None or field not in frame.columns:
        raise BoundaryFileError(f"{path}: no region code column (looked for {code_field or ', '.join(CODE_FIELDS)})")
    if frame.crs is None:
        frame = frame.set_crs(4326)
    frame = frame.to_crs(4326)
    frame = frame[[field, "geometry"]].rename(columns={field: "code"})
    frame["code"] = frame["code"].astype(str)
    # Shapefiles may store several parts of one region as separate rows.
    frame = frame.dissolve(by="code", as_index=False)
    return Boundaries(frame)


def configured_boundaries() -> Boundaries | None:
    """The file named by SUMBAR_BOUNDARIES, read once per process; None when unset."""
    path = current_app.config.get("BOUNDARIES")
    if not path:
        return None

    def read() -> Boundaries:
        boundaries = read_boundaries(path, current_app.config.get("BOUNDARIES_CODE_FIELD"))
        log.info("loaded %d region boundaries from %s", len(boundaries.frame), path)
        return boundaries

    return per_process(_CACHE_KEY, read, key=path)
