"""Checks a resident's answers against a questionnaire: keys, types, ranges, dates, choices."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from screening.questionnaire import Question, Questionnaire, Text
from screening.text import bilingual

Answers = dict[str, Any]
FieldErrors = dict[str, list[Text]]

UNKNOWN_KEY = bilingual("Pertanyaan ini tidak ada di kuesioner.", "This question is not in the questionnaire.")
REQUIRED = bilingual("Pertanyaan ini wajib dijawab.", "This question must be answered.")
NOT_BOOLEAN = bilingual("Jawaban harus true atau false.", "The answer must be true or false.")
NOT_INTEGER = bilingual("Jawaban harus bilangan bulat.", "The answer must be a whole number.")
NOT_NUMBER = bilingual("Jawaban harus berupa angka.", "The answer must be a number.")
NOT_DATE = bilingual("Tanggal harus berformat YYYY-MM-DD.", "The date must be in YYYY-MM-DD format.")
FUTURE_DATE = bilingual("Tanggal tidak boleh di masa depan.", "The date cannot be in the future.")


def _too_long_ago(question: Question) -> Text:
    days = question.max_days_ago
    return bilingual(
        f"Tanggal terlalu lama: paling jauh {days} hari yang lalu.", f"The date is too long ago: {days} days at most."
    )


NOT_LIST = bilingual("Jawaban harus berupa daftar pilihan.", "The answer must be a list of choices.")
DUPLICATE_CHOICE = bilingual("Pilihan tidak boleh diulang.", "A choice cannot be repeated.")


def _not_asked(question: Question) -> Text:
    keys = ", ".join(c.question for c in question.show_if)
    return bilingual(
        f"Pertanyaan ini hanya dijawab bila jawaban '{keys}' ya; kosongkan.",
        f"This question is answered only when '{keys}' is yes; leave it out.",
    )


def _out_of_range(question: Question) -> Text:
    low, high = question.minimum, question.maximum
    return bilingual(f"Nilai harus antara {low:g} dan {high:g}.", f"The value must be between {low:g} and {high:g}.")


def _unknown_choice(value: object, question: Question) -> Text:
    allowed = ", ".join(o.value for o in question.options)
    return bilingual(
        f"Pilihan tidak dikenal: {value!r}. Pilihan yang ada: {allowed}.",
        f"Unknown choice: {value!r}. Allowed choices: {allowed}.",
    )


def _check_range(value: float, question: Question) -> list[Text]:
    if question.minimum is not None and value < question.minimum:
        return [_out_of_range(question)]
    if question.maximum is not None and value > question.maximum:
        return [_out_of_range(question)]
    return []


def _clean(question: Question, value: object, today: dt.date) -> tuple[object, list[Text]]:
    """The value in its domain type, or the reasons it is not acceptable."""
    if question.type == "boolean":
        return (value, []) if isinstance(value, bool) else (None, [NOT_BOOLEAN])
    if question.type == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                return None, [NOT_INTEGER]
        return value, _check_range(value, question)
    if question.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return None, [NOT_NUMBER]
        return float(value), _check_range(value, question)
    if question.type == "date":
        if not isinstance(value, str):
            return None, [NOT_DATE]
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return None, [NOT_DATE]
        if len(value) != 10:
            return None, [NOT_DATE]
        if day > today:
            return None, [FUTURE_DATE]
        if question.max_days_ago is not None and (today - day).days > question.max_days_ago:
            return None, [_too_long_ago(question)]
        return day, []
    if not isinstance(value, list):
        return None, [NOT_LIST]
    allowed = {o.value for o in question.options}
    errors = [_unknown_choice(v, question) for v in value if not isinstance(v, str) or v not in allowed]
    if not errors and len(set(value)) != len(value):
        errors.append(DUPLICATE_CHOICE)
    return list(value), errors


def validate_answers(
    questionnaire: Questionnaire, answers: Mapping[str, object], today: dt.date
) -> tuple[Answers, FieldErrors]:
    """Clean answers keyed by question, and the errors per answer key; cleaned is only usable without errors.

    An optional answer sent as null counts as not answered.
    """
    errors: FieldErrors = {}
    cleaned: Answers = {}
    for key in answers:
        if questionnaire.question(key) is None:
            errors[key] = [UNKNOWN_KEY]
    for question in questionnaire.questions:
        value = answers.get(question.key)
        if not questionnaire.shown(question, answers):
            # A question the resident was not asked: an answer to it is a mistake, not data.
            if value is not None:
                errors[question.key] = [_not_asked(question)]
            continue
        if value is None:
            if question.required:
                errors[question.key] = [REQUIRED]
            continue
        clean_value, problems = _clean(question, value, today)
        if problems:
            errors[question.key] = problems
        else:
            cleaned[question.key] = clean_value
    return cleaned, errors
