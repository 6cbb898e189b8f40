"""The unit of work every write goes through: on SQLite it takes the write lock first, so writers queue in order."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask
from sqlalchemy.orm import ORMExecuteState, Session

from api.extensions import db
from api.writer_lock import WriterLock

IMMEDIATE = "sumbar_begin_immediate"
_HOLDS_WRITER_LOCK = "sumbar_writer_lock"
WRITER_LOCK_KEY = "sumbar.sqlite_writer"
_OPEN = "sumbar.unit_of_work"
_COMMITTING = "sumbar.unit_of_work_commits"


def init_app(app: Flask) -> None:
    """SQLite only: WAL, a busy timeout, foreign keys, and transactions begun by SQLAlchemy, not the driver.

    The driver's own transaction handling starts a deferred transaction before the first write; a request
    that read first then finds its snapshot stale when it writes and fails at once ("database is locked")
    instead of waiting. Beginning write transactions with BEGIN IMMEDIATE takes the write lock before the
    first read, so writers wait their turn behind the busy timeout. synchronous=NORMAL is SQLite's
    recommended setting under WAL: a committed write survives a crash of the application; only a power cut
    or OS crash can lose the last commits. Production runs PostgreSQL.

    SQLite's busy timeout is no queue: a waiting writer sleeps and retries with growing pauses (up to
    100 ms each), so under a burst some wait far longer than the work ahead of them, and the database stands
    idle while the next writer sleeps. Write transactions therefore first take a WriterLock (the process's
    lock, then a lock file beside the database that the server's processes share) and only then SQLite's.
    Tests and debug runs also refuse any write outside a unit of work (see check_writes).
    """
    if app.testing or app.debug:
        check_writes()
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

    lock_file = files[0].with_name(files[0].name + "-writer") if files else None
    writer = app.extensions[WRITER_LOCK_KEY] = WriterLock(lock_file)
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


def _in_turn(session: Session) -> None:
    """SQLite: end whatever the caller read so far and begin again with BEGIN IMMEDIATE (see init_app).

    The read transaction is committed, not rolled back: anything added before the unit of work is then written
    (or, with the write check on, refused) instead of silently dropped.
    """
    if db.engine.dialect.name != "sqlite":
        return
    if session.in_transaction():
        session.info[_COMMITTING] = True
        try:
            session.commit()
        finally:
            session.info.pop(_COMMITTING, None)
    session.connection(execution_options={IMMEDIATE: True})


@contextlib.contextmanager
def unit_of_work() -> Iterator[Session]:
    """The one way to write: a transaction that commits when the block ends and rolls back when it raises.

    On SQLite it takes the writer lock (the process's writer queue, then BEGIN IMMEDIATE) before the block's
    first statement, so a unit that reads before it writes never finds its snapshot stale. On PostgreSQL it is
    a plain transaction, continuing the request's reads. A unit opened inside another joins it, and the
    outermost commits. Work after the block (announcing events, sending notices) sees the committed rows.
    """
    session = db.session()
    if session.info.get(_OPEN):
        yield session
        return
    _in_turn(session)
    session.connection()
    session.info[_OPEN] = session.get_transaction()
    try:
        yield session
        session.info[_COMMITTING] = True
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.info.pop(_OPEN, None)
        session.info.pop(_COMMITTING, None)


class WriteOutsideUnitOfWork(RuntimeError):
    """A write reached the database outside `unit_of_work()`, or a unit's transaction was ended inside it."""


def check_writes() -> None:
    """Refuse, from now on in this process, every write outside a unit of work (tests and debug runs).

    Caught: a flush with changes, an INSERT/UPDATE/DELETE statement, or a commit, when no unit of work is open
    or the open unit's transaction is no longer the session's (a commit or rollback inside it would let the
    rest of the unit run without the writer lock).
    """
    session_class = db.session.session_factory.class_
    if sa.event.contains(session_class, "before_flush", _check_flush):
        return
    sa.event.listen(session_class, "before_flush", _check_flush)
    sa.event.listen(session_class, "do_orm_execute", _check_statement)
    sa.event.listen(session_class, "before_commit", _check_commit)


def _inside(session: Session) -> bool:
    opened = session.info.get(_OPEN)
    return opened is not None and opened is session.get_transaction()


def _check_flush(session: Session, _context: Any, _instances: Any) -> None:
    if (session.new or session.dirty or session.deleted) and not _inside(session):
        raise WriteOutsideUnitOfWork("a flush with changes outside unit_of_work()")


def _check_statement(state: ORMExecuteState) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and not _inside(state.session):
        kind = "INSERT" if state.is_insert else "UPDATE" if state.is_update else "DELETE"
        raise WriteOutsideUnitOfWork(f"{kind} outside unit_of_work()")


def _check_commit(session: Session) -> None:
    if not session.info.get(_COMMITTING):
        raise WriteOutsideUnitOfWork("session.commit() outside unit_of_work(): end the block instead")
