"""The 19 kabupaten/kota: lookup and loading from data/regions.csv (installed as the package sumbar_data)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import sqlalchemy as sa
from flask import current_app

from api.extensions import db
from api.models import Region
from api.services.exceptions import InvalidInput, NotFound
from api.transactions import unit_of_work
from screening.text import bilingual

REGIONS_CSV = Path(str(resources.files("sumbar_data").joinpath("regions.csv")))
_CODES_KEY = "sumbar.region_codes"
_CENTROIDS_KEY = "sumbar.region_centroids"
_NAMES_KEY = "sumbar.region_names"


def list_regions() -> Sequence[Region]:
    return db.session.scalars(sa.select(Region).order_by(Region.code)).all()


def get_region(code: str) -> Region:
    region = db.session.get(Region, code)
    if region is None:
        raise NotFound(bilingual(f"Wilayah {code} tidak ditemukan.", f"Region {code} not found."))
    return region


def region_exists(code: str) -> bool:
    """Checked on every submission, so the codes are read once per process; `load_regions` refreshes them."""
    codes: frozenset[str] | None = current_app.extensions.get(_CODES_KEY)
    if codes is None:
        codes = frozenset(db.session.scalars(sa.select(Region.code)).all())
        # An empty table means the reference data is not loaded yet: ask again next time.
        if codes:
            current_app.extensions[_CODES_KEY] = codes
    return code in codes


def region_centroids() -> tuple[tuple[str, float, float], ...]:
    """(code, lat, lon) of every region, read once per process like the codes; `load_regions` refreshes them."""
    cached: tuple[tuple[str, float, float], ...] | None = current_app.extensions.get(_CENTROIDS_KEY)
    if cached is None:
        rows = db.session.execute(sa.select(Region.code, Region.centroid_lat, Region.centroid_lon)).all()
        cached = tuple((r.code, r.centroid_lat, r.centroid_lon) for r in rows)
        if cached:
            current_app.extensions[_CENTROIDS_KEY] = cached
    return cached


def region_name(code: str) -> str | None:
    """A region's name, read once per process like the codes (every alert in a queue names its region)."""
    names: dict[str, str] | None = current_app.extensions.get(_NAMES_KEY)
    if names is None:
        names = {row.code: row.name for row in db.session.execute(sa.select(Region.code, Region.name))}
        if names:
            current_app.extensions[_NAMES_KEY] = names
    return names.get(code)


def check_region(code: str | None) -> None:
    """Refuse an unknown kabupaten/kota code sent in a body (422 on the field `region`)."""
    if code is not None and not region_exists(code):
        raise InvalidInput(
            bilingual("Isian tidak valid.", "Invalid input."),
            {"json": {"region": [bilingual(f"Kode wilayah tidak dikenal: {code}.", f"Unknown region code: {code}.")]}},
        )


def load_regions(path: Path = REGIONS_CSV) -> tuple[int, int]:
    """Insert or update every region in the file; returns (inserted, updated). Running it twice changes nothing."""
    with unit_of_work():
        inserted = updated = 0
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values = {
                    "bps_code": row["bps_code"],
                    "name": row["name"],
                    "short_name": row["short_name"],
                    "type": row["type"],
                    "capital": row["capital"],
                    "population_2020": int(row["population_2020"]),
                    "area_km2": float(row["area_km2"]),
                    "centroid_lat": float(row["centroid_lat"]),
                    "centroid_lon": float(row["centroid_lon"]),
                }
                region = db.session.get(Region, row["code"])
                if region is None:
                    db.session.add(Region(code=row["code"], **values))
                    inserted += 1
                elif any(getattr(region, key) != value for key, value in values.items()):
                    for key, value in values.items():
                        setattr(region, key, value)
                    updated += 1
    current_app.extensions.pop(_CODES_KEY, None)
    current_app.extensions.pop(_CENTROIDS_KEY, None)
    current_app.extensions.pop(_NAMES_KEY, None)
    return inserted, updated
