"""Request ids: the trusted proxy's X-Request-ID (when safe) or one made here; returned, logged, in error bodies."""

from __future__ import annotations

import re
import uuid

from flask import Flask, Response, g, has_request_context, request

from api.http import VIA_PROXY

HEADER = "X-Request-ID"
# What a proxy's id may look like (nginx's $request_id, a UUID, a trace id); anything else is replaced, so a
# client cannot put text of its choosing into the logs.
SAFE_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")


def current_request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


def init_app(app: Flask) -> None:
    @app.before_request
    def take_request_id() -> None:
        # Only the proxy's own id (SUMBAR_PROXY_HOPS and SUMBAR_PROXY_ADDRESSES, as for forwarded addresses): a
        # client's would let it pass its requests off as another's in the logs and in residents' reports.
        incoming = request.headers.get(HEADER, "") if request.environ.get(VIA_PROXY) else ""
        g.request_id = incoming if SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex

    @app.after_request
    def return_request_id(response: Response) -> Response:
        request_id = current_request_id()
        if request_id:
            response.headers[HEADER] = request_id
        return response
