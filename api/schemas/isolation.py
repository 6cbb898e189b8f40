"""Home-isolation episodes and check-ins: what residents send and staff filter by."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import StrictSchema, phone_field
from screening.isolation import CLOSING_OUTCOMES as ISOLATION_OUTCOMES
from screening.isolation import DANGER_SIGNS as ISOLATION_DANGER_SIGNS
from screening.isolation import REASONS as ISOLATION_REASONS
from screening.isolation import STATUSES as ISOLATION_STATUSES
from screening.isolation import SYMPTOMS as ISOLATION_SYMPTOMS


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
