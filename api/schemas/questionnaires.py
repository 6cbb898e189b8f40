"""Questionnaire definitions, answers sent in and the stored responses read back."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import Day, StrictSchema
from screening.questionnaire import Questionnaire
from screening.text import SUPPORTED_LANGS, localize


class QuestionnaireSummarySchema(ma.Schema):
    id = ma.fields.String()
    version = ma.fields.String()
    title = ma.fields.String()
    description = ma.fields.String()
    basis = ma.fields.String()
    question_count = ma.fields.Integer()


class OptionSchema(ma.Schema):
    value = ma.fields.String()
    text = ma.fields.String()


class QuestionSchema(ma.Schema):
    key = ma.fields.String()
    type = ma.fields.String(metadata={"description": "boolean, integer, number, date or multi_choice"})
    section = ma.fields.String()
    section_title = ma.fields.String(allow_none=True)
    required = ma.fields.Boolean()
    text = ma.fields.String()
    min = ma.fields.Float(allow_none=True)
    max = ma.fields.Float(allow_none=True)
    unit = ma.fields.String(allow_none=True)
    options = ma.fields.List(ma.fields.Nested(OptionSchema))


class QuestionnaireSchema(QuestionnaireSummarySchema):
    lang = ma.fields.String()
    questions = ma.fields.List(ma.fields.Nested(QuestionSchema))


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
    questions = []
    for q in questionnaire.questions:
        section_title = questionnaire.sections.get(q.section)
        questions.append(
            {
                "key": q.key,
                "type": q.type,
                "section": q.section,
                "section_title": localize(section_title, lang) if section_title else None,
                "required": q.required,
                "text": localize(q.text, lang),
                "min": q.minimum,
                "max": q.maximum,
                "unit": q.unit,
                "options": [{"value": o.value, "text": localize(o.text, lang)} for o in q.options],
            }
        )
    return {**questionnaire_summary(questionnaire, lang), "lang": lang, "questions": questions}


class ScreeningAnswersSchema(StrictSchema):
    answers = ma.fields.Dict(
        keys=ma.fields.String(), required=True, metadata={"description": "Answers keyed by question key"}
    )
    region = ma.fields.String(
        load_default=None, allow_none=True, metadata={"description": "Kemendagri code of the resident's kabupaten/kota"}
    )
    lang = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SUPPORTED_LANGS))


class ScreeningResponseSchema(ma.Schema):
    id = ma.fields.UUID()
    questionnaire = ma.fields.String(attribute="questionnaire_id")
    version = ma.fields.String(attribute="questionnaire_version")
    answers = ma.fields.Dict()
    result = ma.fields.Dict(metadata={"description": "See Result"})
    region = ma.fields.String(attribute="region_code", allow_none=True)
    lang = ma.fields.String()
    created_at = ma.fields.DateTime()


class StaffScreeningResponseSchema(ScreeningResponseSchema):
    category = ma.fields.String()
    urgent = ma.fields.Boolean()
    score = ma.fields.Integer(allow_none=True)


class ScreeningResponseQuerySchema(ma.Schema):
    region = ma.fields.String()
    questionnaire = ma.fields.String()
    category = ma.fields.String()
    from_ = Day(data_key="from")
    to = Day(metadata={"description": "inclusive"})
