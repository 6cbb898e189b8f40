"""Governor instructions as published, and as editors write them."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.models import PROVINCE_CODE
from api.schemas.common import Day, StrictSchema
from api.services.instructions import MAX_ID
from api.services.instructions import TYPES as INSTRUCTION_TYPES


class InstructionSchema(ma.Schema):
    id = ma.fields.Integer(required=True, dump_only=True)
    number = ma.fields.String(required=True, metadata={"example": "061/978/SE/2020"})
    type = ma.fields.String(
        required=True, metadata={"description": "surat edaran, instruksi, peraturan, keputusan, ..."}
    )
    title = ma.fields.String(required=True)
    issued_on = ma.fields.Date(required=True, allow_none=True)
    effective_from = ma.fields.Date(required=True, allow_none=True)
    effective_until = ma.fields.Date(required=True, allow_none=True)
    regions = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "affected kabupaten/kota; empty: the whole province"},
    )
    summary = ma.fields.String(required=True, allow_none=True, metadata={"description": "in Indonesian"})
    summary_en = ma.fields.String(required=True, allow_none=True, metadata={"description": "in English"})
    body = ma.fields.String(required=True, allow_none=True)
    signed_by = ma.fields.String(required=True, allow_none=True)
    source_url = ma.fields.String(required=True, allow_none=True)
    supersedes_id = ma.fields.Integer(required=True, allow_none=True)
    status = ma.fields.String(required=True, dump_only=True)
    published_at = ma.fields.DateTime(required=True, dump_only=True, allow_none=True)


class InstructionWriteSchema(StrictSchema):
    number = ma.fields.String(required=True, validate=validate.Length(min=1, max=80))
    type = ma.fields.String(required=True, validate=validate.OneOf(INSTRUCTION_TYPES))
    title = ma.fields.String(required=True, validate=validate.Length(min=1, max=400))
    issued_on = Day(allow_none=True)
    effective_from = Day(allow_none=True)
    effective_until = Day(allow_none=True)
    regions = ma.fields.List(
        ma.fields.String(validate=validate.Regexp(rf"^{PROVINCE_CODE}\.\d\d$")),
        metadata={"description": "Kemendagri codes of the kabupaten/kota concerned; unknown codes are refused"},
    )
    summary = ma.fields.String(allow_none=True, validate=validate.Length(max=2_000))
    summary_en = ma.fields.String(allow_none=True, validate=validate.Length(max=2_000))
    body = ma.fields.String(allow_none=True, validate=validate.Length(max=100_000))
    signed_by = ma.fields.String(allow_none=True, validate=validate.Length(max=120))
    source_url = ma.fields.Url(allow_none=True)
    supersedes_id = ma.fields.Integer(allow_none=True, strict=True, validate=validate.Range(min=1, max=MAX_ID))


class InstructionPatchSchema(InstructionWriteSchema):
    """The same fields as a new instruction, each optional."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)


class InstructionQuerySchema(ma.Schema):
    q = ma.fields.String(load_default=None, metadata={"description": "words of the number, title or body"})
    drafts = ma.fields.Boolean(load_default=False, metadata={"description": "editors only: include drafts"})
