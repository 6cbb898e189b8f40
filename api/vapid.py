"""The server's VAPID key pair (RFC 8292), which signs every Web Push request: from settings or made once."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from flask import Flask, current_app
from py_vapid import Vapid02
from py_vapid.utils import b64urlencode

KEY_FILE = "vapid_private_key.pem"
EXTENSION = "sumbar.vapid"
# Used while SUMBAR_VAPID_SUBJECT is unset; push services such as Apple's refuse it, so production sets one.
DEVELOPMENT_SUBJECT = "mailto:webmaster@localhost"


def vapid_key(app: Flask | None = None) -> Vapid02:
    """SUMBAR_VAPID_PRIVATE_KEY (base64url raw or DER, or PEM), else instance/vapid_private_key.pem, made on first
    use readable by its owner only. Every machine that sends pushes must use the same key (set it there)."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    cached: Vapid02 | None = app.extensions.get(EXTENSION)
    if cached is not None:
        return cached
    configured = app.config.get("VAPID_PRIVATE_KEY")
    if configured:
        text = str(configured).strip()
        key = Vapid02.from_pem(text.encode()) if text.startswith("-----") else Vapid02.from_string(text)
    else:
        key = _instance_key(Path(app.instance_path) / KEY_FILE)
    app.extensions[EXTENSION] = key
    return key


def _instance_key(path: Path) -> Vapid02:
    os.makedirs(path.parent, exist_ok=True)
    try:
        # O_EXCL: of two processes starting at once, one writes the key and the other reads it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):
            pem = path.read_bytes()
            if pem.strip():
                return Vapid02.from_pem(pem)
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it, or set SUMBAR_VAPID_PRIVATE_KEY") from None
    key = Vapid02()
    key.generate_keys()
    with os.fdopen(fd, "wb") as handle:
        handle.write(key.private_pem())
    return key


def public_key(key: Vapid02) -> str:
    """The public key as browsers take it for applicationServerKey: the uncompressed P-256 point, base64url."""
    raw = key.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return str(b64urlencode(raw))


def subject() -> str:
    return str(current_app.config.get("VAPID_SUBJECT") or DEVELOPMENT_SUBJECT)
