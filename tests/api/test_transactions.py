"""SQLite writers queue on the writer lock (the process's, then a lock file the processes share), which every end of a
transaction frees."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import threading
import time
import uuid

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import LiveStream, StaffUser
from api.services.isolation_monitoring import flag_silent_episodes
from api.transactions import WRITER_LOCK_KEY, WriteOutsideUnitOfWork, unit_of_work
from api.writer_lock import WriterLock
from tests.factories import device_headers, staff


@pytest.fixture
def writer(app: Flask) -> WriterLock:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the writer lock is SQLite's")
    lock: WriterLock = app.extensions[WRITER_LOCK_KEY]
    return lock


def test_a_write_holds_the_lock_until_commit_or_rollback(writer: WriterLock) -> None:
    with unit_of_work():
        assert writer.locked()
    assert not writer.locked()

    def failing() -> None:
        with unit_of_work():
            assert writer.locked()
            raise LookupError

    with pytest.raises(LookupError):
        failing()
    assert not writer.locked()
    work = unit_of_work()
    work.__enter__()
    db.session.remove()
    assert not writer.locked()


def test_reads_do_not_take_the_lock(writer: WriterLock) -> None:
    db.session.execute(sa.text("SELECT 1"))
    assert not writer.locked()
    db.session.rollback()


def test_refused_and_failed_requests_free_the_lock(client: FlaskClient, writer: WriterLock) -> None:
    assert client.post("/api/v1/alerts", json={"category": "nope"}, headers=device_headers()).status_code == 422
    assert not writer.locked()
    headers = device_headers()
    # Refused by the service, inside its write transaction.
    checkin = {"measured_at": "2026-11-29T08:00:00+07:00", "spo2": 97}
    assert client.post(f"/api/v1/isolations/{uuid.uuid4()}/checkins", json=checkin, headers=headers).status_code == 404
    assert not writer.locked()
    assert (
        client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=headers).status_code
        == 201
    )
    assert not writer.locked()


def test_a_second_writer_waits_for_the_first_to_commit(app: Flask, writer: WriterLock) -> None:
    order: list[str] = []
    first_in = threading.Event()

    def second() -> None:
        with app.app_context():
            first_in.wait(timeout=10)
            with unit_of_work():
                order.append("second began")

    thread = threading.Thread(target=second)
    thread.start()
    with unit_of_work():
        first_in.set()
        # The second writer cannot begin while this transaction is open, however long it stays open.
        time.sleep(0.2)
        order.append("first committing")
    thread.join(timeout=10)
    assert order == ["first committing", "second began"]


def test_a_writer_waits_for_another_process_holding_the_lock_file(app: Flask, writer: WriterLock) -> None:
    # Another open of the lock file is another holder, as another process would be (flock locks an open file).
    other = os.open(db.engine.url.database + "-writer", os.O_RDWR)
    order: list[str] = []
    fcntl.flock(other, fcntl.LOCK_EX)

    def write() -> None:
        with app.app_context(), unit_of_work():
            order.append("writer began")

    thread = threading.Thread(target=write)
    try:
        thread.start()
        time.sleep(0.2)
        order.append("other process done")
    finally:
        fcntl.flock(other, fcntl.LOCK_UN)
        os.close(other)
    thread.join(timeout=10)
    assert order == ["other process done", "writer began"]
    assert not writer.locked()


def test_a_write_outside_a_unit_of_work_is_refused(app: Flask) -> None:
    user = staff(username="rina")
    user.is_active = False
    with pytest.raises(WriteOutsideUnitOfWork):
        db.session.flush()
    db.session.rollback()
    with pytest.raises(WriteOutsideUnitOfWork):
        db.session.execute(sa.update(StaffUser).values(is_active=False))
    db.session.rollback()
    assert db.session.get(StaffUser, user.id).is_active  # type: ignore[union-attr]


def test_a_unit_of_work_is_ended_by_its_block_only(app: Flask) -> None:
    with pytest.raises(WriteOutsideUnitOfWork), unit_of_work():
        db.session.commit()

    def rolled_back_inside() -> None:
        with unit_of_work():
            db.session.rollback()
            # The rest would run in a new transaction, without the writer lock.
            db.session.execute(sa.delete(LiveStream))

    with pytest.raises(WriteOutsideUnitOfWork):
        rolled_back_inside()


def test_a_unit_inside_another_joins_it(app: Flask) -> None:
    def inner_then_failing() -> None:
        with unit_of_work():
            with unit_of_work():
                staff(username="rina")
            raise LookupError

    with pytest.raises(LookupError):
        inner_then_failing()
    assert db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "rina")) is None


def test_a_monitoring_run_writes_every_episode_under_the_writer_lock(
    app: Flask, client: FlaskClient, writer: WriterLock
) -> None:
    started = dt.datetime(2021, 7, 8, 2, 0, tzinfo=dt.UTC)
    app.config["CLOCK"] = lambda: started
    headers = device_headers()
    body = {"reason": "confirmed_symptomatic", "start_date": "2021-07-07", "region": "13.71"}
    for _ in range(3):
        assert client.post("/api/v1/isolations", json=body, headers=headers).status_code == 201
    app.config["CLOCK"] = lambda: started + dt.timedelta(hours=30)
    locked_at_flush: list[bool] = []

    def record(_session: object, _context: object, _instances: object) -> None:
        locked_at_flush.append(writer.locked())

    session_class = db.session.session_factory.class_
    sa.event.listen(session_class, "before_flush", record)
    try:
        assert flag_silent_episodes() == {"silent": 3, "escalated": 0}
    finally:
        sa.event.remove(session_class, "before_flush", record)
    assert len(locked_at_flush) >= 3
    assert all(locked_at_flush)
