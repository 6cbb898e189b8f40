"""Case figures in: file imports (CSV or the national API's JSON) and staff entries, each checked whole and
audited. Real figures for an area replace its demo series; the derived statistics are refreshed after each change."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from api.clock import local_today, utcnow
from api.extensions import db
from api.models import PROVINCE_CODE, CaseAudit, CaseRecord, Region, StaffUser
from api.services import case_stats
from api.services.exceptions import InvalidInput, NotFound
from api.transactions import unit_of_work
from screening.text import bilingual
from surveillance.case_files import (
    FIELDS,
    REQUIRED,
    ParsedRow,
    Problem,
    as_day,
    check_records,
    day_problem,
    read_records,
    total_problems,
    value_problems,
)
from surveillance.cases import Day

DEMO_SOURCE = "demo"
INVALID = bilingual("Isian tidak valid.", "Invalid input.")


@dataclass
class ImportReport:
    """What a file holds and what writing it changed; `problems` non-empty means nothing was written."""

    format: str = ""
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    corrections: int = 0
    # Area code -> demo days removed because real figures arrived for that area.
    replaced_demo: dict[str, int] = field(default_factory=dict)


def known_regions() -> set[str]:
    return set(db.session.scalars(sa.select(Region.code))) | {PROVINCE_CODE}


def _real_days(regions: Iterable[str]) -> dict[str, list[Day]]:
    """What is stored for these areas apart from demo rows (which real figures replace)."""
    stored: dict[str, list[Day]] = defaultdict(list)
    query = sa.select(CaseRecord).where(CaseRecord.region_code.in_(set(regions)), CaseRecord.source != DEMO_SOURCE)
    for record in db.session.scalars(query):
        stored[record.region_code].append(as_day(record.date, _values(record)))
    return stored


def _values(record: CaseRecord) -> dict[str, int | None]:
    return {name: getattr(record, name) for name in FIELDS}


def parse_cases(text: str, default_region: str | None = None) -> ImportReport:
    """Read and check a whole file; the report names every bad row and field."""
    report = ImportReport()
    try:
        records, report.format = read_records(text, default_region, PROVINCE_CODE)
    except ValueError as error:
        report.problems.append(Problem(0, "file", bilingual(f"Tidak terbaca: {error}", f"Unreadable: {error}")))
        return report
    checked = check_records(records, known_regions(), local_today())
    report.rows, report.problems = checked.rows, checked.problems
    if not report.problems:
        report.problems = total_problems(report.rows, _real_days(row.region_code for row in report.rows))
    return report


def write_rows(
    report: ImportReport,
    *,
    source: str,
    actor: str,
    staff: StaffUser | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Insert or update every parsed row in one transaction (only call when the report has no problems).

    Real figures for an area replace that area's demo series first: an area's series is either demo or
    real, never a mix. The derived statistics are computed afresh once the change is committed.
    """
    if report.problems:
        raise ValueError("refusing to write a file with problems")
    with unit_of_work():
        _store_rows(report, source=source, actor=actor, staff=staff, progress=progress)
    case_stats.refresh()
    return report


def _store_rows(
    report: ImportReport,
    *,
    source: str,
    actor: str,
    staff: StaffUser | None,
    progress: Callable[[int], None] | None = None,
) -> None:
    regions = {row.region_code for row in report.rows}
    if source != DEMO_SOURCE:
        report.replaced_demo = _remove_demo(regions)
    existing = {
        (r.region_code, r.date): r
        for r in db.session.scalars(sa.select(CaseRecord).where(CaseRecord.region_code.in_(regions)))
    }
    now = utcnow()
    for row in report.rows:
        record = existing.get((row.region_code, row.date))
        correction = min(row.values[name] or 0 for name in REQUIRED) < 0
        report.corrections += correction
        if record is None:
            record = CaseRecord(region_code=row.region_code, date=row.date, source=source, updated_at=now, **row.values)
            record.correction = correction
            record.updated_by_id = staff.id if staff else None
            db.session.add(record)
            _audit(row.region_code, row.date, actor, staff, None, row.values, now)
            report.inserted += 1
        elif _values(record) != row.values:
            before = _values(record)
            for name, value in row.values.items():
                setattr(record, name, value)
            record.correction, record.source, record.updated_at = correction, source, now
            record.updated_by_id = staff.id if staff else None
            _audit(row.region_code, row.date, actor, staff, before, row.values, now)
            report.updated += 1
        else:
            report.unchanged += 1
        if progress:
            progress(1)


def _remove_demo(regions: set[str]) -> dict[str, int]:
    counts = dict(
        db.session.execute(
            sa.select(CaseRecord.region_code, sa.func.count())
            .where(CaseRecord.region_code.in_(regions), CaseRecord.source == DEMO_SOURCE)
            .group_by(CaseRecord.region_code)
        ).all()
    )
    if counts:
        db.session.execute(
            sa.delete(CaseRecord).where(CaseRecord.region_code.in_(regions), CaseRecord.source == DEMO_SOURCE)
        )
    return {code: int(count) for code, count in sorted(counts.items())}


def _audit(
    region: str,
    date: dt.date,
    actor: str,
    staff: StaffUser | None,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    at: dt.datetime,
) -> None:
    db.session.add(
        CaseAudit(
            region_code=region,
            date=date,
            actor=actor,
            staff_id=staff.id if staff else None,
            before=before,
            after=after,
            at=at,
        )
    )


def import_text(text: str, *, source: str, actor: str, default_region: str | None = None) -> ImportReport:
    report = parse_cases(text, default_region)
    return report if report.problems else write_rows(report, source=source, actor=actor)


@dataclass(frozen=True)
class DayEntry:
    """One stored day as staff entered it, and how many demo days of the area it replaced."""

    record: CaseRecord
    replaced_demo_days: int


def _check_area(region: str) -> None:
    if region not in known_regions():
        raise case_stats.not_found(region)


def _refuse(problems: Iterable[tuple[str, dict[str, str]]], location: str = "json") -> None:
    errors: dict[str, list[dict[str, str]]] = defaultdict(list)
    for name, message in problems:
        errors[name].append(message)
    if errors:
        raise InvalidInput(INVALID, {location: dict(errors)})


def put_day(region: str, date: dt.date, values: Mapping[str, int | None], staff: StaffUser) -> DayEntry:
    """Staff entry of one day's figures for one area (insert or replace), checked like an import and audited.

    The province (code 13) is a series of its own like any area: an entry for it changes that one day.
    """
    _check_area(region)
    outside = day_problem(date, local_today())
    if outside:
        _refuse([("date", outside)], "path")
    entry = {name: values.get(name) for name in FIELDS}
    _refuse(value_problems(entry))
    row = ParsedRow(0, region, date, entry)
    # The running totals are checked and the day written in one unit, so no other entry slips in between.
    report = ImportReport(rows=[row])
    with unit_of_work():
        _refuse((problem.field, problem.message) for problem in total_problems([row], _real_days([region])))
        _store_rows(report, source="staff", actor=staff.username, staff=staff)
    case_stats.refresh()
    record = db.session.scalar(sa.select(CaseRecord).where(CaseRecord.region_code == region, CaseRecord.date == date))
    assert record is not None
    return DayEntry(record, report.replaced_demo.get(region, 0))


def delete_day(region: str, date: dt.date, staff: StaffUser) -> dict[str, Any]:
    """Remove a wrong day (audited: the values it had are kept in the audit trail); 404 when none is stored."""
    _check_area(region)
    with unit_of_work():
        record = db.session.scalar(
            sa.select(CaseRecord).where(CaseRecord.region_code == region, CaseRecord.date == date)
        )
        if record is None:
            raise NotFound(
                bilingual(
                    f"Tidak ada data {region} pada {date.isoformat()}.",
                    f"No figures for {region} on {date.isoformat()}.",
                )
            )
        before = _values(record)
        # Without this day, a later correction must still not take a running total below zero.
        zeroed = ParsedRow(0, region, date, dict.fromkeys(FIELDS, None))
        _refuse((("date", problem.message) for problem in total_problems([zeroed], _real_days([region]))), "path")
        deleted = {"region": region, "date": date.isoformat(), "correction": record.correction, **before}
        db.session.delete(record)
        _audit(region, date, staff.username, staff, before, {"deleted": True}, utcnow())
    case_stats.refresh()
    return deleted
