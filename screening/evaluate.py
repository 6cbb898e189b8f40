"""One entry point: validate answers, apply the questionnaire's rules, render the result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from screening.outcome import Outcome, render_result
from screening.questionnaire import Questionnaire
from screening.risk_score import assess_risk
from screening.self_screening import classify_self_screening
from screening.validation import Answers, FieldErrors, validate_answers


class InvalidAnswers(ValueError):
    """The answers do not fit the questionnaire; `errors` holds bilingual messages per answer key."""

    def __init__(self, errors: FieldErrors) -> None:
        super().__init__("invalid answers")
        self.errors = errors


@dataclass(frozen=True)
class Evaluation:
    answers: Answers
    outcome: Outcome
    result: dict[str, Any]


def decide(questionnaire: Questionnaire, answers: Answers, today: dt.date) -> Outcome:
    if questionnaire.kind == "triage":
        return classify_self_screening(questionnaire, answers, today)
    return assess_risk(questionnaire, answers)


def evaluate(
    questionnaire: Questionnaire, raw_answers: Mapping[str, object], *, today: dt.date, lang: str
) -> Evaluation:
    """Raises InvalidAnswers when any answer is unacceptable."""
    answers, errors = validate_answers(questionnaire, raw_answers, today)
    if errors:
        raise InvalidAnswers(errors)
    outcome = decide(questionnaire, answers, today)
    return Evaluation(answers=answers, outcome=outcome, result=render_result(questionnaire, outcome, lang))
