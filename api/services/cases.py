"""Case statistics: validated imports (CSV or the national API's JSON), staff entry, derived series, summaries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import PROVINCE_CODE, CaseAudit, CaseRecord, Region, StaffUser
from api.services.exceptions import InvalidInput, NotFound
from screening.text import bilingual
from surveillance.cases import Day, DerivedDay, derive, key_figure, negative_totals

FIELDS = ("new_cases", "new_recovered", "new_deaths", "specimens_tested", "positive_specimens", "beds_occupied",
          "beds_available")  # fmt: skip
REQUIRED = ("new_cases", "new_recovered", "new_deaths")
STOCKS = ("specimens_tested", "positive_specimens", "beds_occupied", "beds_available")
# Column names of the covid19.go.id CSV archives, mapped to ours.
NATIONAL_CSV = {"tanggal": "date", "KASUS": "new_cases", "SEMBUH": "new_recovered", "MENINGGAL": "new_deaths"}
SUMMARY_FIGURES = (
    "new_cases",
    "cases_7day_avg",
    "cases_7day_per_100k",
    "active",
    "cumulative_deaths",
    "cumulative_recovered",
)


@dataclass
class ParsedRow:
    line: int
    region_code: str
    date: dt.date
    values: dict[str, int | None]


@dataclass
class ImportReport:
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    corrections: int = 0

    def error(self, line: int, field_name: str, message: str) -> None:
        self.errors.append({"row": line, "field": field_name, "message": message})


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError("not a whole number")
    return int(str(value).strip()) if isinstance(value, str) else int(value)


def _records_from_text(text: str, default_region: str | None) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """(line number, raw record) pairs and the detected format."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("list_perkembangan"), list):
            raise ValueError("JSON without list_perkembangan: not a prov_detail file")
        records: list[tuple[int, dict[str, Any]]] = []
        for index, item in enumerate(data["list_perkembangan"], start=1):
            if not isinstance(item, dict):
                records.append((index, {"date": None}))
                continue
            try:
                day = dt.datetime.fromtimestamp(int(item["tanggal"]) / 1000, dt.UTC).date().isoformat()
            except (KeyError, TypeError, ValueError, OverflowError):
                day = str(item.get("tanggal"))
            records.append((index, {"date": day, "region": default_region or PROVINCE_CODE,
                                    "new_cases": item.get("KASUS"), "new_recovered": item.get("SEMBUH"),
                                    "new_deaths": item.get("MENINGGAL")}))  # fmt: skip
        return records, "prov_detail"
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    national = "tanggal" in header
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, row in enumerate(reader, start=2):
        record: dict[str, Any] = {NATIONAL_CSV.get(k, k) if national else k: v for k, v in row.items() if k is not None}
        if not record.get("region"):
            record["region"] = default_region or (PROVINCE_CODE if national else "")
        rows.append((line, record))
    return rows, "covid19goid_csv" if national else "csv"


def parse_cases(text: str, default_region: str | None = None) -> ImportReport:
    """Read and check a whole file; the report names every bad row and field."""
    report = ImportReport()
    try:
        records, _ = _records_from_text(text, default_region)
    except (ValueError, json.JSONDecodeError) as error:
        report.error(0, "file", f"unreadable: {error}")
        return report
    known = set(db.session.scalars(sa.select(Region.code))) | {PROVINCE_CODE}
    seen: dict[tuple[str, dt.date], int] = {}
    for line, record in records:
        region = str(record.get("region") or "").strip()
        ok = True
        if region not in known:
            report.error(line, "region", f"unknown region {region!r}")
            ok = False
        try:
            day = dt.date.fromisoformat(str(record.get("date") or "").strip())
        except ValueError:
            report.error(line, "date", f"malformed date {record.get('date')!r} (YYYY-MM-DD)")
            continue
        values: dict[str, int | None] = {}
        for name in FIELDS:
            try:
                values[name] = _int(record.get(name))
            except (ValueError, TypeError):
                report.error(line, name, f"not a whole number: {record.get(name)!r}")
                ok = False
                continue
            if name in REQUIRED and values[name] is None:
                report.error(line, name, "missing")
                ok = False
            if name in STOCKS and (values[name] or 0) < 0:
                report.error(line, name, "negative")
                ok = False
        tested, positive = values.get("specimens_tested"), values.get("positive_specimens")
        if tested is not None and positive is not None and positive > tested:
            report.error(line, "positive_specimens", "more positive specimens than specimens tested")
            ok = False
        if (region, day) in seen:
            report.error(line, "date", f"duplicate day {day.isoformat()} for {region} (also row {seen[(region, day)]})")
            ok = False
        seen[(region, day)] = line
        if ok:
            report.rows.append(ParsedRow(line, region, day, values))
    if not report.errors:
        _check_totals(report)
    return report


def _check_totals(report: ImportReport) -> None:
    """Running totals may dip by a day (corrections) but never below zero, counting what is already stored."""
    by_region: dict[str, dict[dt.date, Day]] = defaultdict(dict)
    for row in report.rows:
        by_region[row.region_code][row.date] = _day(row.date, row.values)
    for region, incoming in by_region.items():
        stored = {r.date: _day(r.date, _values(r)) for r in _records(region)}
        stored.update(incoming)
        lines = {row.date: row.line for row in report.rows if row.region_code == region}
        for day, name in negative_totals(list(stored.values())):
            report.error(lines.get(day, 0), name, f"total for {region} drops below zero on {day.isoformat()}")


def _day(date: dt.date, values: dict[str, Any]) -> Day:
    filled: dict[str, Any] = {name: values.get(name) for name in FIELDS}
    for name in REQUIRED:
        filled[name] = filled[name] or 0
    return Day(date, **filled)


def _values(record: CaseRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELDS}


def _records(region: str) -> Sequence[CaseRecord]:
    return db.session.scalars(
        sa.select(CaseRecord).where(CaseRecord.region_code == region).order_by(CaseRecord.date)
    ).all()


def write_rows(
    report: ImportReport,
    *,
    source: str,
    actor: str,
    staff: StaffUser | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Insert or update every parsed row in one transaction (only call when the report has no errors)."""
    if report.errors:
        raise ValueError("refusing to write a file with errors")
    existing = {
        (r.region_code, r.date): r
        for r in db.session.scalars(
            sa.select(CaseRecord).where(CaseRecord.region_code.in_({row.region_code for row in report.rows}))
        )
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
            _audit(row, actor, staff, None, now)
            report.inserted += 1
        elif _values(record) != row.values:
            before = _values(record)
            for name, value in row.values.items():
                setattr(record, name, value)
            record.correction, record.source, record.updated_at = correction, source, now
            record.updated_by_id = staff.id if staff else None
            _audit(row, actor, staff, before, now)
            report.updated += 1
        else:
            report.unchanged += 1
        if progress:
            progress(1)
    db.session.commit()
    return report


def _audit(row: ParsedRow, actor: str, staff: StaffUser | None, before: dict[str, Any] | None, at: dt.datetime) -> None:
    db.session.add(
        CaseAudit(
            region_code=row.region_code,
            date=row.date,
            actor=actor,
            staff_id=staff.id if staff else None,
            before=before,
            after=row.values,
            at=at,
        )
    )


def import_text(text: str, *, source: str, actor: str, default_region: str | None = None) -> ImportReport:
    report = parse_cases(text, default_region)
    return report if report.errors else write_rows(report, source=source, actor=actor)


def put_day(region: str, date: dt.date, values: dict[str, Any], staff: StaffUser) -> CaseRecord:
    """Staff entry of one day's figures (insert or replace), checked like an import and audited."""
    line = {"region": region, "date": date.isoformat(), **values}
    report = parse_cases(_as_csv([line]))
    if report.errors:
        errors: dict[str, list[dict[str, str]]] = defaultdict(list)
        for problem in report.errors:
            errors[problem["field"]].append(bilingual(problem["message"], problem["message"]))
        raise InvalidInput(bilingual("Isian tidak valid.", "Invalid input."), {"json": dict(errors)})
    write_rows(report, source="staff", actor=staff.username, staff=staff)
    record: CaseRecord | None = db.session.scalar(
        sa.select(CaseRecord).where(CaseRecord.region_code == region, CaseRecord.date == date)
    )
    assert record is not None
    return record


def _as_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["date", "region", *FIELDS])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items() if k in ("date", "region", *FIELDS)})
    return buffer.getvalue()


# --- reading ------------------------------------------------------------------------------------------------


def populations() -> dict[str, int]:
    rows = db.session.execute(sa.select(Region.code, Region.population_2020)).all()
    found = {r.code: r.population_2020 for r in rows}
    found[PROVINCE_CODE] = sum(found.values())
    return found


def _days_for(region: str) -> list[Day]:
    columns = [getattr(CaseRecord, name) for name in FIELDS]
    if region != PROVINCE_CODE or db.session.scalar(
        sa.select(sa.func.count()).where(CaseRecord.region_code == PROVINCE_CODE)
    ):
        query = sa.select(CaseRecord.date, *columns).where(CaseRecord.region_code == region).order_by(CaseRecord.date)
    else:
        # Without province-level records, the province is the sum of its kabupaten/kota (SUM skips unknowns).
        sums = [sa.func.sum(column).label(column.key) for column in columns]
        query = sa.select(CaseRecord.date, *sums).group_by(CaseRecord.date).order_by(CaseRecord.date)
    return [_day(row.date, row._asdict()) for row in db.session.execute(query)]


_CACHE: dict[tuple[Any, ...], Any] = {}
_CACHE_LIMIT = 256


def data_version() -> tuple[str, Any, Any]:
    """Changes whenever any case record changes (max updated_at, count), per database."""
    latest, count = db.session.execute(sa.select(sa.func.max(CaseRecord.updated_at), sa.func.count())).one()
    return str(db.engine.url), latest, count


def _memo(name: str, *args: Any, compute: Callable[[], Any]) -> Any:
    """Derived figures are recomputed only when the data changed: the key includes the data version."""
    key = (name, args, data_version())
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        _CACHE[key] = compute()
    return _CACHE[key]


def series(region: str) -> list[DerivedDay]:
    pops = populations()
    if region not in pops:
        raise NotFound(bilingual(f"Wilayah {region} tidak ditemukan.", f"Region {region} not found."))
    rows: list[DerivedDay] = _memo("series", region, compute=lambda: derive(_days_for(region), pops[region]))
    return rows


def last_updated(region: str | None = None) -> dt.datetime | None:
    query = sa.select(sa.func.max(CaseRecord.updated_at))
    if region and region != PROVINCE_CODE:
        query = query.where(CaseRecord.region_code == region)
    value: dt.datetime | None = db.session.scalar(query)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def is_demo() -> bool:
    found: bool = _memo(
        "is_demo",
        compute=lambda: bool(db.session.scalar(sa.select(sa.func.count()).where(CaseRecord.source == "demo"))),
    )
    return found


def summary() -> list[dict[str, Any]]:
    """Latest key figures with their 7-day change, for the province first and then each region."""
    result: list[dict[str, Any]] = _memo("summary", compute=_summary)
    return result


def _summary() -> list[dict[str, Any]]:
    names = dict(db.session.execute(sa.select(Region.code, Region.name)).all())
    out = []
    for code in [PROVINCE_CODE, *sorted(names)]:
        rows = series(code)
        figures = {name: vars(key_figure(rows, name)) for name in SUMMARY_FIGURES}
        updated = last_updated(code)
        out.append(
            {
                "region": code,
                "name": names.get(code, "Provinsi Sumatera Barat"),
                "date": rows[-1].date.isoformat() if rows else None,
                "figures": figures,
                "cumulative_cases": rows[-1].cumulative_cases if rows else None,
                "last_updated": updated.isoformat() if updated else None,
            }
        )
    return out


def errata() -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(CaseRecord).where(CaseRecord.correction.is_(True)).order_by(CaseRecord.date)
    ).all()
    return [
        {
            "region": r.region_code,
            "date": r.date.isoformat(),
            **{name: getattr(r, name) for name in REQUIRED},
            "note": r.note or "negative daily value: a correction of earlier reports",
        }
        for r in rows
    ]


def window(rows: Iterable[DerivedDay], start: dt.date | None, end: dt.date | None) -> list[DerivedDay]:
    return [r for r in rows if (start is None or r.date >= start) and (end is None or r.date <= end)]


SERIES_COLUMNS = (
    ("date", "Tanggal (WIB).", "Date (Western Indonesia Time)."),
    (
        "region",
        "Kode Kemendagri kabupaten/kota, atau 13 untuk provinsi.",
        "Kemendagri code of the regency/city, or 13 for the province.",
    ),
    (
        "new_cases",
        "Kasus konfirmasi baru yang dilaporkan hari itu. Bisa negatif bila mengoreksi laporan sebelumnya.",
        "New confirmed cases reported that day. Negative when it corrects earlier reports.",
    ),
    ("new_recovered", "Pasien sembuh baru.", "Newly recovered patients."),
    ("new_deaths", "Kematian baru kasus konfirmasi.", "New deaths of confirmed cases."),
    (
        "cumulative_cases",
        "Jumlah kasus sejak awal (dihitung dari kasus harian).",
        "Cases since the start (summed from daily cases).",
    ),
    ("cumulative_recovered", "Jumlah sembuh sejak awal.", "Recoveries since the start."),
    ("cumulative_deaths", "Jumlah kematian sejak awal.", "Deaths since the start."),
    (
        "active",
        "Kasus aktif (dirawat atau isolasi): kumulatif kasus − sembuh − meninggal.",
        "Active cases (in care or isolation): cumulative cases − recovered − deaths.",
    ),
    (
        "cases_7day_avg",
        "Rata-rata kasus baru 7 hari terakhir (kosong sebelum ada 7 hari data).",
        "Average new cases over the last 7 days (empty before 7 days of data).",
    ),
    ("deaths_7day_avg", "Rata-rata kematian baru 7 hari terakhir.", "Average new deaths over the last 7 days."),
    (
        "cases_7day_per_100k",
        "Kasus baru 7 hari terakhir per 100.000 penduduk (SP2020).",
        "New cases over the last 7 days per 100,000 people (2020 census).",
    ),
    ("cumulative_cases_per_100k", "Kasus kumulatif per 100.000 penduduk.", "Cumulative cases per 100,000 people."),
    ("cumulative_deaths_per_100k", "Kematian kumulatif per 100.000 penduduk.", "Cumulative deaths per 100,000 people."),
    (
        "positivity_7day",
        "Proporsi spesimen positif 7 hari terakhir, bila jumlah spesimen diketahui.",
        "Share of positive specimens over the last 7 days, when specimen counts are known.",
    ),
    (
        "bed_occupancy",
        "Keterisian tempat tidur COVID-19 (terisi / (terisi + tersedia)), bila diketahui.",
        "COVID-19 bed occupancy (occupied / (occupied + available)), when known.",
    ),
    (
        "correction",
        "true bila angka harian negatif (koreksi); lihat errata.",
        "true when a daily value is negative (a correction); see errata.",
    ),
)


def series_rows(region: str, start: dt.date | None = None, end: dt.date | None = None) -> list[dict[str, Any]]:
    """The derived series as plain rows, in the codebook's column order (shared: do not modify them)."""
    rows: list[dict[str, Any]] = _memo("series_rows", region, compute=lambda: _rows(region))
    if start is None and end is None:
        return rows
    first, last = start.isoformat() if start else "", end.isoformat() if end else "9999"
    return [row for row in rows if first <= row["date"] <= last]


def _rows(region: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for day in series(region):
        values: dict[str, Any] = {**vars(day), "region": region, "date": day.date.isoformat()}
        out.append({name: values[name] for name, _, _ in SERIES_COLUMNS})
    return out


def to_csv(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def summary_rows() -> list[dict[str, Any]]:
    """One flat row per area for the CSV download of the summary."""
    flat = []
    for area in summary():
        row = {key: area[key] for key in ("region", "name", "date", "last_updated", "cumulative_cases")}
        for name, figure in area["figures"].items():
            row[name] = figure["value"]
            row[f"{name}_change_7d"] = figure["change"]
        flat.append(row)
    return flat


def region_names_with_province() -> dict[str, str]:
    names = dict(db.session.execute(sa.select(Region.code, Region.name).order_by(Region.code)).all())
    return {PROVINCE_CODE: "Provinsi Sumatera Barat", **names}
