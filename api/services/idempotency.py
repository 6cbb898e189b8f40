"""Idempotency-Key handling: the first reply is stored with the records it created and replayed to retries."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from api.clock import utcnow
from api.extensions import db
from api.models import IdempotencyRecord
from api.services.exceptions import InvalidInput
from api.transactions import unit_of_work
from screening.text import bilingual

MAX_KEY_LENGTH = 200

KEY_REUSED = bilingual(
    "Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda; "
    "kirim permintaan baru dengan kunci baru.",
    "This Idempotency-Key was already used for a request with a different body; send a new request with a new key.",
)


@dataclass(frozen=True)
class Reply:
    body: dict[str, Any]
    status: int
    replayed: bool = False


def fingerprint(payload: Any) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(
            bilingual("Idempotency-Key tidak valid.", "Invalid Idempotency-Key."),
            {
                "headers": {
                    "Idempotency-Key": [
                        bilingual(
                            f"1–{MAX_KEY_LENGTH} karakter yang dapat dicetak.",
                            f"1-{MAX_KEY_LENGTH} printable characters.",
                        )
                    ]
                }
            },
        )
    return key


# Built once: a resident's every write with a key asks it.
_BY_SCOPE_AND_KEY = sa.select(IdempotencyRecord).where(
    IdempotencyRecord.scope == sa.bindparam("scope"), IdempotencyRecord.key == sa.bindparam("key")
)


def _replay(scope: str, key: str, print_: str) -> Reply | None:
    record = db.session.scalar(_BY_SCOPE_AND_KEY, {"scope": scope, "key": key})
    if record is None:
        return None
    if record.fingerprint != print_:
        raise InvalidInput(KEY_REUSED, {"headers": {"Idempotency-Key": [KEY_REUSED]}})
    return Reply(body=record.body, status=record.status_code, replayed=True)


def run_once(scope: str, key: str | None, payload: Any, create: Callable[[], tuple[dict[str, Any], int]]) -> Reply:
    """Run `create` (which adds rows but does not commit) once per (scope, key) and commit it with its reply.

    The key is bound to the body it first came with (its fingerprint): a retry with the same body replays the
    reply, the same key with another body is refused with InvalidInput (422) and replays nothing.

    Without a key, `create` simply runs and commits. Two concurrent first attempts race on the unique
    constraint; the loser rolls back and replays the winner's reply.
    """
    key = check_key(key)
    if key is None:
        with unit_of_work():
            body, status = create()
        return Reply(body=body, status=status)
    print_ = fingerprint(payload)
    try:
        with unit_of_work():
            earlier = _replay(scope, key, print_)
            if earlier is not None:
                return earlier
            body, status = create()
            db.session.add(
                IdempotencyRecord(
                    scope=scope, key=key, fingerprint=print_, status_code=status, body=body, created_at=utcnow()
                )
            )
    except IntegrityError:
        earlier = _replay(scope, key, print_)
        if earlier is None:
            raise
        return earlier
    return Reply(body=body, status=status)


def purge_idempotency_records(older_than: dt.timedelta) -> int:
    with unit_of_work():
        result = db.session.execute(
            sa.delete(IdempotencyRecord).where(IdempotencyRecord.created_at < utcnow() - older_than)
        )
    return int(getattr(result, "rowcount", 0) or 0)
