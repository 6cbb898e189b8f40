"""Shapes shared by every noun: strict request bodies, phone numbers, the language query."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from screening.text import SUPPORTED_LANGS


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


class LangQuerySchema(ma.Schema):
    lang = ma.fields.String(validate=validate.OneOf(SUPPORTED_LANGS))
