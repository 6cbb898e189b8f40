"""Questionnaires (self-screening and risk tests) and the responses residents submit."""

from __future__ import annotations

import uuid
from typing import Any

from flask.views import MethodView

from api.auth import current_device, device_required, require_device
from api.i18n import request_lang
from api.rate_limits import per_device_else_address
from api.resources.common import idempotency_key, idempotent, idempotent_reply, rate_limited
from api.schemas.common import LangQuerySchema
from api.schemas.questionnaires import (
    QuestionnaireSchema,
    QuestionnaireSummarySchema,
    ScreeningAnswersSchema,
    ScreeningResponseSchema,
    questionnaire_detail,
    questionnaire_summary,
)
from api.services.screening import find_questionnaire, get_own_response, submit_screening
from api.smorest import Blueprint
from screening.questionnaire import all_questionnaires

blp = Blueprint(
    "questionnaires",
    __name__,
    url_prefix="/api/v1/questionnaires",
    description="Self-screening and risk assessment tests",
)
response_schema = ScreeningResponseSchema()
TOO_MANY_ANSWERS = "answers from this device (anonymously: from this address)"


@blp.route("")
class Questionnaires(MethodView):
    @blp.arguments(LangQuerySchema, location="query")
    @blp.response(200, QuestionnaireSummarySchema(many=True))
    def get(self, query: dict[str, Any]) -> Any:
        """Every questionnaire with its id, version and title (?lang=id|en or Accept-Language)"""
        lang = request_lang(query.get("lang"))
        return [questionnaire_summary(q, lang) for q in all_questionnaires()]


@blp.route("/<string:questionnaire_id>")
class QuestionnaireById(MethodView):
    @blp.arguments(LangQuerySchema, location="query")
    @blp.response(200, QuestionnaireSchema)
    def get(self, query: dict[str, Any], questionnaire_id: str) -> Any:
        """The questions in order, in the requested language"""
        return questionnaire_detail(find_questionnaire(questionnaire_id), request_lang(query.get("lang")))


@blp.route("/<string:questionnaire_id>/responses")
class Responses(MethodView):
    # Each answer is a stored row: a device is held to what a person can fill in, an anonymous caller to what
    # a crowd behind one address sends at a peak.
    decorators = per_device_else_address("SCREENING_DEVICE_LIMIT", "SCREENING_ADDRESS_LIMIT")

    @device_required(blp, optional=True)
    @blp.arguments(ScreeningAnswersSchema)
    @blp.response(201, ScreeningResponseSchema)
    @rate_limited(blp, TOO_MANY_ANSWERS)
    @idempotent(blp)
    def post(self, body: dict[str, Any], questionnaire_id: str) -> Any:
        """Submit answers and get the category, advice and next steps

        Stored with the questionnaire version, region and (when a device token is sent) the device.
        Invalid answers get 422 with a message per answer key and store nothing.
        """
        reply = submit_screening(
            questionnaire_id,
            body["answers"],
            lang=request_lang(body.get("lang")),
            represent=response_schema.dump,
            region_code=body.get("region"),
            device=current_device(),
            idempotency_key=idempotency_key(),
        )
        return idempotent_reply(reply)


@blp.route("/<string:questionnaire_id>/responses/<uuid:response_id>")
class ResponseById(MethodView):
    @device_required(blp)
    @blp.response(200, ScreeningResponseSchema)
    def get(self, questionnaire_id: str, response_id: uuid.UUID) -> Any:
        """A response submitted by this device (another device gets 404)"""
        return get_own_response(response_id, require_device(), questionnaire_id)
