"""Configuration: safe development defaults, overridden by SUMBAR_* environment variables."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from pathlib import Path
from typing import Any

from dotenv import load_dotenv
from flask import Flask

from api.clock import DEFAULT_ZONE
from api.secret_strength import estimated_bits
from api.static_files import CompressedOnce, compress_cache_key
from api.stored_json import load_stored_json

MAX_BODY_BYTES = 64 * 1024


class Config:
    # Signs console sessions. Unset: a random key kept in instance/secret_key (see secret_key()); several
    # machines serving one installation must all set the same SUMBAR_SECRET_KEY.
    SECRET_KEY: str | None = None
    DATABASE_URL: str | None = None
    # hide_parameters: a failing statement's values (a resident's phone or note) never reach an error log.
    # Connections that sat idle are checked before use by api/connection_checks.py, not each one at checkout.
    SQLALCHEMY_ENGINE_OPTIONS: dict[str, Any] = {"hide_parameters": True, "json_deserializer": load_stored_json}
    # SQLite: writers queue on the process's lock and a lock file the processes share before SQLite's own
    # (api/writer_lock.py); false leaves them to SQLite's busy timeout alone (the benchmark compares both).
    SQLITE_WRITER_LOCK = True
    # PostgreSQL: a statement running longer than this is cancelled (the client gets 503 and retries).
    DB_STATEMENT_TIMEOUT_MS = 10_000
    # Reverse proxies in front of the app whose X-Forwarded-For/-Proto/-Host are trusted (0: none), and the
    # addresses (or networks; "unix" for a unix socket) the nearest one connects from: a request from anywhere
    # else is taken as it came, and its X-Request-ID is not kept.
    PROXY_HOPS = 0
    PROXY_ADDRESSES = "127.0.0.1,::1"
    # PostgreSQL connections per web worker: one per request thread (WEB_THREADS) plus a few for stream polls
    # and health checks, so that a busy worker waits for no connection. None: worked out from WEB_THREADS.
    DB_POOL_SIZE: int | None = None
    MAX_CONTENT_LENGTH = MAX_BODY_BYTES
    JSON_SORT_KEYS = False

    API_TITLE = "Sumbar Siaga API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.0.3"
    API_SPEC_OPTIONS = {
        "info": {
            "description": "COVID-19 self-screening, home isolation, panic alerts and case statistics for the "
            "province of Sumatera Barat. Plain dates (YYYY-MM-DD) are dates in Asia/Jakarta (WIB); times carry "
            "their UTC offset. Errors are RFC 9457 problem details (application/problem+json): type, title, "
            "status, detail, and the API's own code, message and errors (per field); messages are in "
            "Indonesian unless Accept-Language asks for English.",
            "license": {"name": "MIT", "url": "https://opensource.org/licenses/MIT"},
            "contact": {"name": "Sumbar Siaga, Satgas COVID-19 Provinsi Sumatera Barat"},
        },
        # Relative: the API is served from wherever this document is (paths carry /api/v1 themselves).
        "servers": [{"url": "/", "description": "The server this document came from"}],
    }
    OPENAPI_URL_PREFIX = "/api/v1"
    OPENAPI_JSON_PATH = "openapi.json"

    STAFF_TOKEN_HOURS = 12
    IDEMPOTENCY_KEY_HOURS = 24
    # A resident device token unused for this many days stops working (the app registers anew).
    DEVICE_TOKEN_IDLE_DAYS = 180
    # The retention table (api/services/privacy.py, docs/security.md): days personal data is kept once its use ended.
    RETENTION_ALERT_DAYS = 90
    RETENTION_EPISODE_DAYS = 90
    RETENTION_SCREENING_LINK_DAYS = 30
    RETENTION_ALERT_EVENT_DAYS = 7
    RETENTION_LOGIN_FAILURE_DAYS = 90
    RETENTION_ACCESS_LOG_DAYS = 365
    RETENTION_NOTIFICATION_DAYS = 30
    RETENTION_CHANNEL_MESSAGE_DAYS = 7
    # Named in the privacy notice (GET /api/v1/privacy) as the one who handles residents' data, and how to ask.
    # A web server refuses to start without a contact (wsgi.py), unless it is the local try-out: there is no
    # true default, and a made-up one would tell residents to write to nobody.
    PRIVACY_CONTROLLER = "Satuan Tugas Penanganan COVID-19 Provinsi Sumatera Barat"
    PRIVACY_CONTACT: str | None = None
    # The local try-out (`make run` sets it): the web server starts without a privacy contact, and the notice
    # then names none rather than a placeholder.
    TRY_OUT = False
    # Failed sign-ins per (username, client address), and per client address, before further attempts get 429.
    LOGIN_FAILURE_LIMIT = "5 per 5 minutes"
    LOGIN_ADDRESS_FAILURE_LIMIT = "30 per 5 minutes"
    # Failed sign-ins for one account from any addresses that alert the admins (a security event and a warning
    # log line, once per window); the account is never locked by them.
    LOGIN_ACCOUNT_ALERT = "20 per hour"
    # Per client address, high enough for a crowd behind one carrier's NAT at a peak (the province sends about
    # 100 screenings a second then); per device, what one person could do. api/rate_limits.py says how.
    DEVICE_REGISTRATION_LIMIT = "600 per minute;10000 per day"
    SCREENING_ADDRESS_LIMIT = "600 per minute"
    SCREENING_DEVICE_LIMIT = "30 per minute"
    # In this process (api/limit_storage.py) unless Redis is configured.
    RATELIMIT_STORAGE_URI = "process-memory://"
    RATELIMIT_HEADERS_ENABLED = True
    REDIS_URL: str | None = None
    TIMEZONE = DEFAULT_ZONE

    # Kabupaten/kota boundary file (GeoJSON, Shapefile, GeoPackage) keyed by Kemendagri code; unset: nearest centroid.
    BOUNDARIES: str | None = None
    BOUNDARIES_CODE_FIELD: str | None = None
    # Map tiles under the console's alert map, a URL template such as https://tile.example.org/{z}/{x}/{y}.png;
    # unset: the map draws only the shipped boundaries, with nothing fetched from outside the server.
    MAP_TILES: str | None = None
    ALERT_ACK_MINUTES = 5
    # An open alert nothing happened to for this long expires (the expire_alerts job), so that retention and a
    # resident's erasure reach it as they reach closed ones.
    ALERT_EXPIRY_HOURS = 72
    # Presses stored (and streamed) per alert per minute; more are counted only. Notes kept per alert in all.
    ALERT_PRESSES_PER_MINUTE = 30
    ALERT_NOTES_MAX_CHARS = 5000
    # Server-Sent Event streams end after this long; clients reconnect with Last-Event-ID, freeing threads.
    STREAM_MAX_SECONDS = 300
    STREAM_KEEPALIVE_SECONDS = 15
    # How often an open stream checks that its token or session, and its account, are still good.
    STREAM_RECHECK_SECONDS = 30
    # Live streams one process serves at once (each holds a request thread) and one staff account may hold.
    # None: a quarter of the process's threads (WEB_THREADS), so residents' requests always find a thread.
    STREAMS_PER_WORKER: int | None = None
    STREAMS_PER_ACCOUNT = 3
    # A request body must arrive within this many seconds (a slow sender cannot hold a thread longer).
    BODY_TIMEOUT_SECONDS = 10
    # Megabytes of public dashboard replies (summary, map, region, levels) each web process keeps copies of.
    PUBLIC_REPLY_CACHE_MB = 32
    # A case file (CSV or prov_detail JSON) the pull_cases job imports; the region for files without one.
    CASES_URL: str | None = None
    CASES_URL_REGION: str | None = None
    # Password of the demo staff accounts `flask demo load` creates (see the demo service for when).
    DEMO_PASSWORD: str | None = None
    LOG_LEVEL = "INFO"
    # "json": one JSON object per log line, and one line per request (method, URL rule, status, duration,
    # request id); "text": plain lines. Either way no client address, path or body is logged.
    LOG_FORMAT = "text"
    # A bearer token that may read /metrics from anywhere; loopback callers need none. Unset: loopback only.
    METRICS_TOKEN: str | None = None
    # Operators' channels every notification also goes to (comma-separated: log, webhook); docs/notifications.md.
    NOTIFIERS = "log"
    NOTIFY_WEBHOOK_URL: str | None = None
    NOTIFY_TIMEOUT_SECONDS = 5.0
    # A notification still failing this long after it was queued is dead: admins see it and may retry it.
    NOTIFY_GIVE_UP_HOURS = 24.0
    # Retries wait 10 s, 20 s, 40 s ... (with jitter, at most an hour), or longer when the receiver says so.
    NOTIFY_RETRY_BASE_SECONDS = 10.0
    NOTIFY_RETRY_MAX_SECONDS = 3600.0
    # Notifications one dispatcher claims at a time.
    NOTIFY_BATCH = 100
    # Web Push (docs/notifications.md): the VAPID key (unset: made once in instance/), the contact push services
    # may write to (mailto: or https:), and the push services' origins subscriptions may point at (comma-separated;
    # unset: the major browsers' services).
    VAPID_PRIVATE_KEY: str | None = None
    VAPID_SUBJECT: str | None = None
    PUSH_SERVICES: str | None = None
    # WhatsApp Cloud API (docs/channels.md): the Graph API base with its version (tests point it at a local
    # receiver), the business phone number's id, the access token, the webhook's verify token and app secret, and
    # the approved templates sent outside the 24-hour window (unset: nothing is sent outside it).
    WHATSAPP_API_URL = "https://graph.facebook.com/v22.0"
    WHATSAPP_PHONE_NUMBER_ID: str | None = None
    WHATSAPP_TOKEN: str | None = None
    WHATSAPP_VERIFY_TOKEN: str | None = None
    WHATSAPP_APP_SECRET: str | None = None
    WHATSAPP_TEMPLATE_REMINDER: str | None = None
    WHATSAPP_TEMPLATE_STATUS: str | None = None
    # SMS through Twilio's Messaging API: the API base, the account, its auth token (signs the webhook too), the
    # sending number, and the inbound URL exactly as configured at Twilio when a proxy changes what the app sees.
    SMS_API_URL = "https://api.twilio.com"
    SMS_ACCOUNT_SID: str | None = None
    SMS_AUTH_TOKEN: str | None = None
    SMS_FROM: str | None = None
    SMS_INBOUND_URL: str | None = None
    # Conversations: silence after which one ends, messages a number may send a minute, conversations it may open
    # an hour, and the longest message read (longer ones are refused with a short note).
    CHANNEL_IDLE_MINUTES = 30.0
    CHANNEL_MESSAGES_PER_MINUTE = 40
    CHANNEL_CONVERSATIONS_PER_HOUR = 6
    CHANNEL_MAX_INBOUND_CHARS = 500

    # Shared cache of derived statistics (Flask-Caching): Redis when SUMBAR_REDIS_URL is set, else files in
    # CACHE_DIR (default instance/cache), which every worker on this machine shares. Entries carry the data
    # version they were computed from, so a stale one is never served. api/caching.py maps every cache.
    CACHE_TYPE: str | None = None
    CACHE_DIR: str | None = None
    CACHE_KEY_PREFIX = "sumbar:"
    CACHE_DEFAULT_TIMEOUT = 7 * 24 * 3600
    # Response compression (Flask-Compress): brotli, gzip or zstd as the client accepts; streams (live
    # alerts) are never compressed, since each event must reach the client as it happens.
    COMPRESS_ALGORITHM = ["br", "zstd", "gzip"]
    # Static files are compressed once per process and URL (api/static_files.py); other replies every time.
    COMPRESS_CACHE_BACKEND = CompressedOnce
    COMPRESS_CACHE_KEY = staticmethod(compress_cache_key)
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
    # A console session ends after this many hours without use (a shift); the cookie lasts no longer.
    CONSOLE_IDLE_HOURS = 12


# Keys once published as defaults, and the demo password: a key containing one of them must never be accepted.
PUBLIC_KEYS = frozenset({"dev-only-change-me", "change-me", "secret", "changeme", "sumbar-demo-2020"})
# A signed session must resist an offline search of the key (NIST SP 800-57's floor for new keys).
MIN_SECRET_KEY_BITS = 128
GOOD_KEY_ADVICE = (
    "a good key is 64 characters from a random generator, not typed, not built from words, names or repeats: "
    'python -c "import secrets; print(secrets.token_urlsafe(48))"'
)


def check_secret_key(key: str) -> None:
    """Refuse to start with a signing key anyone could guess: one containing a published default, or one whose
    estimated entropy is below 128 bits (few distinct characters, repeats, sequences, dictionary words)."""
    lowered = key.lower()
    if any(public in lowered for public in PUBLIC_KEYS):
        problem = "it contains a published default"
    else:
        bits = estimated_bits(key, PUBLIC_KEYS)
        if bits >= MIN_SECRET_KEY_BITS:
            return
        problem = f"about {bits:.0f} bits of entropy, at least {MIN_SECRET_KEY_BITS} needed"
    # The key itself is never repeated: this message reaches the service's log.
    raise RuntimeError(
        f"SUMBAR_SECRET_KEY is too weak ({problem}); {GOOD_KEY_ADVICE}. "
        "Or unset it to use the random key made in instance/secret_key."
    )


def secret_key(app: Flask) -> str:
    """The installation's own random key, made once and kept in instance/secret_key (readable by its owner only),
    so that `make run` needs no setting and every process of one machine signs sessions alike."""
    path = Path(app.instance_path) / "secret_key"
    os.makedirs(app.instance_path, exist_ok=True)
    try:
        # O_EXCL: of two processes starting at once, one writes the key and the other reads it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it, or set SUMBAR_SECRET_KEY") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key)
    return key


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
    if url.startswith("postgresql"):
        pool_size = app.config["DB_POOL_SIZE"] or int(os.environ.get("WEB_THREADS", "16")) + 4
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            **app.config["SQLALCHEMY_ENGINE_OPTIONS"],
            "pool_size": pool_size,
            "max_overflow": 4,
            "pool_timeout": 10,
            "connect_args": {
                "connect_timeout": 5,
                "options": f"-c statement_timeout={int(app.config['DB_STATEMENT_TIMEOUT_MS'])}",
            },
        }
    app.config["PERMANENT_SESSION_LIFETIME"] = dt.timedelta(hours=float(app.config["CONSOLE_IDLE_HOURS"]))
    if not app.config.get("STREAMS_PER_WORKER"):
        app.config["STREAMS_PER_WORKER"] = max(1, int(os.environ.get("WEB_THREADS", "16")) // 4)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32) if app.config.get("TESTING") else secret_key(app)
    elif not app.config.get("TESTING"):
        check_secret_key(app.config["SECRET_KEY"])
    if app.config.get("REDIS_URL") and app.config["RATELIMIT_STORAGE_URI"] == "process-memory://":
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
