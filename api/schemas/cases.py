"""Case statistics: series queries and staff entry of one day's figures."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import StrictSchema


class SeriesQuerySchema(ma.Schema):
    region = ma.fields.String(load_default="13", metadata={"description": "Kemendagri code, or 13 (province, default)"})
    from_ = ma.fields.Date(data_key="from", load_default=None)
    to = ma.fields.Date(load_default=None)
    format = ma.fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


class FormatQuerySchema(ma.Schema):
    format = ma.fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


class CaseDaySchema(StrictSchema):
    new_cases = ma.fields.Integer(required=True)
    new_recovered = ma.fields.Integer(required=True)
    new_deaths = ma.fields.Integer(required=True)
    specimens_tested = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    positive_specimens = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    beds_occupied = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
    beds_available = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(min=0))
