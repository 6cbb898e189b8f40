"""The benchmark's baselines, served like the product: a bare JSON endpoint and two floors through the driver.

/echo parses the JSON body and answers; it stores nothing, so it is no floor for an endpoint that must
store before it answers. /store parses the body, inserts one row of the product's row size (the body
padded to BENCH_ROW_BYTES) with the database driver itself, commits, and answers 201: the least any
"stored before 201" endpoint on that database must do. SQLite gets the product's settings (WAL,
synchronous=NORMAL, foreign keys, the writer lock of api.writer_lock before BEGIN IMMEDIATE, behind a busy
timeout); PostgreSQL one connection per thread. /checkin/<episode> does the statements no check-in can do
without, on the product's own tables (see `checkin`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Flask, request

from api.writer_lock import WriterLock
from screening.alert_workflow import OPEN_STATUSES

app = Flask(__name__)
DATABASE_URL = os.environ.get("SUMBAR_DATABASE_URL", "")
ROW_BYTES = int(os.environ.get("BENCH_ROW_BYTES", "0"))
SQLITE_PATH = DATABASE_URL.removeprefix("sqlite:///") if DATABASE_URL.startswith("sqlite") else ""
# The product's writers take this lock (the database file's name with "-writer") before BEGIN IMMEDIATE: without
# it, waiting writers sleep in SQLite's busy timeout while the database is idle, and the floor would be lower.
_writer = WriterLock(Path(SQLITE_PATH + "-writer")) if SQLITE_PATH else None
_local = threading.local()


@app.post("/echo")
def echo() -> tuple[dict[str, object], int]:
    body = request.get_json()
    return {"received": len(body.get("answers", {}))}, 201


def _sqlite() -> sqlite3.Connection:
    connection = sqlite3.connect(SQLITE_PATH, isolation_level=None, timeout=10)
    for pragma in ("foreign_keys=ON", "busy_timeout=10000", "journal_mode=WAL", "synchronous=NORMAL"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("CREATE TABLE IF NOT EXISTS bench_rows (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    return connection


def _postgres() -> Any:
    import psycopg

    connection = psycopg.connect(DATABASE_URL.replace("postgresql+psycopg://", "postgresql://", 1))
    # Threads of several workers start at once; one creates the table.
    connection.execute("SELECT pg_advisory_xact_lock(4242)")
    connection.execute("CREATE TABLE IF NOT EXISTS bench_rows (id uuid PRIMARY KEY, body jsonb NOT NULL)")
    connection.commit()
    return connection


def _connection() -> Any:
    if getattr(_local, "connection", None) is None:
        _local.connection = _sqlite() if DATABASE_URL.startswith("sqlite") else _postgres()
    return _local.connection


def _row(body: dict[str, Any]) -> str:
    return json.dumps({**body, "padding": "x" * max(0, ROW_BYTES - len(request.get_data()))})


@contextlib.contextmanager
def _transaction(connection: Any) -> Iterator[None]:
    """One write transaction, committed at the end of the block, rolled back if it raises; on SQLite taken as the
    product takes it (the writer lock, then BEGIN IMMEDIATE; the product lets the lock go just before COMMIT, this
    just after)."""
    if not isinstance(connection, sqlite3.Connection):
        # psycopg's implicit transaction, begun by the block's (or an earlier read's) first statement.
        try:
            yield
        except BaseException:
            connection.rollback()
            raise
        connection.commit()
        return
    assert _writer is not None
    held = _writer.acquire(timeout=10.0)
    try:
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
    finally:
        if held:
            _writer.release()


@app.post("/store")
def store() -> tuple[dict[str, object], int]:
    body = request.get_json()
    row = _row(body)
    row_id = uuid.uuid4()
    connection = _connection()
    sqlite = isinstance(connection, sqlite3.Connection)
    mark = "?" if sqlite else "%s"
    with _transaction(connection):
        connection.execute(f"INSERT INTO bench_rows (id, body) VALUES ({mark}, {mark})", (str(row_id), row))
    return {"id": str(row_id), "received": len(body.get("answers", {}))}, 201


class _NotFound(Exception):
    """Not this device's episode: the transaction is rolled back and the reply is 404."""


_OPEN = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
# The episode, checked to be the device's, with whether an alert of it is open (the reply says so).
_EPISODE = (
    "SELECT device_id, *, EXISTS (SELECT 1 FROM alerts WHERE alerts.episode_id = isolation_episodes.id "
    f"AND alerts.status IN ({_OPEN})) FROM isolation_episodes WHERE id = {{0}}"
)
# What triage and the duplicate check read of the episode's earlier check-ins.
_EARLIER = (
    "SELECT client_id, measured_at, temperature_c, spo2, respiratory_rate, symptoms, danger_signs "
    "FROM checkins WHERE episode_id = {0}"
)
_INSERT = (
    "INSERT INTO checkins (episode_id, client_id, measured_at, received_at, temperature_c, spo2, symptoms, "
    "danger_signs, triage, reasons) VALUES ({0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0})"
)
_UPDATE = "UPDATE isolation_episodes SET last_checkin_at = {0}, updated_at = {0} WHERE id = {0}"


def _checkin_values(key: Any, body: dict[str, Any], *, sqlite: bool) -> tuple[Any, ...]:
    """The check-in row as the product stores it on each database (SQLite: UTC text, JSON text; PostgreSQL: aware
    times, jsonb), triaged as stable: the floor runs no rules."""
    measured, now = dt.datetime.fromisoformat(body["measured_at"]), dt.datetime.now(dt.UTC)
    if sqlite:
        moments: tuple[Any, ...] = tuple(
            moment.astimezone(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
            for moment in (measured, now)
        )
        lists: tuple[Any, ...] = (json.dumps(body.get("symptoms") or []), "[]", "[]")
    else:
        from psycopg.types.json import Jsonb

        moments = (measured, now)
        lists = (Jsonb(body.get("symptoms") or []), Jsonb([]), Jsonb([]))
    symptoms, danger_signs, reasons = lists
    return (
        key,
        body.get("client_id"),
        *moments,
        body.get("temperature_c"),
        body.get("spo2"),
        symptoms,
        danger_signs,
        "stable",
        reasons,
    )


@app.post("/checkin/<episode_id>")
def checkin(episode_id: str) -> tuple[dict[str, object], int]:
    """The statements no check-in can do without, through the driver, and nothing else: the device found by its
    token's hash; in one transaction the episode read (with whether an alert of it is open) and checked to be that
    device's, its earlier check-ins read, the check-in inserted into the product's table, the episode's last
    check-in and update times set. No validation, no triage (the row is stored as stable), a two-field reply;
    the JSON columns read back are parsed only by the driver (psycopg's jsonb on PostgreSQL, none on SQLite)."""
    body = request.get_json()
    token_hash = hashlib.sha256(request.headers.get("Authorization", "").removeprefix("Bearer ").encode()).hexdigest()
    connection = _connection()
    sqlite = isinstance(connection, sqlite3.Connection)
    mark = "?" if sqlite else "%s"
    # SQLAlchemy stores a UUID as 32 hex digits on SQLite, as uuid on PostgreSQL.
    key: Any = uuid.UUID(episode_id).hex if sqlite else uuid.UUID(episode_id)
    values = _checkin_values(key, body, sqlite=sqlite)
    find_device = f"SELECT id FROM devices WHERE token_hash = {mark}"
    try:
        # As in the product: on SQLite the device is found before the write transaction, on PostgreSQL in it.
        device = connection.execute(find_device, (token_hash,)).fetchone() if sqlite else None
        with _transaction(connection):
            if not sqlite:
                device = connection.execute(find_device, (token_hash,)).fetchone()
            episode = connection.execute(_EPISODE.format(mark), (key,)).fetchone()
            if device is None or episode is None or episode[0] != device[0]:
                raise _NotFound
            earlier = connection.execute(_EARLIER.format(mark), (key,)).fetchall()
            connection.execute(_INSERT.format(mark), values)
            connection.execute(_UPDATE.format(mark), (values[2], values[3], key))
    except _NotFound:
        return {"found": False}, 404
    return {"episode": episode_id, "earlier": len(earlier)}, 201
