"""Configuration: safe development defaults, overridden by SUMBAR_* environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from dotenv import load_dotenv
from flask import Flask

MAX_BODY_BYTES = 64 * 1024


class Config:
    # Development default only; production sets SUMBAR_SECRET_KEY.
    SECRET_KEY = "dev-only-change-me"
    DATABASE_URL: str | None = None
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"pool_pre_ping": True}
    MAX_CONTENT_LENGTH = MAX_BODY_BYTES
    JSON_SORT_KEYS = False

    API_TITLE = "Sumbar Siaga API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"
    OPENAPI_SWAGGER_UI_PATH = "docs"
    OPENAPI_SWAGGER_UI_URL = "/api/v1/docs/assets/"

    STAFF_TOKEN_HOURS = 12
    IDEMPOTENCY_KEY_HOURS = 24
    # Failed logins per username per window before further attempts get 429.
    LOGIN_FAILURE_LIMIT = "5 per 5 minutes"
    DEVICE_REGISTRATION_LIMIT = "60 per minute"
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = True
    REDIS_URL: str | None = None
    TIMEZONE = "Asia/Jakarta"

    # Kabupaten/kota boundary file (GeoJSON, Shapefile, GeoPackage) keyed by Kemendagri code; unset: nearest centroid.
    BOUNDARIES: str | None = None
    BOUNDARIES_CODE_FIELD: str | None = None
    ALERT_ACK_MINUTES = 5
    # Server-Sent Event streams end after this long; clients reconnect with Last-Event-ID, freeing threads.
    STREAM_MAX_SECONDS = 300
    STREAM_KEEPALIVE_SECONDS = 15
    # A case file (CSV or prov_detail JSON) the pull_cases job imports; the region for files without one.
    CASES_URL: str | None = None
    CASES_URL_REGION: str | None = None
    # Password of the demo staff accounts `flask demo load` creates (see the demo service for when).
    DEMO_PASSWORD: str | None = None
    LOG_LEVEL = "INFO"
    NOTIFIERS = "log"
    NOTIFY_WEBHOOK_URL: str | None = None

    # Shared cache of derived statistics (Flask-Caching): Redis when SUMBAR_REDIS_URL is set, else files in
    # CACHE_DIR (default instance/cache), which every worker on this machine shares. Entries carry the data
    # version they were computed from, so a stale one is never served.
    CACHE_TYPE: str | None = None
    CACHE_DIR: str | None = None
    CACHE_KEY_PREFIX = "sumbar:"
    CACHE_DEFAULT_TIMEOUT = 7 * 24 * 3600
    # Response compression (Flask-Compress): brotli, gzip or zstd as the client accepts; streams (live
    # alerts) are never compressed, since each event must reach the client as it happens.
    COMPRESS_ALGORITHM = ["br", "zstd", "gzip"]
    COMPRESS_STREAMS = False
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/plain",
        "text/csv",
        "text/javascript",
        "application/javascript",
        "application/json",
        "application/geo+json",
        "image/svg+xml",
        "image/x-icon",
    ]

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"


def default_database_url(instance_path: str) -> str:
    return "sqlite:///" + str(Path(instance_path) / "sumbar.sqlite3")


def load_config(app: Flask, test_config: dict[str, Any] | None) -> None:
    """Defaults, then SUMBAR_* variables (JSON-decoded where possible), then the test overrides.

    A `.env` file in the working directory fills variables the environment does not set (as the Flask CLI
    does); tests, which pass their own configuration, never read it.
    """
    if test_config is None:
        load_dotenv(os.path.join(os.getcwd(), ".env"), override=False)
    app.config.from_object(Config)
    app.config.from_prefixed_env("SUMBAR")
    if test_config:
        app.config.update(test_config)
    url = app.config.get("DATABASE_URL") or default_database_url(app.instance_path)
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        # psycopg 3 is the driver we install.
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    app.config["SQLALCHEMY_DATABASE_URI"] = url
    if app.config.get("REDIS_URL") and app.config["RATELIMIT_STORAGE_URI"] == "memory://":
        app.config["RATELIMIT_STORAGE_URI"] = app.config["REDIS_URL"]
    if url.startswith("sqlite"):
        os.makedirs(app.instance_path, exist_ok=True)
    choose_cache(app)


def choose_cache(app: Flask) -> None:
    """Redis when configured; otherwise files under instance/, or one in-memory cache per app under TESTING."""
    if not app.config["CACHE_TYPE"]:
        if app.config.get("REDIS_URL"):
            app.config["CACHE_TYPE"] = "RedisCache"
            app.config.setdefault("CACHE_REDIS_URL", app.config["REDIS_URL"])
        else:
            app.config["CACHE_TYPE"] = "SimpleCache" if app.config.get("TESTING") else "FileSystemCache"
    if app.config["CACHE_TYPE"] == "FileSystemCache" and not app.config["CACHE_DIR"]:
        app.config["CACHE_DIR"] = os.path.join(app.instance_path, "cache")
