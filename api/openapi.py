"""The published contract's finish: reply headers, public operations, problem+json errors, nullable enums."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import marshmallow as ma
from apispec import APISpec, BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin

from api.error_bodies import PROBLEM_JSON

# Reply headers clients rely on, declared once under components.headers and referenced where they are sent.
HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-ID": {
        "description": "Names this request in the server's logs (the proxy's own id when it sent a usable one); "
        "quote it when reporting a problem",
        "required": True,
        "schema": {"type": "string"},
    },
    "ETag": {
        "description": "Weak validator of this copy; send it back in If-None-Match to get 304 while it is current",
        "required": True,
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "`public, max-age=60` for public figures; `private, no-cache` for what a staff caller sees",
        "required": True,
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Limit": {
        "description": "Requests allowed in the current window, per client address",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in the current window",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Reset": {
        "description": "When the current window ends, in seconds since 1970-01-01T00:00:00Z",
        "schema": {"type": "integer", "minimum": 0},
    },
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored first reply to an earlier request with the same "
        "Idempotency-Key (nothing new was created)",
        "schema": {"type": "string", "enum": ["true"]},
    },
}
RATE_LIMIT_HEADERS = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
# Error replies that may ask the client to wait: too many requests, and the database briefly unreachable.
WAIT_REPLIES = {"429", "503", "default"}
WAIT_DESCRIPTIONS = {HTTPStatus(429).phrase, HTTPStatus(503).phrase, "Default error response"}


def header_ref(name: str) -> dict[str, str]:
    assert name in HEADERS, name
    return {"$ref": f"#/components/headers/{name}"}


def _is_error(code: Any) -> bool:
    return str(code) == "default" or str(code)[0] in "45"


def _finish_reply(reply: dict[str, Any], code: Any) -> None:
    headers = reply.setdefault("headers", {})
    headers["X-Request-ID"] = header_ref("X-Request-ID")
    if _is_error(code) and "application/json" in reply.get("content", {}):
        reply["content"] = {
            (PROBLEM_JSON if media == "application/json" else media): value for media, value in reply["content"].items()
        }
    if str(code) in WAIT_REPLIES:
        headers.setdefault("Retry-After", header_ref("Retry-After"))


def nullable_enum(_converter: Any, field: ma.fields.Field[Any], ret: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
    """A nullable enum as `anyOf: [the enum, null]`. Written as one schema with `null` among its values (what
    apispec makes of allow_none), generators emit several identical enum classes for the one field."""
    values = ret.get("enum")
    if not (field.allow_none and values and ret.get("nullable") and "type" in ret):
        return {}
    choices = {"type": ret.pop("type"), "enum": [value for value in values if value is not None]}
    del ret["enum"], ret["nullable"]
    # OpenAPI 3.0 has no null type: a nullable schema whose only value is null stands for it.
    return {"anyOf": [choices, {"type": choices["type"], "nullable": True, "enum": [None]}]}


class ContractPlugin(BasePlugin):
    """Completes every operation the same way: X-Request-ID on every reply, Retry-After where a wait may be
    asked for, error bodies as application/problem+json (RFC 9457), `security: []` on what anyone may call,
    400 where a JSON body may be unreadable, 404 where a path names something, nullable enums as one type."""

    def init_spec(self, spec: APISpec) -> None:
        super().init_spec(spec)
        for name, header in HEADERS.items():
            spec.components.header(name, header)
        marshmallow = next(plugin for plugin in spec.plugins if isinstance(plugin, MarshmallowPlugin))
        assert marshmallow.converter is not None  # made by its own init_spec, which ran first
        marshmallow.converter.add_attribute_function(nullable_enum)  # type: ignore[no-untyped-call]

    def response_helper(self, response: dict[str, Any], **kwargs: Any) -> dict[str, Any]:  # noqa: ARG002
        # The shared replies flask-smorest registers by name (UNPROCESSABLE_ENTITY, DEFAULT_ERROR...); only error
        # replies carry a body. apispec does not pass the name: the description is the status's phrase.
        code = "default" if "content" in response else "2XX"
        waits = response.get("description") in WAIT_DESCRIPTIONS
        _finish_reply(response, "429" if waits else code)
        return response

    def operation_helper(self, path: Any = None, operations: Any = None, **kwargs: Any) -> None:  # noqa: ARG002
        for operation in (operations or {}).values():
            operation.setdefault("security", [])
            responses = operation.setdefault("responses", {})
            codes = {str(code) for code in responses}
            if "requestBody" in operation and "400" not in codes:
                responses[400] = "BAD_REQUEST"
            if "{" in (path or "") and "404" not in codes:
                responses[404] = "NOT_FOUND"
            for code, reply in responses.items():
                if isinstance(reply, dict) and "$ref" not in reply:
                    _finish_reply(reply, code)
