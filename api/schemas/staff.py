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


class StaffUserUpdateSchema(StrictSchema):
    is_active = ma.fields.Boolean(
        required=True, metadata={"description": "false disables the account: its tokens, sessions and streams stop"}
    )


class StaffUserCreateSchema(StrictSchema):
    username = ma.fields.String(required=True)
    role = ma.fields.String(required=True, validate=validate.OneOf(ROLES))
    region = ma.fields.String(load_default=None, allow_none=True)
    password = ma.fields.String(required=True, load_only=True)
