"""Web Push subscriptions of residents' devices and officers' browsers, and officers going on and off duty."""

from __future__ import annotations

import base64
import binascii
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Device, PushSubscription, StaffUser
from api.push_services import allowed, push_services
from api.services.exceptions import InvalidInput, NotFound
from api.transactions import unit_of_work
from screening.text import bilingual

INVALID = bilingual("Langganan notifikasi tidak valid.", "Invalid push subscription.")
NOT_FOUND = bilingual("Langganan notifikasi tidak ditemukan.", "Push subscription not found.")
AUTH_BYTES = 16


def _invalid(field: str, id_text: str, en_text: str) -> InvalidInput:
    return InvalidInput(INVALID, {"json": {field: [bilingual(id_text, en_text)]}})


def _b64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def check_subscription(data: dict[str, Any]) -> tuple[str, str, str]:
    """The endpoint and keys of a browser's PushSubscription JSON, or InvalidInput naming the field at fault."""
    endpoint, keys = str(data["endpoint"]), data["keys"]
    if not allowed(endpoint, push_services(current_app.config)):
        raise _invalid(
            "endpoint",
            "Alamat ini bukan layanan push yang dikenal server.",
            "This address is not a push service the server knows.",
        )
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64url(keys["p256dh"]))
    except (ValueError, binascii.Error):
        raise _invalid(
            "keys.p256dh",
            "Bukan kunci publik P-256 (titik tak terkompresi, base64url).",
            "Not a P-256 public key (uncompressed point, base64url).",
        ) from None
    try:
        secret = _b64url(keys["auth"])
    except (ValueError, binascii.Error):
        secret = b""
    if len(secret) != AUTH_BYTES:
        raise _invalid(
            "keys.auth", "Rahasia auth harus 16 bita (base64url).", "The auth secret must be 16 bytes (base64url)."
        )
    return endpoint, keys["p256dh"], keys["auth"]


def _store(endpoint: str, p256dh: str, auth: str, **owner: Any) -> PushSubscription:
    """The subscription for this endpoint, now this owner's (a browser that moved to another account or device
    keeps one endpoint: the last to register it is the one told)."""
    row = db.session.scalar(sa.select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if row is None:
        row = PushSubscription(endpoint=endpoint, created_at=utcnow())
        db.session.add(row)
    row.p256dh, row.auth = p256dh, auth
    row.device_id, row.staff_id = owner.get("device_id"), owner.get("staff_id")
    return row


@unit_of_work()
def subscribe_device(device: Device, data: dict[str, Any]) -> PushSubscription:
    """A device has one subscription: a new one replaces the old."""
    endpoint, p256dh, auth = check_subscription(data)
    db.session.execute(
        sa.delete(PushSubscription).where(
            PushSubscription.device_id == device.id, PushSubscription.endpoint != endpoint
        )
    )
    row = _store(endpoint, p256dh, auth, device_id=device.id)
    db.session.flush()
    return row


@unit_of_work()
def unsubscribe_device(device: Device) -> None:
    db.session.execute(sa.delete(PushSubscription).where(PushSubscription.device_id == device.id))


@unit_of_work()
def subscribe_staff(staff: StaffUser, data: dict[str, Any]) -> PushSubscription:
    endpoint, p256dh, auth = check_subscription(data)
    row = _store(endpoint, p256dh, auth, staff_id=staff.id)
    db.session.flush()
    return row


def staff_subscriptions(staff: StaffUser) -> list[PushSubscription]:
    query = sa.select(PushSubscription).where(PushSubscription.staff_id == staff.id).order_by(PushSubscription.id)
    return list(db.session.scalars(query))


@unit_of_work()
def unsubscribe_staff(staff: StaffUser, subscription_id: int) -> None:
    result = db.session.execute(
        sa.delete(PushSubscription).where(PushSubscription.id == subscription_id, PushSubscription.staff_id == staff.id)
    )
    if not getattr(result, "rowcount", 0):
        raise NotFound(NOT_FOUND)


@unit_of_work()
def set_on_duty(staff: StaffUser, on_duty: bool) -> StaffUser:
    user = db.session.get(StaffUser, staff.id, populate_existing=True)
    if user is None:
        raise NotFound(bilingual("Akun tidak ditemukan.", "Account not found."))
    user.on_duty = on_duty
    return user


def remove_subscription(subscription_id: int) -> None:
    """In the caller's transaction: the push service said this subscription is gone (404/410)."""
    db.session.execute(sa.delete(PushSubscription).where(PushSubscription.id == subscription_id))
