"""An area's situation for a resident: its latest complete week as data, and that week in one sentence."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from surveillance import formats
from surveillance.freshness import data_until, is_stale
from surveillance.levels import RESIDENT_PRECAUTIONS, last_complete_week_end


@dataclass(frozen=True)
class Situation:
    """An area's latest complete week: its transmission level and 7-day cases per 100,000 (None without
    figures), whether its figures are demo data, and its last day with figures."""

    region: str
    name: str
    week_end: dt.date | None
    transmission_level: int | None
    cases_7day_per_100k: float | None
    demo: bool
    last_day: dt.date | None = None


def _pick(texts: dict[str, str], lang: str) -> str:
    return texts["en" if lang == "en" else "id"]


def situation_text(situation: Situation, lang: str, today: dt.date) -> str:
    """One sentence in `lang`, e.g. "Kota Padang: level 3 transmission last week (85 cases per 100,000 in 7 days).";
    when the figures stopped (the last day long past), then how old they are and that the present is unknown."""
    name, week, level, cases = (
        situation.name,
        situation.week_end,
        situation.transmission_level,
        situation.cases_7day_per_100k,
    )
    if week is None or level is None or cases is None:
        text = _pick({"id": f"{name}: belum ada data kasus.", "en": f"{name}: no case figures yet."}, lang)
    else:
        rate = formats.number(cases, lang, 0 if cases >= 10 else 1)
        if week == last_complete_week_end(today):
            when = {"id": "minggu lalu", "en": "last week"}
        else:
            when = {
                "id": f"pada minggu sampai {formats.date(week, 'id')}",
                "en": f"in the week to {formats.date(week, 'en')}",
            }
        text = _pick(
            {
                "id": f"{name}: transmisi level {level} {when['id']} ({rate} kasus per 100.000 penduduk dalam 7 hari).",
                "en": f"{name}: level {level} transmission {when['en']} ({rate} cases per 100,000 in 7 days).",
            },
            lang,
        )
        if situation.last_day is not None and is_stale(situation.last_day, today):
            unknown = _pick({"id": "situasi sekarang tidak diketahui", "en": "the present situation is unknown"}, lang)
            until = data_until(situation.last_day, today, lang)
            text += f" {until[:1].upper()}{until[1:]}: {unknown}."
    if situation.demo:
        text += " " + _pick({"id": "Data demo, bukan angka resmi.", "en": "Demo data, not official figures."}, lang)
    return text


def situation_reply(situation: Situation, lang: str, today: dt.date) -> dict[str, Any]:
    """The situation as a screening result shows it (and stores it), with its sentence in `lang`."""
    return {
        "region": situation.region,
        "name": situation.name,
        "week_end": situation.week_end.isoformat() if situation.week_end else None,
        "transmission_level": situation.transmission_level,
        "cases_7day_per_100k": situation.cases_7day_per_100k,
        "demo": situation.demo,
        "text": situation_text(situation, lang, today),
    }


def advice_with_situation(advice: str, situation: Situation, lang: str, today: dt.date) -> str:
    """A result's advice, then what to do at the area's transmission level when it is known and current, naming
    the area; an old level says nothing about today (the situation's sentence says how old it is)."""
    level = situation.transmission_level
    if level not in RESIDENT_PRECAUTIONS or situation.last_day is None or is_stale(situation.last_day, today):
        return advice
    mention = {
        "id": f"{situation.name} sedang di transmisi level {level}: ",
        "en": f"{situation.name} is at transmission level {level}: ",
    }
    return f"{advice} {_pick(mention, lang)}{_pick(RESIDENT_PRECAUTIONS[level], lang)}"
