"""flask-smorest customised for this API: a request parser that answers 422, the error body, the Blueprint."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask_smorest import abort
from marshmallow import missing
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from api.error_bodies import http_error_reply
from api.json_body import parse_body

MAX_PAGE = 100_000


class Parser(FlaskParser):
    """Malformed JSON is invalid input like any other: 422 with a message, not a bare 400."""

    DEFAULT_VALIDATION_STATUS = 422

    def _raw_load_json(self, req: Any) -> Any:
        if not is_json_request(req):
            return missing
        return parse_body(req.get_data(cache=True))

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        abort(422, errors={"json": ["Invalid JSON body."]})


class PaginationParser(Parser):
    """Page numbers past any real list are refused, before they become an offset the database cannot hold."""

    def parse(self, *args: Any, **kwargs: Any) -> Any:
        params = super().parse(*args, **kwargs)
        if getattr(params, "page", 1) > MAX_PAGE:
            abort(422, errors={"query": {"page": [f"Must be less than or equal to {MAX_PAGE}."]}})
        return params


class RestApi(flask_smorest.Api):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
        return http_error_reply(error)


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()
    PAGINATION_ARGUMENTS_PARSER = PaginationParser()
