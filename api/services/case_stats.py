"""Published case statistics: each area's derived series, key figures, map columns, weekly figures and Rt,
computed once after each change and shared by every worker through the cache; errata and the codebook."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any, TypeVar

import sqlalchemy as sa

from api.clock import local_today
from api.extensions import cache, db
from api.models import PROVINCE_CODE, CaseRecord
from api.services.case_store import GENERATION_KEY, Areas, forget_version, read_areas, stored_days
from api.services.case_store import data_version as data_version
from api.services.exceptions import NotFound
from screening.text import bilingual
from surveillance.case_files import FIRST_DAY, REQUIRED, latest_allowed_day
from surveillance.cases import Day, DerivedDay, derive, key_figure
from surveillance.levels import WeekFigures, weekly_figures
from surveillance.published import (
    MAP_MEASURES,
    SUMMARY_FIGURES,
    all_dates,
    flat_summary_row,
    latest_weeks,
    map_columns,
    published_row,
    rt_windows,
    value_on,
)
from surveillance.rt import RtWindow

log = logging.getLogger(__name__)
T = TypeVar("T")

CODEBOOK_CSV = "codebook.csv"


def not_found(code: str) -> NotFound:
    return NotFound(bilingual(f"Wilayah {code} tidak ditemukan.", f"Region {code} not found."))


@dataclass(frozen=True)
class CodebookEntry:
    field: str
    id: str
    en: str


@functools.cache
def codebook() -> tuple[CodebookEntry, ...]:
    """Every column of the published series with its meaning, in the order of the downloads (data/codebook.csv)."""
    text = resources.files("sumbar_data").joinpath(CODEBOOK_CSV).read_text(encoding="utf-8")
    return tuple(CodebookEntry(row["field"], row["id"], row["en"]) for row in csv.DictReader(text.splitlines()))


@functools.cache
def _columns() -> tuple[str, ...]:
    return tuple(entry.field for entry in codebook())


def series_columns() -> list[str]:
    return list(_columns())


# --- the shared derived statistics ------------------------------------------------------------------------


class Statistics:
    """The derived statistics at one data version. Each part is computed once, by whichever process needs
    it first (normally the one that changed the data), and read by every worker from the shared cache."""

    def __init__(self, version: str) -> None:
        self.version = version
        self._areas: Areas | None = None

    @property
    def areas(self) -> Areas:
        if self._areas is None:
            self._areas = self._cached("areas", read_areas)
        return self._areas

    def _cached(self, key: str, compute: Callable[[], T]) -> T:
        entry = cache.get(key)
        if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == self.version:
            found: T = entry[1]
            return found
        value = compute()
        cache.set(key, (self.version, value))
        return value

    def _store(self, key: str, value: Any) -> None:
        cache.set(key, (self.version, value))

    def derived(self, code: str, days: list[Day] | None = None) -> list[DerivedDay]:
        if days is None:
            days = stored_days(code).get(code, [])
        return derive(days, self.areas.populations[code])

    def rows(self, code: str) -> list[dict[str, Any]]:
        """The area's published daily rows, in the codebook's column order (shared: do not modify them)."""
        if code not in self.areas.names:
            raise not_found(code)
        demo = code in self.areas.demo
        return self._cached(
            f"rows:{code}", lambda: [published_row(day, code, demo, _columns()) for day in self.derived(code)]
        )

    def weeks(self) -> dict[str, list[WeekFigures]]:
        """Every area's weekly figures (for transmission levels)."""
        return self._cached("weeks", lambda: {code: self._weeks_of(code) for code in self.areas.names})

    def _weeks_of(self, code: str) -> list[WeekFigures]:
        return weekly_figures(self.derived(code), self.areas.populations[code])

    def summary(self) -> list[dict[str, Any]]:
        """Latest key figures with their 7-day change, the province first, then each kabupaten/kota."""
        return self._cached(
            "summary", lambda: [self._area_summary(code, self.derived(code)) for code in self.areas.names]
        )

    def _area_summary(self, code: str, days: list[DerivedDay]) -> dict[str, Any]:
        updated = self.areas.last_updated.get(code)
        return {
            "region": code,
            "name": self.areas.names[code],
            "date": days[-1].date.isoformat() if days else None,
            "last_updated": updated.isoformat() if updated else None,
            "demo": code in self.areas.demo,
            "cumulative_cases": days[-1].cumulative_cases if days else None,
            "figures": {name: vars(key_figure(days, name)) for name in SUMMARY_FIGURES},
        }

    def panel(self, measure: str) -> dict[str, tuple[list[str], list[Any]]]:
        """One measure for every kabupaten/kota as (dates, values), for maps at any date."""
        return self._cached(
            f"panel:{measure}",
            lambda: map_columns(measure, {code: self.rows(code) for code in self.areas.names}, PROVINCE_CODE),
        )

    def dates(self) -> list[str]:
        """Every date any area has, in order (the days a map can show)."""
        return self._cached("dates", lambda: all_dates(self.rows(code) for code in self.areas.names))

    def rt(self, code: str) -> list[RtWindow]:
        """Rt windows for the area's series with the default serial interval."""
        if code not in self.areas.names:
            raise not_found(code)
        return self._cached(f"rt:{code}", lambda: rt_windows(self.rows(code)))

    def latest_weeks(self) -> dict[str, WeekFigures | None]:
        """Each area's last complete week (small: what a resident's screening reply quotes)."""
        return self._cached("latest_weeks", lambda: latest_weeks(self.weeks()))

    def compute_all(self) -> None:
        """Every part, now: each area is derived once and everything built from it is stored."""
        self._areas = read_areas()
        self._store("areas", self._areas)
        rows_by_code, weeks, summary = {}, {}, []
        stored = stored_days()
        for code in self.areas.names:
            days = self.derived(code, stored.get(code, []))
            demo = code in self.areas.demo
            rows_by_code[code] = rows = [published_row(day, code, demo, _columns()) for day in days]
            self._store(f"rows:{code}", rows)
            self._store(f"rt:{code}", rt_windows(rows))
            weeks[code] = weekly_figures(days, self.areas.populations[code])
            summary.append(self._area_summary(code, days))
        self._store("weeks", weeks)
        self._store("latest_weeks", latest_weeks(weeks))
        self._store("summary", summary)
        for measure in MAP_MEASURES:
            self._store(f"panel:{measure}", map_columns(measure, rows_by_code, PROVINCE_CODE))
        self._store("dates", all_dates(rows_by_code.values()))


def current() -> Statistics:
    return Statistics(data_version())


def refresh_if_stale() -> bool:
    """Compute every part again when the shared cache no longer holds the current summary (a flushed
    Redis, a new machine); True when it did."""
    stats = current()
    entry = cache.get("summary")
    if isinstance(entry, tuple) and entry and entry[0] == stats.version:
        return False
    stats.compute_all()
    return True


def refresh() -> Statistics:
    """After a change: mark the data as changed and compute every part now, so no visitor waits for it."""
    started = time.perf_counter()
    cache.set(GENERATION_KEY, uuid.uuid4().hex)
    forget_version()
    stats = current()
    stats.compute_all()
    log.info("derived case statistics refreshed in %.0f ms", (time.perf_counter() - started) * 1000)
    return stats


# --- what the API and the dashboard read ------------------------------------------------------------------


def series_rows(region: str, start: dt.date | None = None, end: dt.date | None = None) -> list[dict[str, Any]]:
    """One area's published daily rows, between two dates when given (shared: do not modify them)."""
    rows = current().rows(region)
    if start is None and end is None:
        return rows
    first, last = start.isoformat() if start else "", end.isoformat() if end else "9999"
    return [row for row in rows if first <= row["date"] <= last]


def summary() -> list[dict[str, Any]]:
    return current().summary()


def summary_rows() -> list[dict[str, Any]]:
    """One flat row per area, for the CSV download of the summary."""
    return [flat_summary_row(area) for area in summary()]


def area_names() -> dict[str, str]:
    """The province first, then every kabupaten/kota by code."""
    return dict(read_areas().names)


def demo_areas() -> frozenset[str]:
    return read_areas().demo


def map_dates() -> list[str]:
    return current().dates()


def map_values(measure: str, date: str | None = None) -> list[dict[str, Any]]:
    """Every kabupaten/kota's value of `measure` on `date` (its latest day up to then; the latest when None)."""
    if measure not in MAP_MEASURES:
        raise ValueError(f"unknown measure {measure!r}")
    stats = current()
    columns = stats.panel(measure)
    out = []
    for code, name in stats.areas.names.items():
        if code == PROVINCE_CODE:
            continue
        value, day = value_on(*columns.get(code, ([], [])), date)
        out.append({"code": code, "name": name, "value": value, "date": day, "demo": code in stats.areas.demo})
    return out


def errata() -> list[dict[str, Any]]:
    """Days whose figures correct earlier reports (negative daily values), oldest first."""
    last = latest_allowed_day(local_today())
    rows = db.session.scalars(
        sa.select(CaseRecord)
        .where(CaseRecord.correction.is_(True), CaseRecord.date.between(FIRST_DAY, last))
        .order_by(CaseRecord.date, CaseRecord.region_code)
    ).all()
    return [
        {
            "region": r.region_code,
            "date": r.date.isoformat(),
            "demo": r.source == "demo",
            **{name: getattr(r, name) for name in REQUIRED},
            "note": r.note or "negative daily value: a correction of earlier reports",
        }
        for r in rows
    ]
