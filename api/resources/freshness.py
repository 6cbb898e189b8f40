"""Public statistics that phones and proxies keep: an ETag from the data version, Cache-Control, and 304 Not
Modified for a copy that is still current, answered before any figure is computed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import Response, after_this_request, request

from api.i18n import request_lang
from api.smorest import Blueprint

F = TypeVar("F", bound=Callable[..., Any])

# A minute of reuse without asking; after that a conditional request costs one small query and a 304.
PUBLIC = "public, max-age=60"
PRIVATE = "private, no-cache"
VARY = "Accept-Language, Authorization"


def _tag(version: str) -> str:
    parts = (version, request.full_path, request_lang())
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def conditional(
    blp: Blueprint, version: Callable[[], str], private: Callable[[], bool] = lambda: False
) -> Callable[[F], F]:
    """Answer 304 when the client's ETag matches `version()` (plus the URL and language); otherwise run the
    view and send the ETag and Cache-Control with its reply. `private()` marks replies only the caller
    may keep (staff views)."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            tag = _tag(version())
            headers = {"Cache-Control": PRIVATE if private() else PUBLIC, "Vary": VARY}

            @after_this_request
            def validators(response: Response) -> Response:
                if 200 <= response.status_code < 300 or response.status_code == 304:
                    response.set_etag(tag, weak=True)
                    response.headers.update(headers)
                return response

            if request.if_none_match.contains_weak(tag):
                return Response(status=304)
            return view(*args, **kwargs)

        not_modified = blp.alt_response(304, description="Not Modified: the copy named in If-None-Match is current")
        documented = blp.reply_headers("ETag", "Cache-Control")(
            blp.reply_headers("ETag", "Cache-Control", status=304)(
                not_modified(blp.header_parameter(IF_NONE_MATCH)(wrapper))
            )
        )
        return cast(F, documented)

    return decorator


IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "The ETag of a copy you hold; 304 when it is still current",
    "schema": {"type": "string"},
}
