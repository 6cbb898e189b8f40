"""Resident device registration."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import StrictSchema


class DeviceCreateSchema(StrictSchema):
    platform = ma.fields.String(
        load_default=None, allow_none=True, validate=validate.OneOf(["android", "ios", "web", "other"])
    )
    app_version = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=40))
    privacy_notice_version = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(max=20),
        metadata={"description": "the version of GET /api/v1/privacy the resident accepted"},
    )


class DeviceSchema(ma.Schema):
    id = ma.fields.UUID(required=True)
    token = ma.fields.String(required=True, metadata={"description": "Shown once; send it as Authorization: Bearer"})
    created_at = ma.fields.DateTime(required=True)
