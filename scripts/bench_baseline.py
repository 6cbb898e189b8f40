"""The benchmark's baselines, served exactly like the product: a bare JSON endpoint, and a durable-write floor.

/echo parses the JSON body and answers; it stores nothing, so it is no floor for an endpoint that must
store before it answers. /store parses the body, inserts one row of the product's row size (the body
padded to BENCH_ROW_BYTES) with the database driver itself, commits, and answers 201: the least any
"stored before 201" endpoint on that database must do. SQLite gets the product's settings (WAL,
synchronous=NORMAL, BEGIN IMMEDIATE behind a busy timeout); PostgreSQL one connection per thread.
"""

from __future__ import annotations

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


@app.post("/store")
def store() -> tuple[dict[str, object], int]:
    body = request.get_json()
    row = json.dumps({**body, "padding": "x" * max(0, ROW_BYTES - len(request.get_data()))})
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
