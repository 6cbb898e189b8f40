"""SQLite writers of one process queue on the process's writer lock, which every end of a transaction frees."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.transactions import WRITER_LOCK_KEY, begin_write
from tests.factories import device_headers


@pytest.fixture
def writer(app: Flask) -> threading.Lock:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("the writer lock is SQLite's")
    lock: threading.Lock = app.extensions[WRITER_LOCK_KEY]
    return lock


def test_a_write_holds_the_lock_until_commit_or_rollback(writer: threading.Lock) -> None:
    begin_write()
    assert writer.locked()
    db.session.commit()
    assert not writer.locked()
    begin_write()
    assert writer.locked()
    db.session.rollback()
    assert not writer.locked()
    begin_write()
    db.session.remove()
    assert not writer.locked()


def test_reads_do_not_take_the_lock(writer: threading.Lock) -> None:
    db.session.execute(sa.text("SELECT 1"))
    assert not writer.locked()
    db.session.rollback()


def test_refused_and_failed_requests_free_the_lock(client: FlaskClient, writer: threading.Lock) -> None:
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


def test_a_second_writer_waits_for_the_first_to_commit(app: Flask, writer: threading.Lock) -> None:
    order: list[str] = []
    first_in = threading.Event()

    def second() -> None:
        with app.app_context():
            first_in.wait(timeout=10)
            begin_write()
            order.append("second began")
            db.session.commit()

    thread = threading.Thread(target=second)
    thread.start()
    begin_write()
    first_in.set()
    # The second writer cannot begin while this transaction is open, however long it stays open.
    time.sleep(0.2)
    order.append("first committing")
    db.session.commit()
    thread.join(timeout=10)
    assert order == ["first committing", "second began"]
