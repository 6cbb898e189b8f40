"""flask-smorest customised for this API: a request parser that answers 422, the error body, the Blueprint."""

from __future__ import annotations

from typing import Any

import flask_smorest
from flask_smorest import abort
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException

from api.errors import http_error_reply


class Parser(FlaskParser):
    """Malformed JSON is invalid input like any other: 422 with a message, not a bare 400."""

    DEFAULT_VALIDATION_STATUS = 422

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        abort(422, errors={"json": ["Invalid JSON body."]})


class RestApi(flask_smorest.Api):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
        return http_error_reply(error)


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()
    PAGINATION_ARGUMENTS_PARSER = Parser()
