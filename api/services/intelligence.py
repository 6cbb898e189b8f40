"""Epidemic intelligence: Rt per area, weekly transmission levels, early-warning signals from self-screening."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import PROVINCE_CODE, ScreeningResponse
from api.services import cases
from api.services.exceptions import InvalidInput
from screening.text import bilingual, localize
from surveillance.early_warning import ears_c2, suppressed
from surveillance.levels import assess
from surveillance.rt import COVID_SI_MEAN, COVID_SI_STD, MINIMUM_CUMULATIVE_CASES, discretise_si, estimate_rt

NOT_REPORTED = bilingual(
    f"Tidak dilaporkan: kurang dari {MINIMUM_CUMULATIVE_CASES} kasus kumulatif sampai akhir jendela.",
    f"Not reported: fewer than {MINIMUM_CUMULATIVE_CASES} cumulative cases by the end of the window.",
)
SIGNAL_CATEGORIES = ("suspect", "symptomatic")


def region_rt(
    region: str, si_mean: float = COVID_SI_MEAN, si_std: float = COVID_SI_STD, lang: str = "id"
) -> dict[str, Any]:
    """Weekly sliding-window Rt with its 95 % credible interval for one area's daily cases."""
    rows = cases.series_rows(region)
    if si_mean <= 1 or si_std <= 0:
        raise InvalidInput(bilingual("Interval serial tidak valid.", "Invalid serial interval."),
                           {"query": {"si_mean": [bilingual("Harus > 1.", "Must be > 1.")]}})  # fmt: skip
    # Corrections (negative days) cannot be negative incidence: they count as days without new cases.
    incidence = [max(0, row["new_cases"] or 0) for row in rows]
    windows = estimate_rt(incidence, discretise_si(si_mean, si_std)) if len(incidence) > 8 else []
    out = []
    for w in windows:
        entry: dict[str, Any] = {
            "date_start": rows[w.t_start - 1]["date"],
            "date_end": rows[w.t_end - 1]["date"],
            "reported": w.reported,
            "cases": w.cases,
            "cumulative_cases": w.cumulative_cases,
        }
        if w.reported:
            entry.update({"mean": w.mean, "std": w.std, "q025": w.q025, "median": w.median, "q975": w.q975})
        out.append(entry)
    return {
        "region": region,
        "si_mean": si_mean,
        "si_std": si_std,
        "window_days": 7,
        "method": "Cori et al. 2013 (EpiEstim)",
        "not_reported_reason": localize(NOT_REPORTED, lang),
        "estimates": out,
    }


def _week_end(rows: list[dict[str, Any]], week: dt.date | None) -> str | None:
    """The Sunday closing the requested ISO week, or the last complete week in the data."""
    if not rows:
        return None
    if week is not None:
        return (week + dt.timedelta(days=6 - week.weekday())).isoformat()
    last = dt.date.fromisoformat(rows[-1]["date"])
    end = last - dt.timedelta(days=(last.weekday() + 1) % 7)
    return end.isoformat()


def levels(week: dt.date | None = None) -> dict[str, Any]:
    """Per area for one week: cases and deaths per 100,000 that week, positivity and bed occupancy if known."""
    names = cases.region_names_with_province()
    province_rows = cases.series_rows(PROVINCE_CODE)
    end = _week_end(province_rows, week)
    out: list[dict[str, Any]] = []
    for code, name in names.items():
        rows = cases.series_rows(code)
        by_date = {r["date"]: r for r in rows}
        row = by_date.get(end or "")
        start_row = by_date.get((dt.date.fromisoformat(end) - dt.timedelta(days=7)).isoformat()) if end else None
        if row is None:
            out.append({"region": code, "name": name, "week_end": end, "missing": ["cases"]})
            continue
        population = cases.populations()[code]
        week_cases = row["cumulative_cases"] - (start_row["cumulative_cases"] if start_row else 0)
        week_deaths = row["cumulative_deaths"] - (start_row["cumulative_deaths"] if start_row else 0)
        result = assess(
            week_cases * 100_000 / population,
            None,
            week_deaths * 100_000 / population,
            row["positivity_7day"],
            row["bed_occupancy"],
        )
        out.append({
            "region": code, "name": name, "week_end": end,
            "cases_per_100k": week_cases * 100_000 / population, "deaths_per_100k": week_deaths * 100_000 / population,
            "positivity": row["positivity_7day"], "bed_occupancy": row["bed_occupancy"],
            "transmission_level": result.transmission_level, "indicator_levels": result.indicator_levels,
            "capacity": result.capacity, "situational_level": result.situational_level, "missing": list(result.missing),
        })  # fmt: skip
    return {"week_end": end, "areas": out}


def signals(days: int = 60, *, suppress: bool = True) -> list[dict[str, Any]]:
    """Per region and day: screenings, suspect or symptomatic results, their share, and the EARS C2 signal."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    today = utcnow().astimezone(zone).date()
    first = today - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(first, dt.time(), tzinfo=zone)
    query = sa.select(ScreeningResponse.region_code, ScreeningResponse.created_at, ScreeningResponse.category).where(
        ScreeningResponse.questionnaire_id == "self-screening",
        ScreeningResponse.created_at >= since,
        ScreeningResponse.region_code.is_not(None),
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    flagged: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    for region, created, category in db.session.execute(query):
        if region is None:
            continue
        index = (created.astimezone(zone).date() - first).days
        if 0 <= index < days:
            totals[region][index] += 1
            flagged[region][index] += category in SIGNAL_CATEGORIES
    out = []
    for region in sorted(totals):
        shares = [f / t if t else 0.0 for f, t in zip(flagged[region], totals[region], strict=True)]
        c2 = {r.index: r for r in ears_c2(shares)}
        for index in range(days):
            total, hits = totals[region][index], flagged[region][index]
            result = c2.get(index)
            hide_share = suppress and 0 < hits < 5
            out.append({
                "region": region, "date": (first + dt.timedelta(days=index)).isoformat(),
                "screenings": suppressed(total) if suppress else total,
                "suspect_or_symptomatic": suppressed(hits) if suppress else hits,
                "share": None if hide_share or not total else shares[index],
                "c2": None if result is None or hide_share else result.statistic,
                "signal": bool(result and result.signal),
            })  # fmt: skip
    return out
