"""Staff accounts and their sign-in tokens."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.models import ROLES
from api.schemas.common import StrictSchema


class TokenRequestSchema(StrictSchema):
    username = ma.fields.String(required=True, validate=validate.Length(min=1, max=64))
    password = ma.fields.String(required=True, validate=validate.Length(min=1, max=1024))


class StaffUserSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    username = ma.fields.String(required=True)
    role = ma.fields.String(required=True)
    region = ma.fields.String(required=True, attribute="region_code", allow_none=True)
    hospital = ma.fields.String(
        required=True,
        attribute="hospital_code",
        allow_none=True,
        metadata={"description": "rumah_sakit: the hospital it reports for"},
    )
    is_active = ma.fields.Boolean(required=True)
    has_demo_password = ma.fields.Boolean(
        required=True, metadata={"description": "the account has the demo password: change it at once"}
    )
    created_at = ma.fields.DateTime(required=True)
    last_login_at = ma.fields.DateTime(required=True, allow_none=True)
    on_duty = ma.fields.Boolean(
        required=True, metadata={"description": "pushed new alerts, escalations and monitoring emergencies in scope"}
    )


class TokenSchema(ma.Schema):
    token = ma.fields.String(required=True)
    token_type = ma.fields.String(required=True)
    expires_at = ma.fields.DateTime(required=True)
    user = ma.fields.Nested(StaffUserSchema, required=True)


class StaffUserUpdateSchema(StrictSchema):
    is_active = ma.fields.Boolean(
        required=True, metadata={"description": "false disables the account: its tokens, sessions and streams stop"}
    )


class StaffUserCreateSchema(StrictSchema):
    username = ma.fields.String(required=True)
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    region = ma.fields.String(load_default=None, allow_none=True)
    hospital = ma.fields.String(
        load_default=None, allow_none=True, metadata={"description": "kode RS; rumah_sakit only"}
    )
    password = ma.fields.String(required=True, load_only=True)


class SecurityEventSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(
        required=True, metadata={"description": "sign_in_failures: many failed sign-ins for one account, from anywhere"}
    )
    staff_id = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "the account concerned"})
    attempts = ma.fields.Integer(required=True, metadata={"description": "failed sign-ins within the window"})
    addresses = ma.fields.Integer(required=True, metadata={"description": "distinct client addresses they came from"})
    window_seconds = ma.fields.Integer(required=True)
    at = ma.fields.DateTime(required=True)
