"""Questionnaire definitions loaded from the JSON files in screening/definitions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

Text = dict[str, str]

QUESTION_TYPES = ("boolean", "integer", "number", "date", "multi_choice")
DEFINITION_FILES = ("self_screening.json", "risk_workplace.json", "risk_personal.json")


class UnknownQuestionnaire(LookupError):
    """No questionnaire has that id."""


@dataclass(frozen=True)
class Option:
    value: str
    text: Text


@dataclass(frozen=True)
class Condition:
    """The answer to `question` is `equals`."""

    question: str
    equals: object


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    text: Text
    section: str
    required: bool
    minimum: float | None = None
    maximum: float | None = None
    # A symbol ("°C") is the same in every language; a word ("tahun"/"years") is given per language.
    unit: Text | None = None
    # Dates only: how far back an answer may lie (a contact in year 1 is a typing slip, not an answer).
    max_days_ago: int | None = None
    # Asked only when any of these holds (last contact date: only after "yes, I had contact"); empty: always.
    show_if: tuple[Condition, ...] = ()
    weight: int = 0
    options: tuple[Option, ...] = ()
    # Yes/no questions sharing a checklist name may be asked together as one list to tick (the unticked ones
    # then answered "no"), with `label` as the short text beside each box; every answer is still stored.
    checklist: str | None = None
    label: Text | None = None


@dataclass(frozen=True)
class ResultText:
    title: Text
    advice: Text
    next_steps: dict[str, list[str]]


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    kind: str
    basis: str
    title: Text
    description: Text
    questions: tuple[Question, ...]
    rules: dict[str, Any]
    results: dict[str, ResultText]
    sections: dict[str, Text]
    extra_text: dict[str, Text]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    def shown(self, question: Question, answers: Mapping[str, object]) -> bool:
        """Whether the question is asked, given the answers so far."""
        return not question.show_if or any(answers.get(c.question) == c.equals for c in question.show_if)

    @property
    def max_score(self) -> int:
        return sum(q.weight for q in self.questions)


def _question(raw: dict[str, Any]) -> Question:
    if raw["type"] not in QUESTION_TYPES:
        raise ValueError(f"question {raw['key']}: unknown type {raw['type']}")
    return Question(
        key=raw["key"],
        type=raw["type"],
        text=raw["text"],
        section=raw.get("section", ""),
        required=bool(raw.get("required", False)),
        minimum=raw.get("min"),
        maximum=raw.get("max"),
        unit={"id": raw["unit"]} if isinstance(raw.get("unit"), str) else raw.get("unit"),
        max_days_ago=raw.get("max_days_ago"),
        show_if=tuple(Condition(c["question"], c["equals"]) for c in (raw.get("show_if") or {}).get("any", [])),
        weight=int(raw.get("weight", 0)),
        options=tuple(Option(o["value"], o["text"]) for o in raw.get("options", [])),
        checklist=raw.get("checklist"),
        label=raw.get("label"),
    )


def _questionnaire(raw: dict[str, Any]) -> Questionnaire:
    results = {name: ResultText(r["title"], r["advice"], r["next_steps"]) for name, r in raw["results"].items()}
    known = {"id", "version", "kind", "basis", "title", "description", "questions", "rules", "results", "sections"}
    return Questionnaire(
        id=raw["id"],
        version=raw["version"],
        kind=raw["kind"],
        basis=raw["basis"],
        title=raw["title"],
        description=raw["description"],
        questions=tuple(_question(q) for q in raw["questions"]),
        rules=raw["rules"],
        results=results,
        sections=raw.get("sections", {}),
        extra_text={k: v for k, v in raw.items() if k not in known},
    )


def _read_definition(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(resources.files("screening").joinpath("definitions", name).read_text("utf-8"))
    return data


@cache
def all_questionnaires() -> tuple[Questionnaire, ...]:
    """Every questionnaire, in the order the app lists them."""
    return tuple(_questionnaire(_read_definition(name)) for name in DEFINITION_FILES)


def get_questionnaire(questionnaire_id: str) -> Questionnaire:
    for questionnaire in all_questionnaires():
        if questionnaire.id == questionnaire_id:
            return questionnaire
    raise UnknownQuestionnaire(questionnaire_id)


@cache
def hotlines() -> tuple[tuple[Text, str], ...]:
    """Emergency and COVID-19 numbers every result carries: (name, number)."""
    data = _read_definition("hotlines.json")
    return tuple((h["name"], h["number"]) for h in data["hotlines"])
