"""Governor instructions: public search of published ones; editors draft, edit and publish."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import EDITORS, optional_staff, staff_required
from api.resources.freshness import conditional
from api.schemas.instructions import (
    InstructionPatchSchema,
    InstructionQuerySchema,
    InstructionSchema,
    InstructionWriteSchema,
)
from api.services import instructions as service
from api.services.instructions import MAX_ID
from api.smorest import Blueprint

blp = Blueprint("instructions", __name__, url_prefix="/api/v1/instructions", description="Governor instructions")


def _caller_is_editor() -> bool:
    user = optional_staff()
    return user is not None and user.role in EDITORS


@blp.route("")
class Instructions(MethodView):
    @conditional(blp, service.data_version, private=_caller_is_editor)
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
        return service.create_instruction(body)


@blp.route(f"/<int(max={MAX_ID}):instruction_id>")
class InstructionById(MethodView):
    @conditional(blp, service.data_version, private=_caller_is_editor)
    @blp.response(200, InstructionSchema)
    def get(self, instruction_id: int) -> Any:
        """One published instruction (editors also see drafts)"""
        return service.get_instruction(instruction_id, include_drafts=_caller_is_editor())

    @staff_required(blp, *EDITORS)
    @blp.arguments(InstructionPatchSchema)
    @blp.response(200, InstructionSchema)
    def patch(self, body: dict[str, Any], instruction_id: int) -> Any:
        """Edit an instruction (editor)"""
        return service.update_instruction(instruction_id, body)


@blp.route(f"/<int(max={MAX_ID}):instruction_id>/publish")
class InstructionPublish(MethodView):
    @staff_required(blp, *EDITORS)
    @blp.response(200, InstructionSchema)
    def post(self, instruction_id: int) -> Any:
        """Publish (editor); it appears in the public list and on the dashboard"""
        return service.publish_instruction(instruction_id)

    @staff_required(blp, *EDITORS)
    @blp.response(200, InstructionSchema)
    def delete(self, instruction_id: int) -> Any:
        """Withdraw to draft (editor)"""
        return service.publish_instruction(instruction_id, published=False)
