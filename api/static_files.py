"""Static files (the residents' app, the dashboard's assets and script bundles): compressed once, cached by browsers."""

from __future__ import annotations

import threading
from collections import OrderedDict

import brotli
from flask import Flask, Request, Response, current_app, request

from api.extensions import compress

# A URL that names its version (Dash's fingerprinted bundles, /assets/...?m=<mtime>) never changes content.
VERSIONED_MAX_AGE = 365 * 24 * 3600
# Files at plain URLs (the residents' app's own, which its service worker revalidates anyway) for an hour.
UNVERSIONED_MAX_AGE = 3600
COMPONENT_SUITES = "/_dash-component-suites/"
# Static files are compressed once per process, so brotli can work harder on them than on the replies made per
# request (Flask-Compress's level 4): level 10 makes Dash's bundles 14 % smaller for 0.4 s of CPU per process.
STATIC_BR_LEVEL = 10
# Compressed copies kept per process (each algorithm of each file is one): the bundles a page loads, several
# times over, in a few MB.
MAX_ENTRIES = 256


def is_static_file(req: Request) -> bool:
    endpoint = req.endpoint or ""
    rule = req.url_rule.rule if req.url_rule else ""
    return endpoint == "static" or endpoint.endswith(".static") or rule.startswith(COMPONENT_SUITES)


def compress_cache_key(req: Request) -> str:
    """Flask-Compress's cache key: the file's URL with its version, or "" (not kept) for anything else.

    A file's content changes only with a new release, which restarts the processes; a Range request's partial
    reply must never stand for the whole file.
    """
    if not is_static_file(req) or "Range" in req.headers:
        return ""
    return req.full_path


class CompressedOnce:
    """Flask-Compress's cache backend: compressed static files, least recently used dropped first.

    plotly's bundle took 0.35 s of CPU to compress on every download; a copy is made once per process.
    """

    def __init__(self) -> None:
        self.entries: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            value = self.entries.get(key)
            if value is not None:
                self.entries.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";"):  # "<algorithm>;" and an empty key: not a static file
            return
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


def brotli_once(response: Response, copies: CompressedOnce) -> None:
    """A static file for a client that takes brotli: compressed once at STATIC_BR_LEVEL (Flask-Compress then
    leaves the encoded reply alone), as Flask-Compress would, from and into the same copies."""
    key = compress_cache_key(request)
    config = current_app.config
    if (
        not key
        or "Content-Encoding" in response.headers
        or request.accept_encodings["br"] <= 0
        or response.mimetype not in config["COMPRESS_MIMETYPES"]
        or (response.content_length or 0) < config["COMPRESS_MIN_SIZE"]
    ):
        return
    packed = copies.get(f"br;{key}")
    if packed is None:
        packed = brotli.compress(response.get_data(), quality=STATIC_BR_LEVEL)
        copies.set(f"br;{key}", packed)
    response.set_data(packed)
    response.headers["Content-Encoding"] = "br"
    response.vary.add("Accept-Encoding")
    etag, weak = response.get_etag()
    if etag and not weak:  # the encoded reply is another representation (as Flask-Compress marks it)
        response.set_etag(f"{etag}:br")


def init_app(app: Flask) -> None:
    """After Flask-Compress's init_app: this hook must run before its own (Flask runs the later one first)."""

    @app.after_request
    def cache_for_browsers(response: Response) -> Response:
        if response.status_code not in (200, 304) or not is_static_file(request):
            return response
        if response.status_code == 200 and response.is_streamed:
            # Flask streams files from disk, and Flask-Compress leaves streams alone (the live alerts must not
            # wait in a compressor); these files are small, and compressed once (CompressedOnce).
            response.direct_passthrough = False
            response.make_sequence()
        if response.status_code == 200 and isinstance(compress.cache, CompressedOnce):
            brotli_once(response, compress.cache)
        versioned = "m" in request.args or (response.cache_control.max_age or 0) >= VERSIONED_MAX_AGE
        response.cache_control.no_cache = None
        response.cache_control.public = True
        if versioned:
            response.cache_control.max_age = VERSIONED_MAX_AGE
            response.cache_control.immutable = True
        elif response.cache_control.max_age is None:
            response.cache_control.max_age = UNVERSIONED_MAX_AGE
        return response
