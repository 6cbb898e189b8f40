"""What is published of each area's derived series: its rows, map columns, Rt input, and the summary's flat rows."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from surveillance.cases import DerivedDay
from surveillance.levels import WeekFigures
from surveillance.rt import COVID_SI_MEAN, COVID_SI_STD, RtWindow, discretise_si, estimate_rt

# The key figures each area's summary gives with their 7-day change.
SUMMARY_FIGURES = (
    "cumulative_cases",
    "new_cases",
    "cases_7day_avg",
    "cases_7day_per_100k",
    "active",
    "cumulative_deaths",
    "cumulative_recovered",
)
# The measures a map can colour the kabupaten/kota by.
MAP_MEASURES = ("cumulative_cases", "cases_7day_per_100k", "active", "cumulative_deaths_per_100k")

Rows = list[dict[str, Any]]


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def published_row(day: DerivedDay, region: str, demo: bool, columns: Sequence[str]) -> dict[str, Any]:
    """One derived day as the downloads give it: shares as percentages, in the codebook's `columns`."""
    values: dict[str, Any] = {
        **vars(day),
        "date": day.date.isoformat(),
        "region": region,
        "demo": demo,
        "positivity_7day_percent": _percent(day.positivity_7day),
        "bed_occupancy_percent": _percent(day.bed_occupancy),
    }
    return {name: values[name] for name in columns}


def map_columns(measure: str, rows_by_code: Mapping[str, Rows], skip: str) -> dict[str, tuple[list[str], list[Any]]]:
    """One measure for every area but `skip` (the province) as (dates, values), for maps at any date."""
    return {
        code: ([row["date"] for row in rows], [row[measure] for row in rows])
        for code, rows in rows_by_code.items()
        if code != skip
    }


def value_on(dates: Sequence[str], values: Sequence[Any], date: str | None) -> tuple[Any, str | None]:
    """The value on `date`, that is on the area's latest day up to then (the latest when None), and that day."""
    index = (len(dates) if date is None else bisect.bisect_right(dates, date)) - 1
    return (values[index], dates[index]) if index >= 0 else (None, None)


def latest_weeks(weeks: Mapping[str, list[WeekFigures]]) -> dict[str, WeekFigures | None]:
    return {code: found[-1] if found else None for code, found in weeks.items()}


def all_dates(rows_by_code: Iterable[Rows]) -> list[str]:
    """Every date any area has, in order."""
    return sorted({row["date"] for rows in rows_by_code for row in rows})


def rt_windows(rows: Rows, si_mean: float = COVID_SI_MEAN, si_std: float = COVID_SI_STD) -> list[RtWindow]:
    """Rt windows for an area's published rows."""
    # Corrections (negative days) cannot be negative incidence: they count as days without new cases.
    incidence = [max(0, row["new_cases"] or 0) for row in rows]
    return estimate_rt(incidence, discretise_si(si_mean, si_std)) if incidence else []


def flat_summary_row(area: Mapping[str, Any]) -> dict[str, Any]:
    """An area's summary as one flat row (the CSV download): each figure's value and its 7-day change."""
    row = {key: area[key] for key in ("region", "name", "demo", "date", "last_updated", "cumulative_cases")}
    for name, figure in area["figures"].items():
        if name != "cumulative_cases":
            row[name] = figure["value"]
        row[f"{name}_change_7d"] = figure["change"]
    return row
