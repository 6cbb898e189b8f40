"""Daily case figures checked before anything is stored: file formats, whole numbers, plausible sizes and dates."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from surveillance.cases import Day, negative_totals

FIELDS = (
    "new_cases",
    "new_recovered",
    "new_deaths",
    "specimens_tested",
    "positive_specimens",
    "beds_occupied",
    "beds_available",
)
REQUIRED = ("new_cases", "new_recovered", "new_deaths")
STOCKS = ("specimens_tested", "positive_specimens", "beds_occupied", "beds_available")
# The first case in Indonesia was reported in March 2020; nothing can be dated before this, nor after tomorrow
# (a report may arrive early in the province's morning for a date that is already "today" elsewhere).
FIRST_DAY = dt.date(2020, 1, 1)
# Far above anything West Sumatra ever reported (about 1,000 cases a day at the 2021 peak, for 5.5 million
# people), and far below what storage holds: a figure past these is a typing or file error.
LIMITS = {
    "new_cases": 100_000,
    "new_recovered": 100_000,
    "new_deaths": 10_000,
    "specimens_tested": 1_000_000,
    "positive_specimens": 1_000_000,
    "beds_occupied": 100_000,
    "beds_available": 100_000,
}
# Column names of the covid19.go.id CSV archives, mapped to ours.
NATIONAL_CSV = {"tanggal": "date", "KASUS": "new_cases", "SEMBUH": "new_recovered", "MENINGGAL": "new_deaths"}

Text = dict[str, str]


def _text(id_text: str, en_text: str) -> Text:
    return {"id": id_text, "en": en_text}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one row (0: the whole file), in Indonesian and English."""

    row: int
    field: str
    message: Text


@dataclass(frozen=True)
class ParsedRow:
    line: int
    region_code: str
    date: dt.date
    values: dict[str, int | None]


@dataclass
class CaseFile:
    """Every row that passed its checks, and every problem found (the file is written only without any)."""

    format: str = ""
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class NotWholeNumber(ValueError):
    pass


def whole_number(value: Any) -> int | None:
    """An integer, a string of digits (signed), or nothing; 1.5, "1.0", true and "x" are refused."""
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise NotWholeNumber(value)
    if isinstance(value, int):
        return value
    text = value.strip()
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdigit():
        raise NotWholeNumber(value)
    return int(text)


def latest_allowed_day(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=1)


def day_problem(day: dt.date, today: dt.date) -> Text | None:
    """Why a case day cannot be stored, or None when it can."""
    last = latest_allowed_day(today)
    if FIRST_DAY <= day <= last:
        return None
    return _text(
        f"Tanggal di luar {FIRST_DAY.isoformat()} .. {last.isoformat()}.",
        f"Date outside {FIRST_DAY.isoformat()} .. {last.isoformat()}.",
    )


def value_problems(values: Mapping[str, int | None]) -> list[tuple[str, Text]]:
    """Required counts present, no negative stocks, sizes within LIMITS, positives within tested."""
    found: list[tuple[str, Text]] = []
    for name in FIELDS:
        value = values.get(name)
        if value is None:
            if name in REQUIRED:
                found.append((name, _text("Wajib diisi.", "Missing.")))
            continue
        if name in STOCKS and value < 0:
            found.append((name, _text("Tidak boleh negatif.", "Negative.")))
        elif abs(value) > LIMITS[name]:
            found.append(
                (name, _text(f"Melebihi batas wajar ({LIMITS[name]}).", f"Past a plausible size ({LIMITS[name]})."))
            )
    tested, positive = values.get("specimens_tested"), values.get("positive_specimens")
    if tested is not None and positive is not None and positive > tested:
        found.append(
            (
                "positive_specimens",
                _text(
                    "Spesimen positif lebih banyak dari yang diperiksa.",
                    "More positive specimens than specimens tested.",
                ),
            )
        )
    return found


def read_records(text: str, default_region: str | None, province: str) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    """(line number, raw record) pairs and the detected format: covid19.go.id JSON or CSV, or our CSV.

    Raises ValueError when the text is none of them.
    """
    if text.lstrip().startswith("{"):
        return _prov_detail(text, default_region or province), "prov_detail"
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    national = "tanggal" in header
    if not national and not {"date", *REQUIRED} <= set(header):
        raise ValueError("no date and count columns: not a case file")
    rows: list[tuple[int, dict[str, Any]]] = []
    for line, row in enumerate(reader, start=2):
        record: dict[str, Any] = {NATIONAL_CSV.get(k, k) if national else k: v for k, v in row.items() if k is not None}
        if not record.get("region"):
            record["region"] = default_region or (province if national else "")
        rows.append((line, record))
    return rows, "covid19goid_csv" if national else "csv"


def _prov_detail(text: str, region: str) -> list[tuple[int, dict[str, Any]]]:
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("list_perkembangan"), list):
        raise ValueError("JSON without list_perkembangan: not a prov_detail file")
    records: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(data["list_perkembangan"], start=1):
        if not isinstance(item, dict):
            records.append((index, {"date": None, "region": region}))
            continue
        # Dates are epoch milliseconds at 00:00 UTC of the day.
        try:
            millis = whole_number(item.get("tanggal"))
            day = None if millis is None else dt.datetime.fromtimestamp(millis / 1000, dt.UTC).date().isoformat()
        except (ValueError, OverflowError, OSError):
            day = str(item.get("tanggal"))
        records.append(
            (
                index,
                {
                    "date": day,
                    "region": region,
                    "new_cases": item.get("KASUS"),
                    "new_recovered": item.get("SEMBUH"),
                    "new_deaths": item.get("MENINGGAL"),
                },
            )
        )
    return records


def check_records(
    records: Iterable[tuple[int, Mapping[str, Any]]], known_regions: Collection[str], today: dt.date
) -> CaseFile:
    """Check every record; the result names every bad row and field."""
    result = CaseFile()
    seen: dict[tuple[str, dt.date], int] = {}
    for line, record in records:
        problems: list[Problem] = []
        region = str(record.get("region") or "").strip()
        if region not in known_regions:
            problems.append(
                Problem(line, "region", _text(f"Wilayah tidak dikenal: {region!r}.", f"Unknown region {region!r}."))
            )
        raw_date = record.get("date")
        try:
            day = dt.date.fromisoformat(str(raw_date or "").strip())
        except ValueError:
            problems.append(
                Problem(
                    line,
                    "date",
                    _text(
                        f"Tanggal tidak valid: {raw_date!r} (YYYY-MM-DD).", f"Malformed date {raw_date!r} (YYYY-MM-DD)."
                    ),
                )
            )
            result.problems += problems
            continue
        outside = day_problem(day, today)
        if outside:
            problems.append(Problem(line, "date", outside))
        values: dict[str, int | None] = {}
        for name in FIELDS:
            try:
                values[name] = whole_number(record.get(name))
            except NotWholeNumber:
                problems.append(
                    Problem(
                        line,
                        name,
                        _text(
                            f"Bukan bilangan bulat: {record.get(name)!r}.", f"Not a whole number: {record.get(name)!r}."
                        ),
                    )
                )
                values[name] = 0  # checked no further
        problems += [Problem(line, name, text) for name, text in value_problems(values)]
        if (region, day) in seen:
            problems.append(
                Problem(
                    line,
                    "date",
                    _text(
                        f"Hari {day.isoformat()} untuk {region} ganda (juga baris {seen[(region, day)]}).",
                        f"Duplicate day {day.isoformat()} for {region} (also row {seen[(region, day)]}).",
                    ),
                )
            )
        seen[(region, day)] = line
        if problems:
            result.problems += problems
        else:
            result.rows.append(ParsedRow(line, region, day, values))
    return result


def as_day(date: dt.date, values: Mapping[str, int | None]) -> Day:
    """A stored or parsed row as the series arithmetic sees it (missing required counts are zero)."""
    filled: dict[str, Any] = {name: values.get(name) for name in FIELDS}
    for name in REQUIRED:
        filled[name] = filled[name] or 0
    return Day(date, **filled)


def total_problems(rows: Iterable[ParsedRow], stored: Mapping[str, Iterable[Day]]) -> list[Problem]:
    """Running totals may dip by a day (corrections) but never below zero, counting what is already stored."""
    incoming: dict[str, dict[dt.date, ParsedRow]] = {}
    for row in rows:
        incoming.setdefault(row.region_code, {})[row.date] = row
    problems = []
    for region, days in incoming.items():
        merged = {day.date: day for day in stored.get(region, ())}
        merged.update({date: as_day(date, row.values) for date, row in days.items()})
        for date, name in negative_totals(list(merged.values())):
            line = days[date].line if date in days else 0
            problems.append(
                Problem(
                    line,
                    name,
                    _text(
                        f"Total {region} turun di bawah nol pada {date.isoformat()}.",
                        f"Total for {region} drops below zero on {date.isoformat()}.",
                    ),
                )
            )
    return problems
