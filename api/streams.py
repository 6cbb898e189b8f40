"""The live alert stream (Server-Sent Events): events in the caller's scope, for as long as the caller may see them."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterator

from flask import current_app

from api import events
from api.extensions import db


def event_stream(last_id: int, regions: Collection[str] | None, still_allowed: Callable[[], bool]) -> Iterator[str]:
    """Events after `last_id` as they happen, until SUMBAR_STREAM_MAX_SECONDS pass (the client then resumes).

    `still_allowed` is asked again every SUMBAR_STREAM_RECHECK_SECONDS: a stream ends as soon as its token
    expires or is revoked, or its account is disabled.
    """
    config = current_app.config
    started = time.monotonic()
    deadline = started + float(config["STREAM_MAX_SECONDS"])
    keepalive = float(config["STREAM_KEEPALIVE_SECONDS"])
    recheck = float(config["STREAM_RECHECK_SECONDS"])
    waiter = events.make_waiter()
    try:
        yield "retry: 2000\n\n"
        quiet_since = checked_at = time.monotonic()
        while time.monotonic() < deadline:
            if time.monotonic() - checked_at >= recheck:
                allowed = still_allowed()
                # End the check's read transaction: a stream may stay open for minutes and must not hold a
                # pooled connection all that time.
                db.session.rollback()
                if not allowed:
                    yield 'event: closed\ndata: {"reason": "unauthorized"}\n\n'
                    return
                checked_at = time.monotonic()
            batch = events.events_after(last_id, regions)
            for event_id, kind, payload in batch:
                last_id = event_id
                yield f"id: {event_id}\nevent: {kind}\ndata: {json.dumps(payload)}\n\n"
            if batch:
                quiet_since = time.monotonic()
                continue
            if time.monotonic() - quiet_since >= keepalive:
                yield ": keepalive\n\n"
                quiet_since = time.monotonic()
            waiter.wait(min(keepalive, recheck, max(0.0, deadline - time.monotonic())))
    finally:
        waiter.close()
