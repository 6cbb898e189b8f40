"""The live alert stream (Server-Sent Events): events in the caller's scope, for as long as the caller may see them,
within caps that keep request threads free for residents (streams per process, streams per staff account)."""

from __future__ import annotations

import datetime as dt
import json
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app

from api import events
from api.clock import utcnow
from api.extensions import db
from api.models import LiveStream, StaffUser
from api.services.exceptions import TooManyRequests
from api.transactions import unit_of_work
from screening.text import bilingual

_SLOTS_KEY = "sumbar.stream_slots"
# Seconds a refused stream is told to wait before reconnecting (EventSource retries by itself).
RETRY_SECONDS = 10
# How often a waiting stream looks whether its client has hung up (a poll of its socket).
HANGUP_CHECK_SECONDS = 1.0


class StreamsFull(Exception):
    """This process serves as many streams as it may; the client should reconnect (to another process)."""


def init_app(app: Flask) -> None:
    app.extensions[_SLOTS_KEY] = threading.BoundedSemaphore(max(1, int(app.config["STREAMS_PER_WORKER"])))


def _alive_since(now: dt.datetime) -> dt.datetime:
    # A stream refreshes its row at every check of its caller; two missed checks mean its process is gone.
    return now - dt.timedelta(seconds=2 * float(current_app.config["STREAM_RECHECK_SECONDS"]) + 5)


def listening() -> sa.ColumnElement[bool]:
    """A condition on StaffUser: the account has a live stream open now (a console tab that is listening)."""
    alive = _alive_since(utcnow())
    return sa.exists().where(LiveStream.staff_id == StaffUser.id, LiveStream.seen_at > alive)


def open_stream(user: StaffUser) -> uuid.UUID:
    """Take one of this process's stream slots and record the stream for the account's cap.

    Raises StreamsFull (no slot here) or TooManyRequests (the account has SUMBAR_STREAMS_PER_ACCOUNT open).
    """
    slots: threading.BoundedSemaphore = current_app.extensions[_SLOTS_KEY]
    if not slots.acquire(blocking=False):
        raise StreamsFull
    try:
        return _record_stream(user.id)
    except BaseException:
        slots.release()
        raise


@unit_of_work()
def _record_stream(user_id: int) -> uuid.UUID:
    now = utcnow()
    open_now = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(LiveStream)
        .where(LiveStream.staff_id == user_id, LiveStream.seen_at > _alive_since(now))
    )
    if int(open_now or 0) >= int(current_app.config["STREAMS_PER_ACCOUNT"]):
        raise TooManyRequests(
            bilingual(
                "Akun ini sudah membuka terlalu banyak siaran langsung. Tutup tab konsol yang lain.",
                "This account has too many live streams open. Close the other console tabs.",
            ),
            retry_after=RETRY_SECONDS,
        )
    stream_id = uuid.uuid4()
    db.session.add(LiveStream(id=stream_id, staff_id=user_id, opened_at=now, seen_at=now))
    return stream_id


def _hung_up_while_waiting(waiter: events.Waiter, seconds: float, hung_up: Callable[[], bool]) -> bool:
    """Wait up to `seconds` for an announcement, looking every HANGUP_CHECK_SECONDS whether the client has gone."""
    until = time.monotonic() + seconds
    while not hung_up():
        left = until - time.monotonic()
        if left <= 0 or waiter.wait(min(left, HANGUP_CHECK_SECONDS)):
            return False
    return True


def _close_stream(stream_id: uuid.UUID) -> None:
    current_app.extensions[_SLOTS_KEY].release()
    try:
        with unit_of_work():
            db.session.execute(sa.delete(LiveStream).where(LiveStream.id == stream_id))
    except sa.exc.SQLAlchemyError:
        # The row ages out by itself (seen_at); a failed clean-up must not break the closing stream.
        pass


def hangup_check(environ: Mapping[str, Any]) -> Callable[[], bool]:
    """Whether the stream's client has closed its connection (gunicorn hands the app the socket; under a server that
    does not, a hang-up is found only when a write fails).

    Asked of the socket itself, never by reading from it: its end (a FIN, which a client that only shuts its sending
    side also sends: taken as gone, as no browser or proxy does that on a stream), a reset or an error. Data that
    arrives (a pipelined request, a TLS or HTTP/2 frame from a client still there) is no hang-up.
    """
    client = environ.get("gunicorn.socket")
    if not isinstance(client, socket.socket):
        return lambda: False
    # poll, not select: a busy worker's sockets can be numbered past select's limit (1024).
    poller = select.poll()
    poller.register(client, _GONE)

    def hung_up() -> bool:
        return any(events & _GONE for _fd, events in poller.poll(0))

    return hung_up


# The peer closed its side, hung up, or the socket failed (POLLHUP and POLLERR are reported whatever is asked for).
_GONE = select.POLLRDHUP | select.POLLHUP | select.POLLERR


def event_stream(
    stream_id: uuid.UUID,
    last_id: int,
    regions: Collection[str] | None,
    still_allowed: Callable[[], bool],
    hung_up: Callable[[], bool] = lambda: False,
) -> Iterator[str]:
    """Events after `last_id` as they happen, until SUMBAR_STREAM_MAX_SECONDS pass (the client then resumes).

    `still_allowed` is asked again every SUMBAR_STREAM_RECHECK_SECONDS and before every batch of events: a stream
    ends as soon as its token expires or is revoked, or its account is disabled, and delivers nothing after that.
    `hung_up` is asked every HANGUP_CHECK_SECONDS while the stream waits: a closed console tab gives its slot back
    then, not at the second keep-alive written to nobody (the first is taken by the kernel), up to 30 s later,
    while its officer, reloading, met "too many live streams". The stream's slot and record go when it ends.
    """
    config = current_app.config
    deadline = time.monotonic() + float(config["STREAM_MAX_SECONDS"])
    keepalive = float(config["STREAM_KEEPALIVE_SECONDS"])
    recheck = float(config["STREAM_RECHECK_SECONDS"])
    waiter = events.make_waiter()
    try:
        yield f"retry: {RETRY_SECONDS * 200}\n\n"
        quiet_since = checked_at = time.monotonic()
        while time.monotonic() < deadline:
            batch = events.events_after(last_id, regions)
            due = time.monotonic() - checked_at >= recheck
            if batch or due:
                allowed = still_allowed()
                if allowed and due:  # the record's heartbeat: a write, so only every recheck interval
                    with unit_of_work():
                        db.session.execute(
                            sa.update(LiveStream).where(LiveStream.id == stream_id).values(seen_at=utcnow())
                        )
                    checked_at = time.monotonic()
                else:
                    # End the check's read transaction: a stream may stay open for minutes and must not hold
                    # a pooled connection all that time.
                    db.session.rollback()
                if not allowed:
                    yield 'event: closed\ndata: {"reason": "unauthorized"}\n\n'
                    return
            for event_id, kind, payload in batch:
                last_id = event_id
                yield f"id: {event_id}\nevent: {kind}\ndata: {json.dumps(payload)}\n\n"
            if batch:
                quiet_since = time.monotonic()
                continue
            if time.monotonic() - quiet_since >= keepalive:
                yield ": keepalive\n\n"
                quiet_since = time.monotonic()
            if _hung_up_while_waiting(waiter, min(keepalive, recheck, deadline - time.monotonic()), hung_up):
                return
    finally:
        waiter.close()
        _close_stream(stream_id)
