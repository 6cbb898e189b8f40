"""Web Push: the server's public key, browsers' subscriptions, officers on duty."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.push_services import origin_of
from api.schemas.common import StrictSchema


class VapidPublicKeySchema(ma.Schema):
    public_key = ma.fields.String(
        required=True,
        metadata={"description": "the VAPID public key (uncompressed P-256 point, base64url): applicationServerKey"},
    )


class PushKeysSchema(StrictSchema):
    p256dh = ma.fields.String(required=True, validate=validate.Length(min=1, max=120))
    auth = ma.fields.String(required=True, validate=validate.Length(min=1, max=40))


class PushSubscriptionInSchema(StrictSchema):
    """A browser's PushSubscription as its toJSON() gives it."""

    endpoint = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=1000),
        metadata={"description": "at a push service on the server's allow-list (SUMBAR_PUSH_SERVICES)"},
    )
    keys = ma.fields.Nested(PushKeysSchema, required=True)
    expirationTime = ma.fields.Float(allow_none=True, load_default=None)  # the browser's own name


class Origin(ma.fields.String):
    """A URL shown as its origin only: an endpoint is a capability (whoever has it can push), never echoed."""

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:  # noqa: ARG002
        return None if value is None else origin_of(str(value))


class PushSubscriptionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    push_service = Origin(required=True, attribute="endpoint", metadata={"description": "the push service's origin"})
    created_at = ma.fields.DateTime(required=True)


class DutySchema(StrictSchema):
    on_duty = ma.fields.Boolean(required=True)


class OnDutySchema(ma.Schema):
    region = ma.fields.String(required=True, allow_none=True, metadata={"description": "None: the province"})
    officers = ma.fields.List(ma.fields.String(), required=True)
