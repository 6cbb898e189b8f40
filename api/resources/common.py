"""Pieces several resources share: a stored row's columns, the Idempotency-Key header and the reply to an
idempotent request, and how a rate-limited operation is documented."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import Response, make_response, request

from api.openapi import RATE_LIMIT_HEADERS
from api.services.idempotency import Reply
from api.smorest import Blueprint, ErrorSchema

F = TypeVar("F", bound=Callable[..., Any])

IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "A retry with the same key returns the first reply (header Idempotent-Replayed: true) and "
    "creates nothing new. Keys are bound to the device (when there is one), the endpoint and the body: the same key "
    "with another body gets 422.",
}


def stored_columns(row: Any) -> dict[str, Any]:
    """A stored row's columns by attribute name, for a reply that adds the rows belonging to it."""
    return {column.key: getattr(row, column.key) for column in sa.inspect(type(row)).column_attrs}


def idempotency_key() -> str | None:
    return request.headers.get("Idempotency-Key")


def idempotent_reply(reply: Reply) -> Response:
    """The stored reply as it was first made; its body was dumped by the operation's declared schema then,
    so replays return exactly the first reply rather than the record's state now."""
    response = make_response(reply.body, reply.status)
    if reply.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response


def idempotent(blp: Blueprint) -> Callable[[F], F]:
    """Document the Idempotency-Key header a view honours and the Idempotent-Replayed header of a replay."""

    def decorator(view: F) -> F:
        replayed: F = blp.reply_headers("Idempotent-Replayed")(blp.header_parameter(IDEMPOTENCY_HEADER)(view))
        return replayed

    return decorator


def rate_limited(blp: Blueprint, what: str) -> Callable[[F], F]:
    """Document a Flask-Limiter limit: its X-RateLimit-* headers on every reply, and 429 with Retry-After."""

    def decorator(view: F) -> F:
        refused = blp.alt_response(429, schema=ErrorSchema, description=f"Too many {what}; see Retry-After")(view)
        limited: F = blp.reply_headers(*RATE_LIMIT_HEADERS)(
            blp.reply_headers("Retry-After", *RATE_LIMIT_HEADERS, status=429)(refused)
        )
        return limited

    return decorator
