"""COVID-19 referral hospitals per kabupaten/kota, as shipped in data/hospitals.csv."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources

HOSPITALS_CSV = "hospitals.csv"


@dataclass(frozen=True)
class Hospital:
    region_code: str
    code: str
    name: str
    type: str  # national_referral, provincial_referral, hospital, or "" when the source does not say
    beds: int | None
    phone: str
    address: str
    lat: float
    lon: float

    @property
    def tel(self) -> str | None:
        """The phone as a tel: link target in international form: (0751) 91428 -> +6275191428. A number
        listed without its leading 0 (7542371985) is a number in Indonesia all the same."""
        digits = re.sub(r"\D", "", self.phone)
        if not digits:
            return None
        if digits.startswith("62"):
            return "+" + digits
        return "+62" + (digits[1:] if digits.startswith("0") else digits)


@functools.cache
def hospitals() -> tuple[Hospital, ...]:
    """Every hospital, by region, typed ones first (the file is read once per process: it ships with the code)."""
    text = resources.files("sumbar_data").joinpath(HOSPITALS_CSV).read_text(encoding="utf-8")
    return tuple(
        Hospital(
            region_code=row["region_code"],
            code=row["code"],
            name=row["name"],
            type=row["type"],
            beds=int(row["beds"]) if row["beds"] else None,
            phone=row["phone"],
            address=row["address"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in csv.DictReader(text.splitlines())
    )


def hospitals_in(region: str | None = None) -> list[Hospital]:
    """The hospitals of one kabupaten/kota, or all of them."""
    return [h for h in hospitals() if region is None or h.region_code == region]
