"""Weighted yes/no risk tests (KMK 328/2020 workplace form, 21-item personal checklist)."""

from __future__ import annotations

from collections.abc import Mapping

from screening.outcome import Outcome
from screening.questionnaire import Questionnaire


def score_answers(questionnaire: Questionnaire, answers: Mapping[str, object]) -> int:
    return sum(q.weight for q in questionnaire.questions if answers.get(q.key) is True)


def category_for_score(questionnaire: Questionnaire, score: int) -> str:
    for band in questionnaire.rules["bands"]:
        if band["max_score"] is None or score <= band["max_score"]:
            return str(band["category"])
    raise ValueError(f"{questionnaire.id}: no band for score {score}")


def assess_risk(questionnaire: Questionnaire, answers: Mapping[str, object]) -> Outcome:
    score = score_answers(questionnaire, answers)
    yes = tuple(q.key for q in questionnaire.questions if answers.get(q.key) is True)
    return Outcome(category=category_for_score(questionnaire, score), score=score, reasons=yes)
