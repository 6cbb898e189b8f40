"""flask-smorest customised for this API: a request parser (400 for unreadable JSON, 422 for invalid input), the
error body, the Blueprint."""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any, TypeVar

import flask_smorest
import marshmallow as ma
from apispec import BasePlugin
from flask_smorest import abort
from marshmallow import missing
from webargs.flaskparser import FlaskParser, is_json_request
from werkzeug.exceptions import HTTPException

from api.error_bodies import http_error_reply
from api.json_body import DuplicateKeyError, UnusableJSON, parse_body
from api.openapi import header_ref
from screening.text import bilingual

F = TypeVar("F", bound=Callable[..., Any])

MAX_PAGE = 100_000
# A key named in an error reply is cut to this length (the body may hold a key of any length).
MAX_KEY_SHOWN = 100
DUPLICATE_KEY = bilingual(
    "Isi permintaan memuat kunci yang sama lebih dari sekali dalam satu objek JSON.",
    "The request body names the same key more than once in one JSON object.",
)
__all__ = ["Blueprint", "ErrorSchema", "OperationIds", "PaginationParser", "Parser", "RestApi"]


class ErrorSchema(ma.Schema):
    """The one error body (RFC 9457 problem details), also for replies declared one by one (409, 429...)."""

    type = ma.fields.String(
        required=True, metadata={"description": "`about:blank`: the status code says what kind of problem it is"}
    )
    title = ma.fields.String(required=True, metadata={"description": "The status code's phrase, e.g. Not Found"})
    status = ma.fields.Integer(required=True, metadata={"description": "The HTTP status code"})
    detail = ma.fields.String(required=True, metadata={"description": "What went wrong, in the caller's language"})
    code = ma.fields.Integer(required=True, metadata={"description": "The HTTP status code (as `status`)"})
    message = ma.fields.String(required=True, metadata={"description": "What went wrong (as `detail`)"})
    errors = ma.fields.Dict(
        metadata={"description": "Messages per location and field, e.g. {json: {region: [...]}, query: {...}}"}
    )
    request_id = ma.fields.String(metadata={"description": "Names this request in the server's logs (X-Request-ID)"})


class Parser(FlaskParser):
    """A body that is not JSON at all gets 400; JSON that cannot be used (lone surrogates, nested too deep) is
    invalid input like a wrong field: 422. Both with a message."""

    DEFAULT_VALIDATION_STATUS = 422

    def _raw_load_json(self, req: Any) -> Any:
        if not is_json_request(req):
            return missing
        # Parsed once per request: Flask's request.get_json (request_lang looks for the body's "lang") is given the
        # same value, where it parsed the whole body a second time (with the same parse_body, api/json_body.py).
        cached = req._cached_json[False]
        if cached is not Ellipsis:
            return cached
        value = parse_body(req.get_data(cache=True))
        req._cached_json = (value, value)
        return value

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: ARG002
        if isinstance(error, DuplicateKeyError):
            # Which of the two values was meant cannot be known: the request is malformed, not merely invalid.
            key = error.key[:MAX_KEY_SHOWN]
            message = bilingual(f"Kunci '{key}' muncul lebih dari sekali.", f"The key '{key}' appears more than once.")
            abort(400, message=DUPLICATE_KEY, errors={"json": {key: [message]}})
        abort(422 if isinstance(error, UnusableJSON) else 400, errors={"json": ["Invalid JSON body."]})


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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Last, so that the parameters of @arguments and the declared responses are in the operation already.
        self._prepare_doc_cbks.append(self._prepare_header_doc)

    def arguments(self, schema: Any, **kwargs: Any) -> Callable[[F], F]:
        """As flask-smorest's, with a schema class made into its instance once here: webargs would otherwise make
        a new one for every request (marshmallow schemas are safe to share between threads)."""
        instance = schema() if isinstance(schema, type) else schema
        decorator: Callable[[F], F] = super().arguments(instance, **kwargs)
        return decorator

    @staticmethod
    def header_parameter(parameter: dict[str, Any]) -> Callable[[F], F]:
        """Document a request header the view reads itself. Added to the parameters of its @arguments, where
        blp.doc(parameters=[...]) would replace them."""

        def decorator(view: F) -> F:
            apidoc = deepcopy(getattr(view, "_apidoc", {}))
            apidoc.setdefault("header_parameters", []).append(parameter)
            view._apidoc = apidoc  # type: ignore[attr-defined]
            return view

        return decorator

    @staticmethod
    def reply_headers(*names: str, status: int | str = "2XX") -> Callable[[F], F]:
        """Document headers (components.headers, api/openapi.py) the view sends with its replies of `status`
        (a code, or "2XX" for every success), whichever decorator declared those replies."""

        def decorator(view: F) -> F:
            apidoc = deepcopy(getattr(view, "_apidoc", {}))
            apidoc.setdefault("reply_headers", []).append((str(status), names))
            view._apidoc = apidoc  # type: ignore[attr-defined]
            return view

        return decorator

    @staticmethod
    def _prepare_header_doc(doc: dict[str, Any], doc_info: dict[str, Any], **kwargs: Any) -> dict[str, Any]:  # noqa: ARG004
        parameters = doc_info.get("header_parameters", [])
        if parameters:
            doc.setdefault("parameters", []).extend(parameters)
        for status, names in doc_info.get("reply_headers", []):
            for code, reply in doc.get("responses", {}).items():
                if isinstance(reply, dict) and (str(code) == status or status == "2XX" and str(code)[0] == "2"):
                    reply.setdefault("headers", {}).update({name: header_ref(name) for name in names})
        return doc

    def _document_pagination_metadata(self, spec: Any, resp_doc: dict[str, Any]) -> None:  # noqa: ARG002
        # The header's value is a JSON document, which OpenAPI says with `content` (a plain `schema` would
        # mean comma-separated key,value pairs to a client or a validator).
        resp_doc.setdefault("headers", {})[self.PAGINATION_HEADER_NAME] = {
            "description": "Pagination metadata: total, total_pages, first_page, last_page, page, previous_page, "
            "next_page",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PaginationMetadata"}}},
        }
