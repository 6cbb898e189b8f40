"""Screening responses as the task force sees them, limited to the caller's region."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from flask.views import MethodView

from api.auth import current_staff, staff_use_case
from api.clock import local_zone
from api.schemas.questionnaires import ScreeningResponseQuerySchema, StaffScreeningResponseSchema
from api.services.staff.screening import response_detail, response_list
from api.smorest import Blueprint

blp = Blueprint(
    "screening_responses",
    __name__,
    url_prefix="/api/v1/screening-responses",
    description="Submitted screening responses (task force, scoped by region)",
)


def _start_of(day: dt.date | None) -> dt.datetime | None:
    """Midnight of `day` in the province's time zone: dates in queries are local dates."""
    zone = local_zone()
    return dt.datetime.combine(day, dt.time(), tzinfo=zone) if day else None


@blp.route("")
class ScreeningResponses(MethodView):
    @staff_use_case(blp)
    @blp.arguments(ScreeningResponseQuerySchema, location="query")
    @blp.response(200, StaffScreeningResponseSchema(many=True))
    @blp.paginate()
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> Any:
        """Responses newest first; satgas_kabkota sees only its region (other regions: 403)"""
        until = _start_of(query["to"] + dt.timedelta(days=1)) if query.get("to") else None
        rows, total = response_list(
            current_staff(),
            region_code=query.get("region"),
            questionnaire_id=query.get("questionnaire"),
            category=query.get("category"),
            since=_start_of(query.get("from_")),
            until=until,
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        )
        pagination_parameters.item_count = total
        return rows


@blp.route("/<uuid:response_id>")
class ScreeningResponseById(MethodView):
    @staff_use_case(blp)
    @blp.response(200, StaffScreeningResponseSchema)
    def get(self, response_id: uuid.UUID) -> Any:
        """One response, if it lies in the caller's region"""
        return response_detail(current_staff(), response_id)
