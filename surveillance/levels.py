"""Weekly transmission level, response capacity and situational level (KMK 4805/2021, adapted from WHO)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from surveillance.cases import PER, DerivedDay

# Upper bounds (exclusive) of levels 1, 2 and 3, per 100,000 people per week; level 4 above.
CASE_BOUNDS = (20.0, 50.0, 150.0)
ADMISSION_BOUNDS = (5.0, 10.0, 30.0)
DEATH_BOUNDS = (1.0, 2.0, 5.0)

ADEQUATE, MODERATE, LIMITED = "memadai", "sedang", "terbatas"
# Situational level by transmission level (rows) and response capacity (columns).
SITUATION = {
    1: {ADEQUATE: 1, MODERATE: 1, LIMITED: 2},
    2: {ADEQUATE: 1, MODERATE: 2, LIMITED: 3},
    3: {ADEQUATE: 2, MODERATE: 3, LIMITED: 4},
    4: {ADEQUATE: 3, MODERATE: 4, LIMITED: 4},
}
CAPACITY_ORDER = (ADEQUATE, MODERATE, LIMITED)

# What a resident should do at each transmission level, in the spirit of the PPKM rules for that level
# (Inmendagri on PPKM levels 1-4): the higher the level, the fewer trips and gatherings.
RESIDENT_PRECAUTIONS: dict[int, dict[str, str]] = {
    1: {
        "id": "tetap pakai masker di keramaian dan rajin cuci tangan.",
        "en": "keep wearing a mask in crowds and wash your hands often.",
    },
    2: {
        "id": "pakai masker di luar rumah dan hindari kerumunan.",
        "en": "wear a mask outside your home and avoid crowds.",
    },
    3: {
        "id": "kurangi bepergian, hindari kerumunan, dan pakai masker di luar rumah.",
        "en": "travel less, avoid crowds and wear a mask outside your home.",
    },
    4: {
        "id": "tetap di rumah kecuali untuk keperluan penting, dan pakai masker.",
        "en": "stay at home unless you must go out, and wear a mask.",
    },
}


def level_for(value: float, bounds: tuple[float, float, float]) -> int:
    return 1 + sum(value >= bound for bound in bounds)


@dataclass(frozen=True)
class Assessment:
    transmission_level: int | None
    capacity: str | None
    situational_level: int | None
    indicator_levels: dict[str, int] = field(default_factory=dict)
    missing: tuple[str, ...] = ()


def _capacity_of(positivity: float | None, bed_occupancy: float | None) -> tuple[str | None, list[str]]:
    """Positivity < 5 % adequate, 5-15 % moderate, above limited; bed occupancy < 60 %, 60-80 %, above.

    The capacity is the worse of the two, and unknown while either is missing: one good figure says
    nothing about the other (a low positivity with full hospitals is not an adequate response).
    """
    classes, missing = [], []
    if positivity is None:
        missing.append("positivity")
    else:
        classes.append(ADEQUATE if positivity < 0.05 else MODERATE if positivity <= 0.15 else LIMITED)
    if bed_occupancy is None:
        missing.append("bed_occupancy")
    else:
        classes.append(ADEQUATE if bed_occupancy < 0.60 else MODERATE if bed_occupancy <= 0.80 else LIMITED)
    worst = max(classes, key=CAPACITY_ORDER.index) if classes and not missing else None
    return worst, missing


def assess(
    cases_per_100k: float | None,
    admissions_per_100k: float | None = None,
    deaths_per_100k: float | None = None,
    positivity: float | None = None,
    bed_occupancy: float | None = None,
) -> Assessment:
    """The highest level among the known transmission indicators, the capacity, and the situational level
    from both. Inputs that are unknown are listed as missing, never guessed."""
    indicators = {
        "cases": (cases_per_100k, CASE_BOUNDS),
        "hospital_admissions": (admissions_per_100k, ADMISSION_BOUNDS),
        "deaths": (deaths_per_100k, DEATH_BOUNDS),
    }
    levels = {name: level_for(value, bounds) for name, (value, bounds) in indicators.items() if value is not None}
    missing = [name for name, (value, _) in indicators.items() if value is None]
    capacity, capacity_missing = _capacity_of(positivity, bed_occupancy)
    transmission = max(levels.values()) if levels else None
    situation = SITUATION[transmission][capacity] if transmission is not None and capacity is not None else None
    return Assessment(transmission, capacity, situation, levels, tuple(missing + capacity_missing))


def week_end(day: dt.date) -> dt.date:
    """The Sunday closing the ISO week (Monday to Sunday) of `day`."""
    return day + dt.timedelta(days=6 - day.weekday())


def last_complete_week_end(day: dt.date) -> dt.date:
    """The last Sunday on or before `day`: the end of the last week fully reported by then."""
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


@dataclass(frozen=True)
class WeekFigures:
    """One area's week: cases and deaths per 100,000 in the seven days to `week_end`, and the capacity inputs."""

    week_end: dt.date
    cases_per_100k: float
    deaths_per_100k: float
    positivity: float | None
    bed_occupancy: float | None


def weekly_figures(series: Sequence[DerivedDay], population: int) -> list[WeekFigures]:
    """Every week whose Sunday is in the series, oldest first; days before the first report count as none."""
    by_date = {day.date: day for day in series}
    weeks = []
    for day in series:
        if day.date.weekday() != 6:
            continue
        before = by_date.get(day.date - dt.timedelta(days=7))
        cases = day.cumulative_cases - (before.cumulative_cases if before else 0)
        deaths = day.cumulative_deaths - (before.cumulative_deaths if before else 0)
        weeks.append(
            WeekFigures(
                day.date, cases * PER / population, deaths * PER / population, day.positivity_7day, day.bed_occupancy
            )
        )
    return weeks
