"""Governor instructions: public search of published ones; editors draft, edit and publish."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from marshmallow import validate

from api.auth import bearer_token, current_staff, staff_required
from api.blueprint import Blueprint
from api.schemas import StrictSchema
from api.services import instructions as service
from api.services.accounts import staff_for_token

blp = Blueprint("instructions", __name__, url_prefix="/api/v1/instructions", description="Governor instructions")
EDITORS = ("admin", "editor")


class InstructionSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    number = ma.fields.String(metadata={"example": "061/978/SE/2020"})
    type = ma.fields.String(metadata={"description": "surat edaran, instruksi, peraturan, keputusan, ..."})
    title = ma.fields.String()
    issued_on = ma.fields.Date(allow_none=True)
    effective_from = ma.fields.Date(allow_none=True)
    effective_until = ma.fields.Date(allow_none=True)
    regions = ma.fields.List(
        ma.fields.String(), metadata={"description": "affected kabupaten/kota; empty: the whole province"}
    )
    summary = ma.fields.String(allow_none=True)
    body = ma.fields.String(allow_none=True)
    signed_by = ma.fields.String(allow_none=True)
    source_url = ma.fields.String(allow_none=True)
    supersedes_id = ma.fields.Integer(allow_none=True)
    status = ma.fields.String(dump_only=True)
    published_at = ma.fields.DateTime(dump_only=True, allow_none=True)


class InstructionWriteSchema(StrictSchema):
    number = ma.fields.String(required=True, validate=validate.Length(min=1, max=80))
    type = ma.fields.String(required=True, validate=validate.OneOf(service.TYPES))
    title = ma.fields.String(required=True, validate=validate.Length(min=1, max=400))
    issued_on = ma.fields.Date(allow_none=True)
    effective_from = ma.fields.Date(allow_none=True)
    effective_until = ma.fields.Date(allow_none=True)
    regions = ma.fields.List(ma.fields.String(validate=validate.Regexp(r"^13\.\d\d$")))
    summary = ma.fields.String(allow_none=True)
    body = ma.fields.String(allow_none=True, validate=validate.Length(max=100_000))
    signed_by = ma.fields.String(allow_none=True, validate=validate.Length(max=120))
    source_url = ma.fields.Url(allow_none=True)
    supersedes_id = ma.fields.Integer(allow_none=True)


class InstructionPatchSchema(InstructionWriteSchema):
    """The same fields as a new instruction, each optional."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(partial=True, **kwargs)


class InstructionQuerySchema(ma.Schema):
    q = ma.fields.String(load_default=None, metadata={"description": "words of the number, title or body"})
    drafts = ma.fields.Boolean(load_default=False, metadata={"description": "editors only: include drafts"})


def _caller_is_editor() -> bool:
    token = bearer_token()
    user = staff_for_token(token) if token else None
    return user is not None and user.role in EDITORS


@blp.route("")
class Instructions(MethodView):
    @blp.arguments(InstructionQuerySchema, location="query")
    @blp.response(200, InstructionSchema(many=True))
    def get(self, query: dict[str, Any]) -> Any:
        """Published instructions, newest first, searchable by number and words of the title or body"""
        return service.search(query["q"], include_drafts=query["drafts"] and _caller_is_editor())

    @staff_required(blp, *EDITORS)
    @blp.arguments(InstructionWriteSchema)
    @blp.response(201, InstructionSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Draft a new instruction (editor)"""
        return service.create_instruction(body, current_staff())


@blp.route("/<int:instruction_id>")
class InstructionById(MethodView):
    @blp.response(200, InstructionSchema)
    def get(self, instruction_id: int) -> Any:
        """One published instruction (editors also see drafts)"""
        return service.get_instruction(instruction_id, include_drafts=_caller_is_editor())

    @staff_required(blp, *EDITORS)
    @blp.arguments(InstructionPatchSchema)
    @blp.response(200, InstructionSchema)
    def patch(self, body: dict[str, Any], instruction_id: int) -> Any:
        """Edit an instruction (editor)"""
        return service.update_instruction(instruction_id, body, current_staff())


@blp.route("/<int:instruction_id>/publish")
class InstructionPublish(MethodView):
    @staff_required(blp, *EDITORS)
    @blp.response(200, InstructionSchema)
    def post(self, instruction_id: int) -> Any:
        """Publish (editor); it appears in the public list and on the dashboard"""
        return service.publish_instruction(instruction_id, current_staff())

    @staff_required(blp, *EDITORS)
    @blp.response(200, InstructionSchema)
    def delete(self, instruction_id: int) -> Any:
        """Withdraw to draft (editor)"""
        return service.publish_instruction(instruction_id, current_staff(), published=False)
