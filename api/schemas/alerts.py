"""Panic and monitoring alerts: what residents send, what residents and the task force read back."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import StrictSchema, phone_field
from api.services.alerts import ack_policy
from screening.alert_workflow import ALERT_TYPES, CATEGORIES, OUTCOMES, STATUSES


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
