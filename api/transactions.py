"""Units of work that write: on SQLite they take the write lock first, so concurrent writers queue in order."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask

from api.extensions import db

IMMEDIATE = "sumbar_begin_immediate"
_HOLDS_WRITER_LOCK = "sumbar_writer_lock"
WRITER_LOCK_KEY = "sumbar.sqlite_writer"


def init_app(app: Flask) -> None:
    """SQLite only: WAL, a busy timeout, foreign keys, and transactions begun by SQLAlchemy, not the driver.

    The driver's own transaction handling starts a deferred transaction before the first write; a request
    that read first then finds its snapshot stale when it writes and fails at once ("database is locked")
    instead of waiting. Beginning write transactions with BEGIN IMMEDIATE takes the write lock before the
    first read, so writers wait their turn behind the busy timeout. synchronous=NORMAL is SQLite's
    recommended setting under WAL: a committed write survives a crash of the application; only a power cut
    or OS crash can lose the last commits. Production runs PostgreSQL.

    SQLite's busy timeout is no queue: a waiting writer sleeps and retries with growing pauses (up to
    100 ms each), so under a burst some wait far longer than the work ahead of them. Within a process,
    write transactions therefore first take one lock of the process (threads wait on it and are woken in
    turn, without polling) and only then SQLite's lock, which a handful of processes share.
    """
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with app.app_context():
        engine = db.engine
    database = engine.url.database
    files = [Path(database + suffix) for suffix in ("", "-wal", "-shm")] if database and database != ":memory:" else []
    if files:
        # Residents' data: readable by the server's own user only. SQLite gives the -wal and -shm files the
        # mode of the database file, so a file created 0600 keeps them so too.
        # A folder that is not there: SQLite says so at the first connection, as it always did.
        with contextlib.suppress(OSError):
            os.close(os.open(files[0], os.O_RDWR | os.O_CREAT, 0o600))

    @sa.event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        for path in files:
            _owner_only(path)
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    writer = app.extensions[WRITER_LOCK_KEY] = threading.Lock()
    wait_seconds = 10.0
    in_turn = bool(app.config["SQLITE_WRITER_LOCK"])

    @sa.event.listens_for(engine, "begin")
    def _begin(connection: sa.Connection) -> None:
        if not connection.get_execution_options().get(IMMEDIATE, False):
            connection.exec_driver_sql("BEGIN")
            return
        # Past the wait, BEGIN IMMEDIATE falls back on the busy timeout (and "database is locked": 503).
        if in_turn and writer.acquire(timeout=wait_seconds):
            connection.info[_HOLDS_WRITER_LOCK] = True
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(connection.info)
            raise

    def _release(info: dict[str, Any]) -> None:
        if info.pop(_HOLDS_WRITER_LOCK, False):
            writer.release()

    # The commit or rollback event comes just before the driver's; the next writer's BEGIN IMMEDIATE then
    # meets at most that last instant of it behind the busy timeout.
    @sa.event.listens_for(engine, "commit")
    def _commit(connection: sa.Connection) -> None:
        _release(connection.info)

    @sa.event.listens_for(engine, "rollback")
    def _rollback(connection: sa.Connection) -> None:
        _release(connection.info)

    @sa.event.listens_for(engine, "checkin")
    def _checkin(_dbapi_connection: Any, record: Any) -> None:
        # A connection back in the pool holds no transaction, whatever path its end took.
        _release(record.info)


def _owner_only(path: Path) -> None:
    """Take group and other permissions away from a database file made before its mode was set (0644)."""
    try:
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except FileNotFoundError:
        pass


def begin_write() -> None:
    """Start the current request's writing unit of work (call before its first read).

    Whatever the request read so far (the caller's token, say) is committed away first; nothing is pending
    then, so that commit only ends the read transaction. On PostgreSQL this changes nothing.
    """
    if db.engine.dialect.name != "sqlite":
        return
    if db.session().in_transaction():
        db.session.commit()
    db.session.connection(execution_options={IMMEDIATE: True})
