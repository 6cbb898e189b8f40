"""Pure builders of questionnaire answers (no app, no database)."""

from __future__ import annotations

from typing import Any

from screening.questionnaire import get_questionnaire


def self_screening_answers(**overrides: Any) -> dict[str, Any]:
    """Every required self-screening answer 'no', then the overrides."""
    questionnaire = get_questionnaire("self-screening")
    answers: dict[str, Any] = {q.key: False for q in questionnaire.questions if q.required}
    answers.update(overrides)
    return answers


def risk_answers(questionnaire_id: str, yes: int = 0) -> dict[str, bool]:
    """The first `yes` questions answered yes, the rest no."""
    questions = get_questionnaire(questionnaire_id).questions
    return {q.key: index < yes for index, q in enumerate(questions)}
