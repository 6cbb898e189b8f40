"""Epidemic intelligence: Rt per area, weekly transmission levels, early-warning signals from self-screening,
and an area's situation for residents."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import sqlalchemy as sa

from api.clock import local_today, local_zone, utcnow
from api.extensions import db
from api.models import ScreeningResponse
from api.services import bed_reports, case_stats
from api.services.exceptions import InvalidInput
from screening.text import bilingual
from surveillance.beds import WeekOccupancy
from surveillance.case_files import FIRST_DAY, latest_allowed_day
from surveillance.early_warning import Signal, daily_signals
from surveillance.levels import WeekFigures, assess, week_end
from surveillance.published import rt_windows
from surveillance.rt import COVID_SI_MEAN, COVID_SI_STD, RtWindow
from surveillance.situation import Situation

RT_METHOD = "Cori et al. 2013 (EpiEstim)"


def _percent(share: float | None) -> float | None:
    return None if share is None else share * 100


def region_rt(region: str, si_mean: float = COVID_SI_MEAN, si_std: float = COVID_SI_STD) -> dict[str, Any]:
    """Weekly sliding-window Rt with its 95 % credible interval for one area's daily cases.

    With the default serial interval the windows come from the shared derived statistics; another
    serial interval is computed on the spot (the series never spans more than the epidemic's days).
    """
    stats = case_stats.current()
    rows = stats.rows(region)
    default = (si_mean, si_std) == (COVID_SI_MEAN, COVID_SI_STD)
    windows = stats.rt(region) if default else rt_windows(rows, si_mean, si_std)
    return {
        "region": region,
        "si_mean": si_mean,
        "si_std": si_std,
        "window_days": 7,
        "method": RT_METHOD,
        "estimates": [_rt_entry(window, rows) for window in windows],
    }


def _rt_entry(window: RtWindow, rows: list[dict[str, Any]]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "date_start": rows[window.t_start - 1]["date"],
        "date_end": rows[window.t_end - 1]["date"],
        "reported": window.reported,
        "cases": window.cases,
        "cumulative_cases": window.cumulative_cases,
    }
    if window.reported:
        entry.update(
            {"mean": window.mean, "std": window.std, "q025": window.q025, "median": window.median, "q975": window.q975}
        )
    return entry


# --- weekly transmission levels ---------------------------------------------------------------------------


def level_weeks() -> list[dt.date]:
    """The end (Sunday) of every week any area has figures for, newest first."""
    weeks = case_stats.current().weeks()
    return sorted({week.week_end for found in weeks.values() for week in found}, reverse=True)


def _checked_week(week: dt.date) -> dt.date:
    """The Sunday closing the week of `week`; a day outside the epidemic's dates is refused (422)."""
    last = latest_allowed_day(local_today())
    if not FIRST_DAY <= week <= last:
        message = bilingual(
            f"Minggu di luar {FIRST_DAY.isoformat()} .. {last.isoformat()}.",
            f"Week outside {FIRST_DAY.isoformat()} .. {last.isoformat()}.",
        )
        raise InvalidInput(bilingual("Isian tidak valid.", "Invalid input."), {"query": {"week": [message]}})
    return week_end(week)


def levels(week: dt.date | None = None) -> dict[str, Any]:
    """Per area for one week (any day of it; default the last complete week): cases and deaths per 100,000
    that week, positivity and bed occupancy if known, and the levels they give."""
    stats = case_stats.current()
    weeks = stats.weeks()
    if week is not None:
        end: dt.date | None = _checked_week(week)
    else:
        end = max((found[-1].week_end for found in weeks.values() if found), default=None)
    beds = bed_reports.week_occupancies(end) if end else {}
    names = bed_reports.hospital_names({code for found in beds.values() for code in found.hospitals})
    areas = []
    for code, name in stats.areas.names.items():
        figures = next((w for w in weeks.get(code, []) if w.week_end == end), None)
        level = _level_of(figures, beds.get(code))
        level["bed_hospitals"] = [
            {"code": hospital, "name": names.get(hospital, hospital)}
            for hospital in (beds[code].hospitals if level["bed_occupancy_source"] == "hospital_reports" else ())
        ]
        areas.append({"region": code, "name": name, "demo": code in stats.areas.demo, **level})
    return {"week_end": end.isoformat() if end else None, "areas": areas}


def _level_of(figures: WeekFigures | None, beds: WeekOccupancy | None = None) -> dict[str, Any]:
    """The levels from the week's figures; bed occupancy from the daily case records, else from the hospitals'
    own bed reports of that week (`bed_occupancy_source` says which)."""
    source = "case_records" if figures is not None and figures.bed_occupancy is not None else None
    if source is None and beds is not None and beds.share is not None:
        source = "hospital_reports"
        if figures is not None:
            figures = dataclasses.replace(figures, bed_occupancy=beds.share)
    if figures is None:
        from_hospitals = source == "hospital_reports" and beds is not None
        return {
            **dict.fromkeys(("cases_per_100k", "deaths_per_100k", "positivity_percent")),
            "bed_occupancy_percent": _percent(beds.share) if from_hospitals and beds else None,
            "bed_occupancy_source": source,
            **dict.fromkeys(("transmission_level", "capacity", "situational_level")),
            "indicator_levels": {},
            "missing": ["cases", "hospital_admissions", "deaths", "positivity"]
            + ([] if from_hospitals else ["bed_occupancy"]),
        }
    result = assess(figures.cases_per_100k, None, figures.deaths_per_100k, figures.positivity, figures.bed_occupancy)
    return {
        "bed_occupancy_source": source,
        "cases_per_100k": figures.cases_per_100k,
        "deaths_per_100k": figures.deaths_per_100k,
        "positivity_percent": _percent(figures.positivity),
        "bed_occupancy_percent": _percent(figures.bed_occupancy),
        "transmission_level": result.transmission_level,
        "indicator_levels": result.indicator_levels,
        "capacity": result.capacity,
        "situational_level": result.situational_level,
        "missing": list(result.missing),
    }


def region_situation(region_code: str) -> Situation | None:
    """An area's latest complete week for a resident: its transmission level and 7-day cases per 100,000 (see
    surveillance.situation for its sentence); None for an unknown code. Read from the shared derived statistics
    (no series is derived here), so it is cheap enough to call on every screening."""
    stats = case_stats.current()
    name = stats.areas.names.get(region_code)
    if name is None:
        return None
    latest = stats.latest_weeks().get(region_code)
    level = cases = None
    if latest is not None:
        result = assess(latest.cases_per_100k, None, latest.deaths_per_100k, latest.positivity, latest.bed_occupancy)
        level, cases = result.transmission_level, round(latest.cases_per_100k, 1)
    return Situation(
        region=region_code,
        name=name,
        week_end=latest.week_end if latest else None,
        transmission_level=level,
        cases_7day_per_100k=cases,
        demo=region_code in stats.areas.demo,
        last_day=_last_day(region_code),
    )


def _last_day(region_code: str) -> dt.date | None:
    """The area's last day with figures (from the shared summary)."""
    found = next((a["date"] for a in case_stats.current().summary() if a["region"] == region_code), None)
    return dt.date.fromisoformat(found) if found else None


# --- early warning ----------------------------------------------------------------------------------------


def screening_version(days: int) -> str:
    """Changes whenever a screening in the window is added or removed, and every day."""
    count, latest = db.session.execute(
        sa.select(sa.func.count(), sa.func.max(ScreeningResponse.created_at)).where(
            ScreeningResponse.created_at >= utcnow() - dt.timedelta(days=days + 1)
        )
    ).one()
    return f"{db.engine.url}|{days}|{count}|{latest}|{local_today()}"


def signals(days: int = 60, *, suppress: bool = True, region: str | None = None) -> list[dict[str, Any]]:
    """Per region and day: screenings, suspect or symptomatic results, their share, and the EARS C2 signal
    (surveillance.early_warning.daily_signals); with `suppress` (the public view) small counts are withheld."""
    zone = local_zone()
    first = utcnow().astimezone(zone).date() - dt.timedelta(days=days - 1)
    query = sa.select(ScreeningResponse.region_code, ScreeningResponse.created_at, ScreeningResponse.category).where(
        ScreeningResponse.questionnaire_id == "self-screening",
        ScreeningResponse.created_at >= dt.datetime.combine(first, dt.time(), tzinfo=zone),
        ScreeningResponse.region_code.is_not(None),
    )
    if region is not None:
        query = query.where(ScreeningResponse.region_code == region)
    rows = db.session.execute(query)
    return [_signal_entry(signal) for signal in daily_signals(rows, first, days, suppress, zone)]


def _signal_entry(signal: Signal) -> dict[str, Any]:
    return {
        "region": signal.region,
        "date": signal.day.isoformat(),
        "screenings": signal.screenings,
        "suspect_or_symptomatic": signal.suspect_or_symptomatic,
        "share_percent": _percent(signal.share),
        "c2": signal.c2,
        "signal": signal.signal,
        "suppressed": signal.suppressed,
    }


def demo_screenings(days: int = 60) -> bool:
    """Whether demo self-screenings are among those of the last `days` days (the early warning then says so)."""
    since = utcnow() - dt.timedelta(days=days)
    query = sa.select(sa.func.count()).where(ScreeningResponse.is_demo.is_(True), ScreeningResponse.created_at >= since)
    return bool(db.session.scalar(query))
