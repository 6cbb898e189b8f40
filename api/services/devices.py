"""Resident devices: registration and the opaque token that ties records to a device."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Device
from api.services.tokens import DEVICE_PREFIX, hash_token, new_token
from api.transactions import unit_of_work

# A token's last use is written at most this often (one small write a day per active phone).
LAST_USE_PRECISION = dt.timedelta(days=1)
# Built once: every resident request looks its device up, and building the statement cost as much as running it.
_BY_TOKEN_HASH = sa.select(Device).where(Device.token_hash == sa.bindparam("token_hash"))


def register_device(
    platform: str | None = None, app_version: str | None = None, privacy_notice_version: str | None = None
) -> tuple[Device, str]:
    token = new_token(DEVICE_PREFIX)
    with unit_of_work():
        now = utcnow()
        device = Device(
            token_hash=hash_token(token),
            platform=platform,
            app_version=app_version,
            privacy_notice_version=privacy_notice_version,
            created_at=now,
            last_used_at=now,
        )
        db.session.add(device)
    return device, token


def device_for_token(token: str) -> Device | None:
    """The device behind a token, unless the token went unused for SUMBAR_DEVICE_TOKEN_IDLE_DAYS."""
    if not token.startswith(DEVICE_PREFIX):
        return None
    device: Device | None = db.session.scalar(_BY_TOKEN_HASH, {"token_hash": hash_token(token)})
    if device is None:
        return None
    now = utcnow()
    last_used = device.last_used_at or device.created_at
    if now - last_used > dt.timedelta(days=float(current_app.config["DEVICE_TOKEN_IDLE_DAYS"])):
        return None
    if now - last_used > LAST_USE_PRECISION:
        device_id = device.id
        with unit_of_work():
            db.session.execute(sa.update(Device).where(Device.id == device_id).values(last_used_at=now))
    return device
