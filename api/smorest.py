"""flask-smorest customised for this API: a request parser that answers 422, the error body, the Blueprint."""

from __future__ import annotations

from typing import Any

import flask_smorest
import marshmallow as ma
from apispec import BasePlugin
from flask_smorest import abort
from flask_smorest.error_handler import ErrorSchema as LibraryErrorSchema
from marshmallow import missing
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from api.error_bodies import http_error_reply
from api.json_body import DuplicateKeyError, parse_body
from screening.text import bilingual

MAX_PAGE = 100_000
# A key named in an error reply is cut to this length (the body may hold a key of any length).
MAX_KEY_SHOWN = 100
DUPLICATE_KEY = bilingual(
    "Isi permintaan memuat kunci yang sama lebih dari sekali dalam satu objek JSON.",
    "The request body names the same key more than once in one JSON object.",
)
# The one error body, {code, status, message, errors}, for replies declared one by one (409, 429...).
__all__ = ["Blueprint", "ErrorSchema", "OperationIds", "PaginationParser", "Parser", "RestApi"]


class ErrorSchema(LibraryErrorSchema):  # type: ignore[misc]
    request_id = ma.fields.String(metadata={"description": "Names this request in the server's logs (X-Request-ID)"})


class Parser(FlaskParser):
    """Malformed JSON is invalid input like any other: 422 with a message, not a bare 400."""

    DEFAULT_VALIDATION_STATUS = 422

    def _raw_load_json(self, req: Any) -> Any:
        if not is_json_request(req):
            return missing
        return parse_body(req.get_data(cache=True))

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        if isinstance(error, DuplicateKeyError):
            # Which of the two values was meant cannot be known: the request is malformed, not merely invalid.
            key = error.key[:MAX_KEY_SHOWN]
            message = bilingual(f"Kunci '{key}' muncul lebih dari sekali.", f"The key '{key}' appears more than once.")
            abort(400, message=DUPLICATE_KEY, errors={"json": {key: [message]}})
        abort(422, errors={"json": ["Invalid JSON body."]})


class PaginationParser(Parser):
    """Page numbers past any real list are refused, before they become an offset the database cannot hold."""

    def parse(self, *args: Any, **kwargs: Any) -> Any:
        params = super().parse(*args, **kwargs)
        if getattr(params, "page", 1) > MAX_PAGE:
            abort(422, errors={"query": {"page": [f"Must be less than or equal to {MAX_PAGE}."]}})
        return params


class OperationIds(BasePlugin):
    """Every operation gets a stable operationId from its method and view, e.g. getAlertById, postAlertClaim,
    which generated clients use as their function names."""

    def operation_helper(self, path: Any = None, operations: Any = None, **kwargs: Any) -> None:  # noqa: ARG002
        rule = kwargs.get("rule")
        if rule is None or not operations:
            return
        view = rule.endpoint.rsplit(".", 1)[-1]
        for method, operation in operations.items():
            operation.setdefault("operationId", f"{method.lower()}{view}")


class RestApi(flask_smorest.Api):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()
    ERROR_SCHEMA = ErrorSchema

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
        return http_error_reply(error)


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()
    PAGINATION_ARGUMENTS_PARSER = PaginationParser()

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:  # noqa: ARG002
        # The header's value is a JSON document, which OpenAPI says with `content` (a plain `schema` would
        # mean comma-separated key,value pairs to a client or a validator).
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": "Pagination metadata: total, total_pages, first_page, last_page, page, previous_page, "
            "next_page",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaginationMetadata"}}},
        }
