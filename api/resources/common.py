"""Pieces several resources share: the Idempotency-Key header and the reply to an idempotent request."""

from __future__ import annotations

from flask import Response, make_response, request

from api.services.idempotency import Reply

IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 200},
    "description": "A retry with the same key returns the first reply (header Idempotent-Replayed: true) and "
    "creates nothing new. Keys are bound to the device (when there is one), the endpoint and the body: the same key "
    "with another body gets 422.",
}


def idempotency_key() -> str | None:
    return request.headers.get("Idempotency-Key")


def idempotent_reply(reply: Reply) -> Response:
    """The stored reply as it was first made; its body was dumped by the operation's declared schema then,
    so replays return exactly the first reply rather than the record's state now."""
    response = make_response(reply.body, reply.status)
    if reply.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return response
