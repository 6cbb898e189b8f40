"""Request and response shapes (marshmallow), which also document the API."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask import current_app
from marshmallow import validate

from api.models import ROLES
from screening.alert_workflow import ALERT_TYPES, CATEGORIES, OUTCOMES, STATUSES, EscalationPolicy
from screening.isolation import CLOSING_OUTCOMES as ISOLATION_OUTCOMES
from screening.isolation import DANGER_SIGNS as ISOLATION_DANGER_SIGNS
from screening.isolation import REASONS as ISOLATION_REASONS
from screening.isolation import STATUSES as ISOLATION_STATUSES
from screening.isolation import SYMPTOMS as ISOLATION_SYMPTOMS
from screening.questionnaire import Questionnaire
from screening.text import SUPPORTED_LANGS, localize


def phone_field() -> ma.fields.String:
    """An optional Indonesian or international phone number, as people type it."""
    return ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Regexp(r"^\+?[0-9 ()-]{6,20}$", error="Not a valid phone number."),
    )


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class RegionSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Kemendagri code, e.g. 13.71", "example": "13.71"})
    bps_code = ma.fields.String(metadata={"description": "BPS code, e.g. 1371"})
    name = ma.fields.String()
    short_name = ma.fields.String()
    type = ma.fields.String(metadata={"description": "Kabupaten or Kota"})
    capital = ma.fields.String()
    population_2020 = ma.fields.Integer(metadata={"description": "BPS Sensus Penduduk 2020"})
    area_km2 = ma.fields.Float()
    centroid_lat = ma.fields.Float()
    centroid_lon = ma.fields.Float()


class LangQuerySchema(ma.Schema):
    lang = ma.fields.String(validate=validate.OneOf(SUPPORTED_LANGS))


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


class ResponseCreateSchema(StrictSchema):
    answers = ma.fields.Dict(
        keys=ma.fields.String(), required=True, metadata={"description": "Answers keyed by question key"}
    )
    region = ma.fields.String(
        load_default=None, allow_none=True, metadata={"description": "Kemendagri code of the resident's kabupaten/kota"}
    )
    lang = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(SUPPORTED_LANGS))


class ResultSchema(ma.Schema):
    category = ma.fields.String()
    urgent = ma.fields.Boolean()
    score = ma.fields.Integer()
    max_score = ma.fields.Integer()
    title = ma.fields.String()
    advice = ma.fields.String()
    next_steps = ma.fields.List(ma.fields.String())
    reasons = ma.fields.List(ma.fields.String(), metadata={"description": "Rule codes that led to the category"})
    quarantine_until = ma.fields.Date()
    hotlines = ma.fields.List(ma.fields.Dict())


class ResponseSchema(ma.Schema):
    id = ma.fields.UUID()
    questionnaire = ma.fields.String(attribute="questionnaire_id")
    version = ma.fields.String(attribute="questionnaire_version")
    answers = ma.fields.Dict()
    result = ma.fields.Dict(metadata={"description": "See Result"})
    region = ma.fields.String(attribute="region_code", allow_none=True)
    lang = ma.fields.String()
    created_at = ma.fields.DateTime()


class StaffResponseSchema(ResponseSchema):
    category = ma.fields.String()
    urgent = ma.fields.Boolean()
    score = ma.fields.Integer(allow_none=True)


class ResponseQuerySchema(ma.Schema):
    region = ma.fields.String()
    questionnaire = ma.fields.String()
    category = ma.fields.String()
    from_ = ma.fields.Date(data_key="from")
    to = ma.fields.Date(metadata={"description": "inclusive"})


class TokenRequestSchema(StrictSchema):
    username = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = ma.fields.String(required=True, validate=validate.Length(min=1, max=1024))


class StaffUserSchema(ma.Schema):
    id = ma.fields.Integer()
    username = ma.fields.String()
    role = ma.fields.String()
    region = ma.fields.String(attribute="region_code", allow_none=True)
    is_active = ma.fields.Boolean()
    created_at = ma.fields.DateTime()
    last_login_at = ma.fields.DateTime(allow_none=True)


class TokenSchema(ma.Schema):
    token = ma.fields.String()
    token_type = ma.fields.String()
    expires_at = ma.fields.DateTime()
    user = ma.fields.Nested(StaffUserSchema)


class StaffUserCreateSchema(StrictSchema):
    username = ma.fields.String(required=True)
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    region = ma.fields.String(load_default=None, allow_none=True)
    password = ma.fields.String(required=True, load_only=True)


class DeviceCreateSchema(StrictSchema):
    platform = ma.fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["android", "ios", "web", "other"])
    )
    app_version = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))


class DeviceSchema(ma.Schema):
    id = ma.fields.UUID()
    token = ma.fields.String(metadata={"description": "Shown once; send it as Authorization: Bearer"})
    created_at = ma.fields.DateTime()


class AlertCreateSchema(StrictSchema):
    category = ma.fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    phone = phone_field()
    lat = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-90, 90))
    lon = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-180, 180))
    accuracy_m = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100_000))
    located_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    region = ma.fields.String(load_default=None, allow_none=True)

    @ma.validates_schema
    def lat_and_lon_together(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ma.ValidationError(
                "lat and lon come together.", field_name="lon" if data.get("lon") is None else "lat"
            )


class AlertLocationSchema(StrictSchema):
    lat = ma.fields.Float(required=True, validate=validate.Range(-90, 90))
    lon = ma.fields.Float(required=True, validate=validate.Range(-180, 180))
    accuracy_m = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100_000))
    located_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)


class AlertNoteSchema(StrictSchema):
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class AlertResolveSchema(AlertNoteSchema):
    outcome = ma.fields.String(required=True, validate=validate.OneOf(OUTCOMES))


class AlertQuerySchema(ma.Schema):
    status = ma.fields.String(validate=validate.OneOf([*STATUSES, "open"]))
    region = ma.fields.String()
    type = ma.fields.String(validate=validate.OneOf(ALERT_TYPES))


class ResidentAlertSchema(ma.Schema):
    """What the resident's app sees of its own alert."""

    id = ma.fields.UUID()
    type = ma.fields.String()
    category = ma.fields.String()
    status = ma.fields.String()
    outcome = ma.fields.String(allow_none=True)
    region = ma.fields.String(attribute="region_code", allow_none=True)
    routed_by = ma.fields.String(metadata={"description": "polygon, nearest, declared or none (province queue)"})
    press_count = ma.fields.Integer()
    created_at = ma.fields.DateTime()
    acknowledged_at = ma.fields.DateTime(allow_none=True)
    dispatched_at = ma.fields.DateTime(allow_none=True)
    resolved_at = ma.fields.DateTime(allow_none=True)
    cancelled_at = ma.fields.DateTime(allow_none=True)


class StaffAlertSchema(ResidentAlertSchema):
    """What the task force sees: contact, location, escalation and who holds the alert."""

    note = ma.fields.String(allow_none=True)
    phone = ma.fields.String(allow_none=True)
    lat = ma.fields.Float(allow_none=True)
    lon = ma.fields.Float(allow_none=True)
    accuracy_m = ma.fields.Float(allow_none=True)
    located_at = ma.fields.DateTime(allow_none=True)
    episode = ma.fields.UUID(
        attribute="episode_id", allow_none=True, metadata={"description": "isolation episode (monitoring alerts)"}
    )
    escalation_level = ma.fields.Integer(metadata={"description": "0 kabupaten/kota, 1 province, 2 admins notified"})
    escalated = ma.fields.Function(lambda alert: alert.escalation_level > 0)
    escalated_at = ma.fields.DateTime(allow_none=True)
    acknowledged_by = ma.fields.Function(
        lambda alert: alert.acknowledged_by.username if alert.acknowledged_by else None
    )
    updated_at = ma.fields.DateTime()
    last_pressed_at = ma.fields.DateTime()
    sla_deadline = ma.fields.Function(
        lambda alert: ack_policy().deadline(alert.created_at).isoformat(),
        metadata={"description": "When acknowledgement is due (SUMBAR_ALERT_ACK_MINUTES after creation)"},
    )


def ack_policy() -> EscalationPolicy:
    return EscalationPolicy(ack_minutes=float(current_app.config["ALERT_ACK_MINUTES"]))


class AlertTransitionSchema(ma.Schema):
    action = ma.fields.String()
    from_status = ma.fields.String(allow_none=True)
    to_status = ma.fields.String()
    actor = ma.fields.String()
    staff = ma.fields.Function(lambda t: t.staff.username if t.staff else None)
    note = ma.fields.String(allow_none=True)
    at = ma.fields.DateTime()


class AlertDetailSchema(StaffAlertSchema):
    transitions = ma.fields.List(ma.fields.Nested(AlertTransitionSchema))
    locations = ma.fields.List(ma.fields.Dict())


class ResponseTimeSchema(ma.Schema):
    region = ma.fields.String(allow_none=True)
    count = ma.fields.Integer()
    median_seconds = ma.fields.Float(allow_none=True)
    p90_seconds = ma.fields.Float(allow_none=True)


class IsolationCreateSchema(StrictSchema):
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(ISOLATION_REASONS))
    start_date = ma.fields.Date(
        load_default=None,
        allow_none=True,
        metadata={"description": "specimen date (confirmed), symptom onset (symptomatic, suspect) or last contact"},
    )
    region = ma.fields.String(load_default=None, allow_none=True)
    name = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    phone = phone_field()
    screening_response_id = ma.fields.UUID(
        load_default=None,
        allow_none=True,
        metadata={"description": "a self-screening result of this device; fills reason, start date and region"},
    )


class CheckinSchema(StrictSchema):
    measured_at = ma.fields.AwareDateTime(required=True)
    temperature_c = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(30, 45))
    spo2 = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(50, 100))
    respiratory_rate = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(5, 80))
    pulse = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(20, 250))
    symptoms = ma.fields.List(ma.fields.String(validate=validate.OneOf(ISOLATION_SYMPTOMS)), load_default=list)
    danger_signs = ma.fields.List(ma.fields.String(validate=validate.OneOf(ISOLATION_DANGER_SIGNS)), load_default=list)
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    client_id = ma.fields.String(
        load_default=None, allow_none=True, validate=validate.Length(min=1, max=64),
        metadata={"description": "chosen by the app; a re-upload with the same client_id stores nothing twice"},
    )  # fmt: skip


class EpisodeQuerySchema(ma.Schema):
    region = ma.fields.String()
    flag = ma.fields.String(validate=validate.OneOf(("urgent", "silent", "escalated")))
    status = ma.fields.String(validate=validate.OneOf(ISOLATION_STATUSES))


class EpisodeCloseSchema(StrictSchema):
    outcome = ma.fields.String(required=True, validate=validate.OneOf(ISOLATION_OUTCOMES))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


class EpisodeNoteSchema(StrictSchema):
    note = ma.fields.String(required=True, validate=validate.Length(min=1, max=2000))


class FlagClearSchema(StrictSchema):
    flag = ma.fields.String(required=True, validate=validate.OneOf(("urgent", "silent", "escalated")))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
