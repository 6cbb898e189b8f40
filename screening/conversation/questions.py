"""A questionnaire one question at a time: which comes next, how it is asked, how a typed reply is read."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from screening.conversation import texts
from screening.conversation.model import Choice, Reply
from screening.questionnaire import Question, Questionnaire
from screening.text import Text, localize
from screening.validation import NOT_DATE, NOT_INTEGER, NOT_NUMBER, validate_answers

YES_WORDS = frozenset({"ya", "y", "iya", "yes", "yy", "benar"})
NO_WORDS = frozenset({"tidak", "t", "tdk", "no", "n", "nggak", "enggak", "gak", "bukan"})
SKIP_WORDS = frozenset({"-", "lewati", "skip", "tidak tahu", "tdk tahu", "don't know"})
NONE_WORDS = frozenset({"0", "tidak ada", "none", "tidak", "no"})
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def next_question(questionnaire: Questionnaire, answers: Mapping[str, Any], after: str | None) -> Question | None:
    """The first question after `after` (or the first of all) that the answers so far do not hide."""
    keys = [q.key for q in questionnaire.questions]
    start = keys.index(after) + 1 if after else 0
    for question in questionnaire.questions[start:]:
        if questionnaire.shown(question, answers):
            return question
    return None


def ask(questionnaire: Questionnaire, question: Question, lang: str) -> Reply:
    number = [q.key for q in questionnaire.questions].index(question.key) + 1
    progress = localize(texts.PROGRESS, lang).format(n=number, total=len(questionnaire.questions))
    lines = [f"({progress})", localize(question.text, lang)]
    choices: tuple[Choice, ...] = ()
    if question.type == "boolean":
        choices = (Choice("yes", localize(texts.YES, lang)), Choice("no", localize(texts.NO, lang)))
    elif question.type in ("integer", "number"):
        unit = f" ({localize(question.unit, lang)})" if question.unit else ""
        lines.append(localize(texts.TYPE_NUMBER, lang).format(unit=unit))
    elif question.type == "date":
        lines.append(localize(texts.TYPE_DATE, lang))
    else:
        lines += numbered_options([o.text for o in question.options], lang)
    if not question.required:
        if choices:
            choices += (Choice("skip", localize(texts.SKIP, lang)),)
        else:
            lines.append(localize(texts.MAY_SKIP, lang))
    return Reply("\n".join(lines), choices)


def numbered_options(options: list[Text], lang: str) -> list[str]:
    """A pick-several list is typed as numbers (WhatsApp lists pick one), the same on every channel."""
    return [f"{index}. {localize(text, lang)}" for index, text in enumerate(options, start=1)] + [
        localize(texts.TYPE_CHOICES, lang)
    ]


def pick_several(text: str, values: list[str]) -> list[str] | None:
    """The values named by numbers such as "1,3" or "1 3"; [] for "0"/"none"; None when unreadable."""
    cleaned = text.strip().lower()
    if cleaned in NONE_WORDS:
        return []
    parts = [p for p in re.split(r"[,\s;]+", cleaned) if p]
    if not parts or not all(p.isdigit() and 1 <= int(p) <= len(values) for p in parts):
        return None
    return list(dict.fromkeys(values[int(p) - 1] for p in parts))


def skipped(question: Question, choice: str, text: str) -> bool:
    return not question.required and (choice == "skip" or text.strip().lower() in SKIP_WORDS)


def read_answer(question: Question, choice: str, text: str) -> tuple[object, Text | None]:
    """The reply in the form the API takes (true/false, a number, YYYY-MM-DD, a list of values), or why it is not
    one; the range and date checks are the API's own (screening.validation)."""
    typed = text.strip().lower()
    if question.type == "boolean":
        if choice in ("yes", "no"):
            return choice == "yes", None
        if typed in YES_WORDS or typed in NO_WORDS:
            return typed in YES_WORDS, None
        return None, texts.NOT_UNDERSTOOD
    if question.type in ("integer", "number"):
        try:
            number = float(typed.replace(",", "."))
        except ValueError:
            return None, NOT_INTEGER if question.type == "integer" else NOT_NUMBER
        return (int(number) if number.is_integer() else number), None
    if question.type == "date":
        match = _DMY.match(typed)
        if match:
            day, month, year = (int(g) for g in match.groups())
            typed = f"{year:04d}-{month:02d}-{day:02d}"
        return (typed, None) if typed else (None, NOT_DATE)
    values = [o.value for o in question.options]
    picked = pick_several(typed, values)
    return (picked, None) if picked is not None else (None, texts.NOT_UNDERSTOOD)


def check(
    questionnaire: Questionnaire, answers: Mapping[str, Any], question: Question, value: object, today: dt.date
) -> Text | None:
    """The API's message for this answer, if it has one (the other questions' gaps are not this reply's fault)."""
    _, errors = validate_answers(questionnaire, {**answers, question.key: value}, today)
    problems = errors.get(question.key)
    return problems[0] if problems else None
