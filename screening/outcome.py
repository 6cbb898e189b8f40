"""The outcome of a questionnaire and its rendering into a resident-facing result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from screening.questionnaire import Questionnaire, hotlines
from screening.reasons import reason_text
from screening.text import localize


@dataclass(frozen=True)
class Outcome:
    """What the rules decided, before any text is chosen."""

    category: str
    urgent: bool = False
    score: int | None = None
    reasons: tuple[str, ...] = ()
    quarantine_until: dt.date | None = None
    isolation_reason: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def localized_hotlines(lang: str) -> list[dict[str, str]]:
    """The emergency and COVID-19 numbers, named in `lang`."""
    return [{"name": localize(name, lang), "number": number} for name, number in hotlines()]


def render_result(questionnaire: Questionnaire, outcome: Outcome, lang: str) -> dict[str, Any]:
    """The result body a resident sees, in `lang`."""
    texts = questionnaire.results[outcome.category]
    values = {
        "score": outcome.score,
        "max_score": questionnaire.max_score,
        "quarantine_until": outcome.quarantine_until.isoformat() if outcome.quarantine_until else "",
    }
    next_steps = list(texts.next_steps.get(lang) or texts.next_steps["id"])
    urgent_step = questionnaire.extra_text.get("urgent_step")
    if outcome.urgent and urgent_step and outcome.category != "emergency":
        next_steps.insert(0, localize(urgent_step, lang))
    result: dict[str, Any] = {
        "category": outcome.category,
        "urgent": outcome.urgent,
        "title": localize(texts.title, lang),
        "advice": localize(texts.advice, lang).format(**values),
        "next_steps": next_steps,
        "reasons": list(outcome.reasons),
        "reason_texts": [localize(reason_text(code, questionnaire), lang) for code in outcome.reasons],
        "hotlines": localized_hotlines(lang),
        "home_isolation_reason": outcome.isolation_reason,
    }
    if outcome.score is not None:
        result["score"] = outcome.score
        result["max_score"] = questionnaire.max_score
    if outcome.quarantine_until is not None:
        result["quarantine_until"] = outcome.quarantine_until.isoformat()
    return result
