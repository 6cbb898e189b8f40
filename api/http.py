"""How the app meets HTTP: trusted proxies, safe JSON bodies, bounded path integers, headers only where they belong."""

from __future__ import annotations

import io
import ipaddress
import json
import time
from typing import Any

from flask import Flask, Response, has_request_context, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from api.json_body import JSONProvider
from api.read_cutoffs import ReadCutoffs
from screening.text import bilingual, localize, pick_lang

DRAIN_LIMIT_BYTES = 1024 * 1024
DRAIN_SECONDS = 5.0
# Record ids are 64-bit at most; a longer number in a path is no record (404), not a database overflow.
MAX_PATH_INTEGER = 2**63 - 1
CUTOFFS = ReadCutoffs()
# Set in the WSGI environ when the connection came from the trusted proxy (SUMBAR_PROXY_ADDRESSES).
VIA_PROXY = "sumbar.via_proxy"


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
        # The server's reader asks the socket again after every byte that arrives, so a timeout per read would
        # let a client trickling one byte a second go on forever; at the deadline the reading side is shut
        # instead, which ends any read under way, however the server reads.
        cutoff = CUTOFFS.start(sock, self.timeout) if sock is not None else None
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
            if cutoff is not None:
                CUTOFFS.cancel(cutoff)
            if sock is not None:
                sock.settimeout(previous)
        if got < wanted and time.monotonic() >= deadline:
            raise TimeoutError("request body too slow")
        return b"".join(chunks)

    def _too_slow(self, environ: dict[str, Any], start_response: Any) -> list[bytes]:
        lang = pick_lang(environ.get("HTTP_ACCEPT_LANGUAGE"))
        body = {"code": 408, "status": "Request Timeout", "message": localize(TOO_SLOW, lang)}
        start_response("408 Request Timeout", [("Content-Type", "application/json"), ("Connection", "close")])
        return [json.dumps(body).encode()]


class CloseWhenAsked:
    """Closes the connection after a reply that says `Connection: close`.

    WSGI servers drop an application's Connection header (it is hop-by-hop) and announce keep-alive of their
    own; gunicorn then closes anyway when a body was left unread, so the client was promised a connection
    that was about to go. Gunicorn's reply object (behind start_response) can be told to close instead.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            if any(k.lower() == "connection" and v.lower() == "close" for k, v in headers):
                force_close = getattr(getattr(start_response, "__self__", None), "force_close", None)
                if callable(force_close):
                    force_close()
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


class TrustedProxy:
    """Takes X-Forwarded-For/-Proto/-Host (werkzeug's ProxyFix, `hops` deep) only on connections from the proxy.

    Anyone who can reach the app directly could otherwise choose the address the rate limits count, or the
    scheme that marks cookies Secure. Requests from the proxy are marked in the environ (VIA_PROXY), so the
    proxy's request id is kept only for them (api/request_ids.py).
    """

    def __init__(self, app: Any, hops: int, addresses: list[str]) -> None:
        self.direct = app
        self.proxied = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
        self.unix = "unix" in addresses
        self.networks = [ipaddress.ip_network(a, strict=False) for a in addresses if a != "unix"]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if self.trusted(environ.get("REMOTE_ADDR") or ""):
            environ[VIA_PROXY] = True
            return self.proxied(environ, start_response)
        return self.direct(environ, start_response)

    def trusted(self, peer: str) -> bool:
        try:
            address = ipaddress.ip_address(peer)
        except ValueError:
            return self.unix  # a unix socket's peer has no address
        return any(address in network for network in self.networks)


def proxy_addresses(value: Any) -> list[str]:
    """SUMBAR_PROXY_ADDRESSES as a list: "127.0.0.2", "10.0.0.5,10.0.0.6" or a list."""
    items = value if isinstance(value, list | tuple) else str(value).split(",")
    return [str(item).strip() for item in items if str(item).strip()]


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
        addresses = proxy_addresses(app.config["PROXY_ADDRESSES"])
        app.wsgi_app = TrustedProxy(app.wsgi_app, hops, addresses)  # type: ignore[method-assign]
    app.wsgi_app = CloseWhenAsked(app.wsgi_app)  # type: ignore[method-assign]

    @app.after_request
    def headers_where_they_belong(response: Response) -> Response:
        # Flask-Limiter adds Retry-After to every reply; it means "wait" only on 429 and 503.
        if response.status_code not in (429, 503):
            response.headers.pop("Retry-After", None)
        if (request.content_length or 0) > app.config["MAX_CONTENT_LENGTH"] and not _drain_refused_body():
            response.headers["Connection"] = "close"
        return response


def _drain_refused_body() -> bool:
    """Read and drop the unread body of an oversized request (413, or refused earlier: 401, 404...), up to 1 MiB
    and for 5 seconds at most; True when all of it was read.

    The server drains only a little of an unread body before it gives up and closes the connection, so the
    client's next request on it would fail. Reading it here keeps the connection usable; a bigger or slower
    body ends the connection, and the reply then says so (`Connection: close`).
    """
    length = request.content_length or 0
    remaining = min(length, DRAIN_LIMIT_BYTES)
    stream = request.environ.get("wsgi.input")
    sock = request.environ.get("gunicorn.socket")
    if stream is None:
        return False
    deadline = time.monotonic() + DRAIN_SECONDS
    previous = sock.gettimeout() if sock is not None else None
    try:
        while remaining > 0 and time.monotonic() < deadline:
            if sock is not None:
                sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = stream.read(min(65536, remaining))
            if not chunk:
                return False
            remaining -= len(chunk)
    except (OSError, ValueError):
        return False
    finally:
        if sock is not None:
            sock.settimeout(previous)
    return remaining <= 0 and length <= DRAIN_LIMIT_BYTES
