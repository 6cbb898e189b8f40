"""The notification outbox as admins see it."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.models import NOTIFICATION_STATUSES


class NotificationQuerySchema(ma.Schema):
    status = ma.fields.String(validate=validate.OneOf(NOTIFICATION_STATUSES))


class NotificationSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    channel = ma.fields.String(required=True, metadata={"description": "log, webhook or webpush"})
    recipient = ma.fields.String(
        required=True, metadata={"description": "ops (the operators' channels) or a push subscription id"}
    )
    kind = ma.fields.String(required=True, metadata={"description": "what happened, e.g. alert_escalated"})
    payload = ma.fields.Dict(required=True, metadata={"description": "ids and codes only"})
    status = ma.fields.String(required=True, metadata={"description": "queued, sending, sent or dead"})
    attempts = ma.fields.Integer(required=True)
    next_attempt_at = ma.fields.DateTime(required=True)
    give_up_at = ma.fields.DateTime(required=True)
    last_error = ma.fields.String(
        required=True, allow_none=True, metadata={"description": "a status code or error class, never a reply body"}
    )
    created_at = ma.fields.DateTime(required=True)
    sent_at = ma.fields.DateTime(required=True, allow_none=True)
