"""How the app meets HTTP: trusted proxies, safe JSON bodies, bounded path integers, headers only where they belong."""

from __future__ import annotations

import io
import json
import time
from typing import Any

from flask import Flask, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from api.json_body import JSONProvider
from screening.text import bilingual, localize, pick_lang

DRAIN_LIMIT_BYTES = 1024 * 1024
DRAIN_SECONDS = 5.0
# Record ids are 64-bit at most; a longer number in a path is no record (404), not a database overflow.
MAX_PATH_INTEGER = 2**63 - 1


class BoundedIntegerConverter(IntegerConverter):
    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_PATH_INTEGER)
        super().__init__(url_map, *args, **kwargs)


class SessionInterface(SecureCookieSessionInterface):
    """Session cookies are marked Secure whenever the client reached us over HTTPS (behind a proxy too)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or (has_request_context() and request.is_secure))


class BodyDeadline:
    """Reads each request body whole, within SUMBAR_BODY_TIMEOUT_SECONDS, before the app sees the request.

    A request thread reads the body; a client sending it slowly would hold that thread for as long as it
    likes. Here it gets the timeout, then 408 and a closed connection. (Behind nginx, which buffers bodies,
    a slow client never reaches a thread at all.)
    """

    def __init__(self, app: Any, timeout: float, max_bytes: int) -> None:
        self.app, self.timeout, self.max_bytes = app, timeout, max_bytes

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
        length = environ.get("CONTENT_LENGTH") or ""
        if not chunked and (not length.isdigit() or not 0 < int(length) <= self.max_bytes):
            return self.app(environ, start_response)
        wanted = self.max_bytes + 1 if chunked else int(length)
        try:
            body = self._read(environ, wanted)
        except OSError:
            return self._too_slow(environ, start_response)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ.pop("HTTP_TRANSFER_ENCODING", None)
        return self.app(environ, start_response)

    def _read(self, environ: dict[str, Any], wanted: int) -> bytes:
        stream, sock = environ["wsgi.input"], environ.get("gunicorn.socket")
        deadline = time.monotonic() + self.timeout
        previous = sock.gettimeout() if sock is not None else None
        chunks, got = [], 0
        try:
            while got < wanted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("request body too slow")
                if sock is not None:
                    sock.settimeout(remaining)
                chunk = stream.read(min(65536, wanted - got))
                if not chunk:
                    break
                chunks.append(chunk)
                got += len(chunk)
        finally:
            if sock is not None:
                sock.settimeout(previous)
        return b"".join(chunks)

    def _too_slow(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        lang = pick_lang(environ.get("HTTP_ACCEPT_LANGUAGE"))
        body = {"code": 408, "status": "Request Timeout", "message": localize(TOO_SLOW, lang)}
        start_response("408 Request Timeout", [("Content-Type", "application/json"), ("Connection", "close")])
        return [json.dumps(body).encode()]


TOO_SLOW = bilingual(
    "Isi permintaan terlalu lambat datang. Coba lagi dengan sambungan yang lebih baik.",
    "The request body arrived too slowly. Try again on a better connection.",
)


def path_integer_schema(converter: BoundedIntegerConverter) -> dict[str, Any]:
    """How a bounded integer path parameter is documented in the spec."""
    return {"type": "integer", "minimum": 0, "maximum": converter.max}


def init_app(app: Flask) -> None:
    app.json = JSONProvider(app)
    app.session_interface = SessionInterface()
    app.wsgi_app = BodyDeadline(  # type: ignore[method-assign]
        app.wsgi_app, float(app.config["BODY_TIMEOUT_SECONDS"]), int(app.config["MAX_CONTENT_LENGTH"])
    )
    app.url_map.converters["int"] = BoundedIntegerConverter
    hops = int(app.config["PROXY_HOPS"])
    if hops > 0:
        # Client address, scheme and host come from the last `hops` proxies' X-Forwarded-* headers, and only
        # from those: a client cannot choose its own address for the rate limits by sending the header itself.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)  # type: ignore[method-assign]

    @app.after_request
    def headers_where_they_belong(response: Response) -> Response:
        # Flask-Limiter adds Retry-After to every reply; it means "wait" only on 429 and 503.
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        if (request.content_length or 0) > app.config["MAX_CONTENT_LENGTH"]:
            _drain_refused_body()
        return response


def _drain_refused_body() -> None:
    """Read and drop the unread body of an oversized request (413, or refused earlier: 401, 404...), up to 1 MiB
    and for 5 seconds at most.

    The server answers with keep-alive but drains only a little of an unread body before it gives up and
    closes the connection, so the client's next request on it would fail. Reading it here keeps the
    connection usable; a bigger or slower body still ends the connection, which clients must expect anyway.
    """
    remaining = min(request.content_length or 0, DRAIN_LIMIT_BYTES)
    stream = request.environ.get("wsgi.input")
    sock = request.environ.get("gunicorn.socket")
    if stream is None or remaining <= 0:
        return
    deadline = time.monotonic() + DRAIN_SECONDS
    previous = sock.gettimeout() if sock is not None else None
    try:
        while remaining > 0 and time.monotonic() < deadline:
            if sock is not None:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = stream.read(min(65536, remaining))
            if not chunk:
                return
            remaining -= len(chunk)
    except (OSError, ValueError):
        return
    finally:
        if sock is not None:
            sock.settimeout(previous)
