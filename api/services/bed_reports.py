"""Hospital bed reports in: one day's counts from a hospital's staff or the task force, and a file of many
hospitals' days; each checked whole, audited, and replacing an earlier report of the same day."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from api.caching import forget_recent
from api.clock import local_today, utcnow
from api.extensions import db
from api.models import BedReport, BedReportAudit, Hospital, StaffUser
from api.services.exceptions import InvalidInput, PermissionDenied
from api.services.hospitals import get_hospital, not_found
from api.services.staff.roles import WRONG_ROLE
from api.transactions import unit_of_work
from screening.text import bilingual
from surveillance.beds import (
    COUNTS,
    MAX_COUNT,
    DayBeds,
    WeekOccupancy,
    count_problems,
    day_problem,
    is_silent,
    occupancy_series,
    week_occupancy,
)

INVALID = bilingual("Isian tidak valid.", "Invalid input.")
# Who reports for every hospital; a rumah_sakit account reports for its own only.
PROVINCIAL = ("admin", "satgas_provinsi")
REPORTERS = (*PROVINCIAL, "rumah_sakit")

MESSAGES = {
    "required": bilingual("Wajib diisi.", "Required."),
    "negative": bilingual("Tidak boleh negatif.", "Must not be negative."),
    "too_large": bilingual(f"Paling banyak {MAX_COUNT}.", f"At most {MAX_COUNT}."),
    "above_total": bilingual("Tidak boleh melebihi jumlah tempat tidur.", "Must not exceed the number of beds."),
    "pair": bilingual("Isi jumlah tempat tidur dan yang terisi bersama.", "Give the beds and the occupied together."),
    "not_integer": bilingual("Harus bilangan bulat.", "Must be a whole number."),
    "before_2020": bilingual("Tanggal sebelum 2020.", "A date before 2020."),
    "future": bilingual("Tanggal di masa depan.", "A date in the future."),
    "bad_date": bilingual("Tanggal tidak valid (YYYY-MM-DD).", "Not a valid date (YYYY-MM-DD)."),
    "unknown_hospital": bilingual("Kode rumah sakit tidak dikenal.", "Unknown hospital code."),
    "duplicate": bilingual(
        "Rumah sakit dan tanggal ini sudah ada di berkas.", "This hospital and day are already in the file."
    ),
}


def check_reporter(user: StaffUser, code: str) -> Hospital:
    """The hospital `user` may report for: any for the provincial task force; a hospital account only its own,
    and any other hospital is answered as not found (its existence is none of their business)."""
    if user.role not in REPORTERS:
        raise PermissionDenied(WRONG_ROLE)
    if user.role == "rumah_sakit" and user.hospital_code != code:
        raise not_found(code)
    return get_hospital(code)


def _problems(day: dt.date, counts: Mapping[str, int | None]) -> dict[str, list[dict[str, str]]]:
    errors = {name: [MESSAGES[code]] for name, code in count_problems(counts).items()}
    problem = day_problem(day, local_today())
    if problem:
        errors["day"] = [MESSAGES[problem]]
    return errors


def _snapshot(report: BedReport) -> dict[str, Any]:
    return {name: getattr(report, name) for name in COUNTS}


def _write(
    code: str, day: dt.date, counts: Mapping[str, int | None], actor: str, staff: StaffUser | None, demo: bool = False
) -> BedReport:
    """Insert or replace one day's report and audit it; inside the caller's unit of work."""
    now = utcnow()
    report = db.session.scalar(sa.select(BedReport).where(BedReport.hospital_code == code, BedReport.day == day))
    before = _snapshot(report) if report is not None else None
    if report is None:
        report = BedReport(hospital_code=code, day=day)
        db.session.add(report)
    for name in COUNTS:
        setattr(report, name, counts.get(name))
    report.reported_at = now
    report.reported_by_id = staff.id if staff else None
    report.is_demo = demo
    db.session.add(
        BedReportAudit(
            hospital_code=code,
            day=day,
            actor=actor,
            staff_id=staff.id if staff else None,
            before=before,
            after=_snapshot(report),
            at=now,
        )
    )
    return report


def put_report(code: str, day: dt.date, counts: Mapping[str, int | None], user: StaffUser) -> tuple[BedReport, bool]:
    """Store a hospital's counts for `day`, replacing an earlier report of that day; (report, replaced)."""
    check_reporter(user, code)
    errors = _problems(day, counts)
    if errors:
        raise InvalidInput(INVALID, {"json": errors})
    with unit_of_work():
        replaced = db.session.scalar(
            sa.select(sa.func.count(BedReport.id)).where(BedReport.hospital_code == code, BedReport.day == day)
        )
        report = _write(code, day, counts, f"staff:{user.username}"[:60], user)
    forget_recent()  # urgent screening replies of this process name hospitals with free beds from the new count
    return report, bool(replaced)


def audit_trail(code: str) -> list[BedReportAudit]:
    return list(
        db.session.scalars(
            sa.select(BedReportAudit).where(BedReportAudit.hospital_code == code).order_by(BedReportAudit.id)
        )
    )


def silent_hospitals() -> list[dict[str, Any]]:
    """Hospitals that have not reported for 3 days (or never), longest silent first, for the task force to call."""
    query = sa.select(BedReport.hospital_code, sa.func.max(BedReport.reported_at)).group_by(BedReport.hospital_code)
    last: dict[str, dt.datetime] = {row[0]: row[1] for row in db.session.execute(query)}
    now = utcnow()
    found = []
    for row in db.session.scalars(sa.select(Hospital).order_by(Hospital.region_code, Hospital.name)):
        reported = last.get(row.code)
        if is_silent(reported, now):
            found.append(
                {
                    "code": row.code,
                    "name": row.name,
                    "region": row.region_code,
                    "phone": row.phone or None,
                    "last_reported_at": reported,
                    "days_silent": (now - reported).days if reported else None,
                }
            )
    found.sort(key=lambda item: (item["last_reported_at"] is not None, item["last_reported_at"] or now))
    return found


def week_occupancies(week_end: dt.date) -> dict[str, WeekOccupancy]:
    """Each region's isolation-bed occupancy in the week to `week_end`, where any of its hospitals reported."""
    first = week_end - dt.timedelta(days=6)
    rows = db.session.execute(
        sa.select(
            Hospital.region_code,
            BedReport.hospital_code,
            BedReport.day,
            BedReport.isolation_total,
            BedReport.isolation_occupied,
        )
        .join(Hospital, Hospital.code == BedReport.hospital_code)
        .where(BedReport.day >= first, BedReport.day <= week_end)
    )
    by_region: dict[str, list[DayBeds]] = {}
    for region, hospital, day, total, occupied in rows:
        by_region.setdefault(region, []).append(DayBeds(hospital, day, total, occupied))
    found = {region: week_occupancy(reports, week_end) for region, reports in by_region.items()}
    return {region: occupancy for region, occupancy in found.items() if occupancy is not None}


def occupancy_over_time(region: str | None, days: int = 90) -> list[dict[str, Any]]:
    """A region's (or, for None, the province's) isolation-bed occupancy for each of the last `days` days, from
    each hospital's latest report in the seven days to it; empty when no hospital reported."""
    last = local_today()
    first = last - dt.timedelta(days=days - 1)
    query = sa.select(
        BedReport.hospital_code, BedReport.day, BedReport.isolation_total, BedReport.isolation_occupied
    ).where(BedReport.day >= first - dt.timedelta(days=6), BedReport.day <= last)
    if region is not None:
        query = query.join(Hospital, Hospital.code == BedReport.hospital_code).where(Hospital.region_code == region)
    reports = [DayBeds(code, day, total, occupied) for code, day, total, occupied in db.session.execute(query)]
    if not reports:
        return []
    span = [first + dt.timedelta(days=n) for n in range(days)]
    return [
        {
            "date": found.week_end.isoformat(),
            "percent": found.occupied * 100 / found.total,
            "hospitals": len(found.hospitals),
        }
        for found in occupancy_series(reports, span)
        if found.total
    ]


def hospital_names(codes: Collection[str]) -> dict[str, str]:
    rows = db.session.execute(sa.select(Hospital.code, Hospital.name).where(Hospital.code.in_(codes)))
    return {row[0]: row[1] for row in rows}


@dataclass
class BedImport:
    """A file of bed reports; `problems` non-empty means nothing was written."""

    rows: list[tuple[str, dt.date, dict[str, int | None]]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    inserted: int = 0
    replaced: int = 0


def _cell(text: str | None) -> tuple[int | None, bool]:
    text = (text or "").strip()
    if not text:
        return None, True
    try:
        return int(text), True
    except ValueError:
        return None, False


def parse_bed_file(text: str) -> BedImport:
    """Read `hospital_code,day,isolation_total,...` rows and check every one; each problem names its row
    (the header is row 1), field and message."""
    result = BedImport()
    known = set(db.session.scalars(sa.select(Hospital.code)))
    reader = csv.DictReader(text.splitlines())
    missing = [name for name in ("hospital_code", "day", *COUNTS[:4]) if name not in (reader.fieldnames or [])]
    if missing:
        for name in missing:
            result.problems.append({"row": 1, "field": name, "message": MESSAGES["required"]})
        return result
    seen: set[tuple[str, dt.date]] = set()
    for number, row in enumerate(reader, start=2):
        code = (row.get("hospital_code") or "").strip()
        problems: dict[str, dict[str, str]] = {}
        if code not in known:
            problems["hospital_code"] = MESSAGES["unknown_hospital"]
        try:
            day: dt.date | None = dt.date.fromisoformat((row.get("day") or "").strip())
        except ValueError:
            day = None
            problems["day"] = MESSAGES["bad_date"]
        counts: dict[str, int | None] = {}
        for name in COUNTS:
            value, ok = _cell(row.get(name))
            if not ok:
                problems[name] = MESSAGES["not_integer"]
            counts[name] = value
        if day is not None:
            for name, messages in _problems(day, counts).items():
                problems.setdefault(name, messages[0])
            if (code, day) in seen:
                problems.setdefault("day", MESSAGES["duplicate"])
            seen.add((code, day))
        for name, message in problems.items():
            result.problems.append({"row": number, "field": name, "message": message})
        if not problems and day is not None:
            result.rows.append((code, day, {k: v for k, v in counts.items() if k not in problems}))
    return result


def import_bed_file(text: str, actor: str, user: StaffUser | None = None) -> BedImport:
    """Check the whole file, then write every row in one transaction, or none when any row is bad."""
    result = parse_bed_file(text)
    if result.problems:
        return result
    with unit_of_work():
        for code, day, counts in result.rows:
            exists = db.session.scalar(
                sa.select(sa.func.count(BedReport.id)).where(BedReport.hospital_code == code, BedReport.day == day)
            )
            _write(code, day, counts, actor[:60], user)
            if exists:
                result.replaced += 1
            else:
                result.inserted += 1
    forget_recent()
    return result
