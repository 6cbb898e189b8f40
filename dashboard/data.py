"""The dashboard's only door into the API package: queries returning plain data."""

from __future__ import annotations

from typing import Any

from api.services.regions import list_regions


def regions_table() -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "capital": r.capital,
            "population_2020": r.population_2020,
            "area_km2": r.area_km2,
        }
        for r in list_regions()
    ]
