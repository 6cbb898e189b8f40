"""The benchmark's baselines, served exactly like the product: a bare JSON endpoint, and a durable-write floor.

/echo parses the JSON body and answers; it stores nothing, so it is no floor for an endpoint that must
store before it answers. /store parses the body, inserts one row of the product's row size (the body
padded to BENCH_ROW_BYTES) with the database driver itself, commits, and answers 201: the least any
"stored before 201" endpoint on that database must do. SQLite gets the product's settings (WAL,
synchronous=NORMAL, BEGIN IMMEDIATE behind a busy timeout); PostgreSQL one connection per thread.
/checkin/<episode> is /store with the reads and the write a check-in cannot do without, on the product's own
tables (see `checkin`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import uuid
from typing import Any

from flask import Flask, request

app = Flask(__name__)
DATABASE_URL = os.environ.get("SUMBAR_DATABASE_URL", "")
ROW_BYTES = int(os.environ.get("BENCH_ROW_BYTES", "0"))
_local = threading.local()


@app.post("/echo")
def echo() -> tuple[dict[str, object], int]:
    body = request.get_json()
    return {"received": len(body.get("answers", {}))}, 201


def _sqlite() -> sqlite3.Connection:
    connection = sqlite3.connect(DATABASE_URL.removeprefix("sqlite:///"), isolation_level=None, timeout=10)
    for pragma in ("busy_timeout=10000", "journal_mode=WAL", "synchronous=NORMAL"):
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


@app.post("/store")
def store() -> tuple[dict[str, object], int]:
    body = request.get_json()
    row = _row(body)
    row_id = uuid.uuid4()
    connection = _connection()
    if isinstance(connection, sqlite3.Connection):
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO bench_rows (id, body) VALUES (?, ?)", (str(row_id), row))
        connection.execute("COMMIT")
    else:
        connection.execute("INSERT INTO bench_rows (id, body) VALUES (%s, %s)", (row_id, row))
        connection.commit()
    return {"id": str(row_id), "received": len(body.get("answers", {}))}, 201


# What a check-in reads of its episode's earlier check-ins (triage compares them; the duplicate check needs the ids).
_EARLIER = (
    "SELECT client_id, measured_at, temperature_c, spo2, respiratory_rate, symptoms, danger_signs "
    "FROM checkins WHERE episode_id = {0}"
)


@app.post("/checkin/<episode_id>")
def checkin(episode_id: str) -> tuple[dict[str, object], int]:
    """The statements no check-in can do without, through the driver, and nothing else: the device found by its
    token's hash, the episode read and checked to be that device's, its earlier check-ins read, one row of a
    stored check-in's size inserted (as /store does), the episode's row updated, one commit. No validation, no
    triage, no JSON columns parsed, a two-field reply: a floor for the check-in POST, on the tables the product
    uses, with the same devices and episodes."""
    body = request.get_json()
    token_hash = hashlib.sha256(request.headers.get("Authorization", "").removeprefix("Bearer ").encode()).hexdigest()
    connection = _connection()
    sqlite = isinstance(connection, sqlite3.Connection)
    mark = "?" if sqlite else "%s"
    # SQLAlchemy stores a UUID as 32 hex digits on SQLite, as uuid on PostgreSQL.
    key: Any = uuid.UUID(episode_id).hex if sqlite else uuid.UUID(episode_id)
    # As in the product, on SQLite the device is found before the write transaction begins.
    device = connection.execute(f"SELECT id FROM devices WHERE token_hash = {mark}", (token_hash,)).fetchone()
    if sqlite:
        connection.execute("BEGIN IMMEDIATE")
    episode = connection.execute(f"SELECT device_id, * FROM isolation_episodes WHERE id = {mark}", (key,)).fetchone()
    if device is None or episode is None or episode[0] != device[0]:
        if sqlite:
            connection.execute("ROLLBACK")
        else:
            connection.rollback()
        return {"found": False}, 404
    earlier = connection.execute(_EARLIER.format(mark), (key,)).fetchall()
    row_id = uuid.uuid4()
    connection.execute(
        f"INSERT INTO bench_rows (id, body) VALUES ({mark}, {mark})", (str(row_id) if sqlite else row_id, _row(body))
    )
    connection.execute(f"UPDATE isolation_episodes SET last_checkin_at = last_checkin_at WHERE id = {mark}", (key,))
    if sqlite:
        connection.execute("COMMIT")
    else:
        connection.commit()
    return {"id": str(row_id), "earlier": len(earlier)}, 201
