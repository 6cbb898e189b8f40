"""Request ids: kept from the proxy's X-Request-ID (when safe) or made here, returned, logged, put in error bodies."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, has_request_context, request

HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id, a UUID, a trace id); anything else is replaced, so a
# client cannot put text of its choosing into the logs.
SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def init_app(app: Flask) -> None:
    @app.before_request
    def take_request_id() -> None:
        incoming = request.headers.get(HEADER, "")
        g.request_id = incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex

    @app.after_request
    def return_request_id(response: Response) -> Response:
        request_id = current_request_id()
        if request_id:
            response.headers[HEADER] = request_id
        return response
