"""Resident devices: registration and the opaque token that ties records to a device."""

from __future__ import annotations

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import Device
from api.services.tokens import DEVICE_PREFIX, hash_token, new_token


def register_device(platform: str | None = None, app_version: str | None = None) -> tuple[Device, str]:
    token = new_token(DEVICE_PREFIX)
    device = Device(token_hash=hash_token(token), platform=platform, app_version=app_version, created_at=utcnow())
    db.session.add(device)
    db.session.commit()
    return device, token


def device_for_token(token: str) -> Device | None:
    if not token.startswith(DEVICE_PREFIX):
        return None
    device: Device | None = db.session.scalar(sa.select(Device).where(Device.token_hash == hash_token(token)))
    return device
