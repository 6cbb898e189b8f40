"""Opaque bearer tokens: random, shown once, stored only as a SHA-256 hash."""

from __future__ import annotations

import hashlib
import secrets

STAFF_PREFIX = "sst_"
DEVICE_PREFIX = "sdv_"


def new_token(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # The token has 256 bits of entropy, so a fast hash is enough; passwords get argon2 instead.
    return hashlib.sha256(token.encode()).hexdigest()
