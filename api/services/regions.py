"""The 19 kabupaten/kota: lookup and loading from data/regions.csv (installed as the package sumbar_data)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import sqlalchemy as sa

from api.caching import forget_per_process, per_process
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
    return code in per_process(_CODES_KEY, lambda: frozenset(db.session.scalars(sa.select(Region.code))))


def region_centroids() -> tuple[tuple[str, float, float], ...]:
    """(code, lat, lon) of every region, read once per process like the codes; `load_regions` refreshes them."""

    def read() -> tuple[tuple[str, float, float], ...]:
        rows = db.session.execute(sa.select(Region.code, Region.centroid_lat, Region.centroid_lon))
        return tuple((r.code, r.centroid_lat, r.centroid_lon) for r in rows)

    return per_process(_CENTROIDS_KEY, read)


def region_name(code: str) -> str | None:
    """A region's name, read once per process like the codes (every alert in a queue names its region)."""
    names = per_process(
        _NAMES_KEY, lambda: {row.code: row.name for row in db.session.execute(sa.select(Region.code, Region.name))}
    )
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
    forget_per_process(_CODES_KEY, _CENTROIDS_KEY, _NAMES_KEY)
    return inserted, updated
