"""Request limits at the HTTP edge: per device first, per client address only as high as a carrier's NAT needs.

Mobile carriers put many subscribers behind one public address, so a crowd at a peak (a school or a market
registering together) comes from one address: per-address limits are set for such a crowd and kept for the
anonymous operations that cost a row each; a device is limited by its own token.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from flask import current_app
from flask_limiter.util import get_remote_address

from api.auth import bearer_token
from api.caching import per_request
from api.extensions import limiter
from api.services.devices import device_for_token
from api.services.tokens import DEVICE_PREFIX


def _device_token() -> str | None:
    """The bearer token when it names a registered device: a made-up token is counted on its address, or each
    request could bring a fresh token, and so a fresh counter of its own."""
    token = bearer_token()
    if not token or not token.startswith(DEVICE_PREFIX):
        return None
    known = per_request("sumbar.limited_device", lambda: device_for_token(token) is not None)
    return token if known else None


def device_key() -> str:
    """The calling device's counter, named by a digest: the limits' storage (Redis) never holds a token."""
    token = _device_token() or ""
    return "device:" + hashlib.sha256(token.encode()).hexdigest()


def _setting(name: str) -> Callable[[], str]:
    return lambda: str(current_app.config[name])


def per_device_else_address(device_setting: str, address_setting: str) -> list[Callable[[Any], Any]]:
    """View decorators: a caller with a device token is limited by `device_setting` on that device, an
    anonymous one by `address_setting` on its client address.

    One limit whose value and key follow the caller, not one limit for each kind of caller with the other
    exempt: Flask-Limiter evaluates every limit a view has on every request, in its hook and again in the view.
    """

    def limit() -> str:
        return str(current_app.config[device_setting if _device_token() is not None else address_setting])

    def key() -> str:
        return device_key() if _device_token() is not None else get_remote_address()

    return [limiter.limit(limit, key_func=key)]


def per_address(setting: str) -> Callable[[Any], Any]:
    return limiter.limit(_setting(setting), key_func=get_remote_address)
