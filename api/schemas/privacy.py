"""The privacy notice, a device's export of its own data, and the record of staff reads of personal data."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.schemas.alerts import AlertFixSchema, AlertPressSchema, ResidentAlertSchema
from api.schemas.common import Day
from api.schemas.isolation import EventWords, event_details, event_text_field
from api.schemas.questionnaires import ScreeningResponseSchema
from screening.monitoring_alerts import CAUSES as MONITORING_CAUSES


class NoticeSectionSchema(ma.Schema):
    heading = ma.fields.String(required=True)
    text = ma.fields.String(required=True)


class PrivacyNoticeSchema(ma.Schema):
    version = ma.fields.String(required=True, metadata={"description": "send it as privacy_notice_version"})
    lang = ma.fields.String(required=True)
    basis = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    sections = ma.fields.List(ma.fields.Nested(NoticeSectionSchema), required=True)


class DeviceRecordSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    platform = ma.fields.String(required=True, allow_none=True)
    app_version = ma.fields.String(required=True, allow_none=True)
    privacy_notice_version = ma.fields.String(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    last_used_at = ma.fields.DateTime(required=True, allow_none=True)


class ExportedAlertStepSchema(ma.Schema):
    """One step of the alert's audit trail, with the note written at it (by the resident or staff)."""

    action = ma.fields.String(required=True)
    from_status = ma.fields.String(required=True, allow_none=True)
    to_status = ma.fields.String(required=True)
    actor = ma.fields.String(required=True, metadata={"description": "staff, resident or system"})
    note = ma.fields.String(required=True, allow_none=True)
    at = ma.fields.DateTime(required=True)


class ExportedEpisodeEventSchema(EventWords):
    """One entry of the episode's audit trail: flags, reminders, notes staff wrote, the closing."""

    action = ma.fields.String(required=True)
    actor = ma.fields.String(required=True)
    details = event_details()
    text = event_text_field()
    note = ma.fields.String(required=True, allow_none=True)
    at = ma.fields.DateTime(required=True)


class ExportedAlertSchema(ResidentAlertSchema):
    note = ma.fields.String(required=True, allow_none=True)
    cause = ma.fields.String(
        required=True,
        allow_none=True,
        metadata={"enum": [*MONITORING_CAUSES, None], "description": "monitoring alerts"},
    )
    reasons = ma.fields.List(
        ma.fields.String(), required=True, allow_none=True, metadata={"description": "monitoring alerts: rule codes"}
    )
    phone = ma.fields.String(required=True, allow_none=True)
    presses = ma.fields.List(ma.fields.Nested(AlertPressSchema), required=True)
    locations = ma.fields.List(ma.fields.Nested(AlertFixSchema), required=True)
    history = ma.fields.List(ma.fields.Nested(ExportedAlertStepSchema), required=True)


class ExportedCheckinSchema(ma.Schema):
    measured_at = ma.fields.DateTime(required=True)
    temperature_c = ma.fields.Float(required=True, allow_none=True)
    spo2 = ma.fields.Integer(required=True, allow_none=True)
    respiratory_rate = ma.fields.Integer(required=True, allow_none=True)
    pulse = ma.fields.Integer(required=True, allow_none=True)
    symptoms = ma.fields.List(ma.fields.String(), required=True)
    danger_signs = ma.fields.List(ma.fields.String(), required=True)
    note = ma.fields.String(required=True, allow_none=True)
    triage = ma.fields.String(required=True)


class ExportedEpisodeSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    reason = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    region = ma.fields.String(attribute="region_code", required=True, allow_none=True)
    start_date = ma.fields.Date(required=True)
    end_date = ma.fields.Date(required=True)
    name = ma.fields.String(required=True, allow_none=True)
    phone = ma.fields.String(required=True, allow_none=True)
    address = ma.fields.String(required=True, allow_none=True)
    lat = ma.fields.Float(required=True, allow_none=True)
    lon = ma.fields.Float(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    closed_at = ma.fields.DateTime(required=True, allow_none=True)
    checkins = ma.fields.List(ma.fields.Nested(ExportedCheckinSchema), required=True)
    history = ma.fields.List(ma.fields.Nested(ExportedEpisodeEventSchema), required=True)


class DeviceDataSchema(ma.Schema):
    """Everything stored for the calling device."""

    device = ma.fields.Nested(DeviceRecordSchema, required=True)
    screening_responses = ma.fields.List(ma.fields.Nested(ScreeningResponseSchema), required=True)
    alerts = ma.fields.List(ma.fields.Nested(ExportedAlertSchema), required=True)
    isolation_episodes = ma.fields.List(ma.fields.Nested(ExportedEpisodeSchema), required=True)


class AccessQuerySchema(ma.Schema):
    username = ma.fields.String(validate=validate.Length(max=64))
    from_ = Day(data_key="from")
    to = Day(metadata={"description": "inclusive"})


class StaffAccessSchema(ma.Schema):
    username = ma.fields.String(required=True)
    action = ma.fields.String(required=True, metadata={"description": "what was read, e.g. alerts.read"})
    subject = ma.fields.String(required=True, allow_none=True, metadata={"description": "a record id or a filter"})
    records = ma.fields.Integer(required=True, metadata={"description": "records with personal data shown"})
    at = ma.fields.DateTime(required=True)
