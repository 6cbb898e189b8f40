"""COVID-19 referral hospitals: the shipped list (data/hospitals.csv), the hospitals table loaded from it, and
the public view of each hospital with its latest bed report."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import BedReport
from api.models import Hospital as HospitalRow
from api.services.exceptions import NotFound
from api.transactions import unit_of_work
from screening.alert_routing import distance_km
from screening.text import bilingual
from surveillance.beds import COUNTS, age_hours, has_free, is_stale

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
def _shipped_text() -> str:
    return resources.files("sumbar_data").joinpath(HOSPITALS_CSV).read_text(encoding="utf-8")


@functools.cache
def shipped_digest() -> str:
    """Names the shipped hospital file: a name, phone or address corrected there is a new version of the list."""
    return hashlib.sha256(_shipped_text().encode()).hexdigest()[:12]


@functools.cache
def hospitals() -> tuple[Hospital, ...]:
    """Every hospital, by region, typed ones first (the file is read once per process: it ships with the code)."""
    text = _shipped_text()
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


FIELDS = ("region_code", "name", "type", "beds", "phone", "address", "lat", "lon")


def load_hospitals() -> tuple[int, int]:
    """Insert or update every shipped hospital; returns (inserted, updated). Running it twice changes nothing."""
    inserted = updated = 0
    with unit_of_work():
        for shipped in hospitals():
            values = {name: getattr(shipped, name) for name in FIELDS}
            row = db.session.get(HospitalRow, shipped.code)
            if row is None:
                db.session.add(HospitalRow(code=shipped.code, **values))
                inserted += 1
            elif any(getattr(row, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                updated += 1
    return inserted, updated


def not_found(code: str) -> NotFound:
    return NotFound(bilingual(f"Rumah sakit {code} tidak ditemukan.", f"Hospital {code} not found."))


def get_hospital(code: str) -> HospitalRow:
    row = db.session.get(HospitalRow, code)
    if row is None:
        raise not_found(code)
    return row


def latest_reports(codes: Sequence[str] | None = None) -> dict[str, BedReport]:
    """Each hospital's report of its latest day (of the given hospitals, or all)."""
    latest = (
        sa.select(BedReport.hospital_code, sa.func.max(BedReport.day).label("day"))
        .group_by(BedReport.hospital_code)
        .subquery()
    )
    query = sa.select(BedReport).join(
        latest, sa.and_(BedReport.hospital_code == latest.c.hospital_code, BedReport.day == latest.c.day)
    )
    if codes is not None:
        query = query.where(BedReport.hospital_code.in_(codes))
    return {report.hospital_code: report for report in db.session.scalars(query)}


def report_view(report: BedReport | None, now: dt.datetime) -> dict[str, Any] | None:
    """A report as the public and the task force read it: the counts, free beds, its time, age and staleness."""
    if report is None:
        return None
    counts = {name: getattr(report, name) for name in COUNTS}
    return {
        "day": report.day,
        "reported_at": report.reported_at,
        "age_hours": age_hours(report.reported_at, now),
        "stale": is_stale(report.reported_at, now),
        "demo": report.is_demo,
        **counts,
        "isolation_free": report.isolation_total - report.isolation_occupied,
        "icu_free": report.icu_total - report.icu_occupied,
    }


def hospital_view(row: HospitalRow, report: BedReport | None, now: dt.datetime) -> dict[str, Any]:
    shipped = Hospital(
        row.region_code, row.code, row.name, row.type, row.beds, row.phone, row.address, row.lat, row.lon
    )
    return {
        "code": row.code,
        "name": row.name,
        "type": row.type or None,
        "region": row.region_code,
        "address": row.address,
        "phone": row.phone or None,
        "tel": shipped.tel,
        "location": {"lat": row.lat, "lon": row.lon},
        "beds": row.beds,
        "latest_report": report_view(report, now),
        "distance_km": None,
    }


def list_hospitals(
    region: str | None = None, near: tuple[float, float] | None = None, free: str | None = None
) -> list[dict[str, Any]]:
    """Hospitals of a region (or all), only those whose latest report shows a free bed of `free` (isolation or
    icu, stale reports included and marked), nearest first when `near` is given, else by region and name."""
    query = sa.select(HospitalRow).order_by(HospitalRow.region_code, HospitalRow.name)
    if region is not None:
        query = query.where(HospitalRow.region_code == region)
    rows = db.session.scalars(query).all()
    reports = latest_reports([row.code for row in rows] if region is not None else None)
    now = utcnow()
    views = []
    for row in rows:
        report = reports.get(row.code)
        if free is not None and not has_free(_counts(report), free):
            continue
        view = hospital_view(row, report, now)
        view["distance_km"] = None if near is None else round(distance_km(near[0], near[1], row.lat, row.lon), 1)
        views.append(view)
    if near is not None:
        views.sort(key=lambda view: view["distance_km"])
    return views


def _counts(report: BedReport | None) -> dict[str, int | None] | None:
    return None if report is None else {name: getattr(report, name) for name in COUNTS}


def hospital_detail(code: str) -> dict[str, Any]:
    row = get_hospital(code)
    return hospital_view(row, latest_reports([code]).get(code), utcnow())


def nearest_free(near: tuple[float, float] | None, region: str | None, limit: int = 3) -> list[dict[str, Any]]:
    """The nearest hospitals with a free isolation or ICU bed: by distance from `near`, else those of `region`
    (largest number of free isolation beds first); fresh reports before stale ones."""
    found = [
        view
        for view in list_hospitals(region=None if near else region, near=near)
        if view["latest_report"]
        and (view["latest_report"]["isolation_free"] > 0 or view["latest_report"]["icu_free"] > 0)
    ]
    if near is None and region is None:
        return []
    if near is None:
        found.sort(key=lambda view: -view["latest_report"]["isolation_free"])
    found.sort(key=lambda view: view["latest_report"]["stale"])
    return found[:limit]


def as_json(value: Any) -> Any:
    """A view with its dates and times as ISO 8601 text, to be stored in a JSON column as it was shown."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


# The public list measures distances from `near` rounded to this many decimals (about 110 m; distances are given
# to 0.1 km): phones a street apart share one cached list, and the cache holds no finer point than that.
NEAR_DECIMALS = 3


def listing_point(near: tuple[float, float] | None) -> tuple[float, float] | None:
    return None if near is None else (round(near[0], NEAR_DECIMALS), round(near[1], NEAR_DECIMALS))


def data_version() -> str:
    """Changes with every bed report written, every hour (ages are in hours; staleness moves with them) and with
    the shipped hospital file (the only source of the hospitals' own details, loaded by `reference load`)."""
    hospitals_count = db.session.scalar(sa.select(sa.func.count(HospitalRow.code)))
    reports, latest = db.session.execute(
        sa.select(sa.func.count(BedReport.id), sa.func.max(BedReport.reported_at))
    ).one()
    hour = utcnow().strftime("%Y%m%d%H")
    details = shipped_digest()
    return f"hospitals:{details}:{hospitals_count}:{reports}:{latest.isoformat() if latest else '-'}:{hour}"
