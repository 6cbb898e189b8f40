"""Questionnaire definitions, answers sent in and the stored responses read back."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import Day, HotlineSchema, StrictSchema
from api.schemas.hospitals import ShownHospitalSchema
from screening.questionnaire import QUESTION_TYPES, Questionnaire
from screening.text import SUPPORTED_LANGS, localize


class QuestionnaireSummarySchema(ma.Schema):
    id = ma.fields.String(required=True)
    version = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    basis = ma.fields.String(required=True, metadata={"description": "the regulation the questions follow"})
    question_count = ma.fields.Integer(required=True)


class OptionSchema(ma.Schema):
    value = ma.fields.String(required=True)
    text = ma.fields.String(required=True)


class ConditionSchema(ma.Schema):
    question = ma.fields.String(required=True, metadata={"description": "the key of an earlier question"})
    equals = ma.fields.Boolean(required=True, metadata={"description": "the answer that shows this question"})


class ShowIfSchema(ma.Schema):
    any = ma.fields.List(
        ma.fields.Nested(ConditionSchema),
        required=True,
        metadata={"description": "show the question when any condition holds; answers to hidden questions are refused"},
    )


class QuestionSchema(ma.Schema):
    key = ma.fields.String(required=True)
    type = ma.fields.String(required=True, metadata={"enum": list(QUESTION_TYPES)})
    section = ma.fields.String(required=True)
    section_title = ma.fields.String(required=True)
    required = ma.fields.Boolean(required=True)
    text = ma.fields.String(required=True)
    min = ma.fields.Float(required=True, allow_none=True)
    max = ma.fields.Float(required=True, allow_none=True)
    unit = ma.fields.String(required=True, allow_none=True)
    max_days_ago = ma.fields.Integer(
        required=True, allow_none=True, metadata={"description": "dates: the earliest answer accepted, in days ago"}
    )
    show_if = ma.fields.Nested(ShowIfSchema, required=True, allow_none=True)
    options = ma.fields.List(ma.fields.Nested(OptionSchema), required=True)
    checklist = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "yes/no questions with the same name may be shown as one list to tick, the "
            "unticked ones answered false; every answer is still sent"
        },
    )
    label = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "the short text beside the question's box in a checklist"},
    )


class QuestionnaireSchema(QuestionnaireSummarySchema):
    lang = ma.fields.String(required=True)
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema), required=True)


def questionnaire_summary(questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    return {
        "id": questionnaire.id,
        "version": questionnaire.version,
        "title": localize(questionnaire.title, lang),
        "description": localize(questionnaire.description, lang),
        "basis": questionnaire.basis,
        "question_count": len(questionnaire.questions),
    }


def questionnaire_detail(questionnaire: Questionnaire, lang: str) -> dict[str, Any]:
    """The questions in order, in `lang`, as an app renders them (sections, units, ranges, when to ask)."""
    questions = []
    for q in questionnaire.questions:
        questions.append(
            {
                "key": q.key,
                "type": q.type,
                "section": q.section,
                "section_title": localize(questionnaire.sections[q.section], lang),
                "required": q.required,
                "text": localize(q.text, lang),
                "min": q.minimum,
                "max": q.maximum,
                "unit": localize(q.unit, lang) if q.unit else None,
                "max_days_ago": q.max_days_ago,
                "show_if": {"any": [{"question": c.question, "equals": c.equals} for c in q.show_if]}
                if q.show_if
                else None,
                "options": [{"value": o.value, "text": localize(o.text, lang)} for o in q.options],
                "checklist": q.checklist,
                "label": localize(q.label, lang) if q.label else None,
            }
        )
    return {**questionnaire_summary(questionnaire, lang), "lang": lang, "questions": questions}


class ScreeningAnswersSchema(StrictSchema):
    # JSON keys are strings already; each answer is checked against its question by the rules (InvalidAnswers).
    answers = ma.fields.Dict(required=True, metadata={"description": "Answers keyed by question key"})
    region = ma.fields.String(
        load_default=None, allow_none=True, metadata={"description": "Kemendagri code of the resident's kabupaten/kota"}
    )
    lang = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SUPPORTED_LANGS))


class RegionSituationSchema(ma.Schema):
    """The resident's kabupaten/kota this week, from the public statistics."""

    region = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    # Results are stored as JSON: their dates are already ISO strings.
    week_end = ma.fields.String(
        required=True, allow_none=True, metadata={"format": "date", "description": "Asia/Jakarta date"}
    )
    transmission_level = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "1 to 4"})
    cases_7day_per_100k = ma.fields.Float(required=True, allow_none=True)
    demo = ma.fields.Boolean(required=True, metadata={"description": "true while the figures are demo data"})
    text = ma.fields.String(required=True)


class ScreeningResultSchema(ma.Schema):
    """What the rules decided, in the reply's language."""

    category = ma.fields.String(
        required=True,
        metadata={
            "description": "self-screening: emergency, suspect, close_contact, symptomatic or low_risk; "
            "risk tests: low, medium or high"
        },
    )
    urgent = ma.fields.Boolean(required=True)
    title = ma.fields.String(required=True)
    advice = ma.fields.String(required=True)
    next_steps = ma.fields.List(ma.fields.String(), required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True, metadata={"description": "rule codes"})
    reason_texts = ma.fields.List(
        ma.fields.String(), metadata={"description": "the reasons as sentences (responses stored since 2026-11)"}
    )
    hotlines = ma.fields.List(ma.fields.Nested(HotlineSchema), required=True)
    score = ma.fields.Integer(metadata={"description": "risk tests"})
    max_score = ma.fields.Integer(metadata={"description": "risk tests"})
    quarantine_until = ma.fields.String(
        metadata={"format": "date", "description": "close contacts: the last day of quarantine (Asia/Jakarta)"}
    )
    home_isolation_reason = ma.fields.String(
        allow_none=True,
        metadata={
            "description": "the reason home isolation starts under from this result (POST /isolations with "
            "screening_response_id); null when the result does not call for it"
        },
    )
    hospitals = ma.fields.List(
        ma.fields.Nested(ShownHospitalSchema),
        metadata={
            "description": "urgent results (since 2026-12): up to 3 hospitals of the response's region whose "
            "latest bed report showed a free isolation or ICU bed when it was answered, with phones"
        },
    )
    region_situation = ma.fields.Nested(
        RegionSituationSchema,
        allow_none=True,
        metadata={
            "description": "the latest complete week of the response's region, as shown when it was "
            "answered; null without a region"
        },
    )


class ScreeningResponseSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    questionnaire = ma.fields.String(attribute="questionnaire_id", required=True)
    version = ma.fields.String(attribute="questionnaire_version", required=True)
    # Stored as the rules checked them: dumped as they are, not key by key.
    answers = ma.fields.Dict(required=True, metadata={"description": "by question key, as the definition types them"})
    result = ma.fields.Nested(ScreeningResultSchema, required=True)
    region = ma.fields.String(attribute="region_code", required=True, allow_none=True)
    lang = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)


class StaffScreeningResponseSchema(ScreeningResponseSchema):
    category = ma.fields.String(required=True)
    urgent = ma.fields.Boolean(required=True)
    score = ma.fields.Integer(required=True, allow_none=True)


class ScreeningResponseQuerySchema(ma.Schema):
    region = ma.fields.String()
    questionnaire = ma.fields.String()
    category = ma.fields.String()
    from_ = Day(data_key="from")
    to = Day(metadata={"description": "inclusive"})
