"""The console's phone notifications: going on and off duty, and this browser's subscription."""

from __future__ import annotations

import base64
import os

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask

from api.extensions import db
from api.models import PushSubscription, StaffUser
from dashboard import data
from tests.dashboard.test_console_pages import _signed_in


def subscription(endpoint: str) -> dict[str, object]:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()  # noqa: E731
    return {"endpoint": endpoint, "expirationTime": None, "keys": {"p256dh": b64(point), "auth": b64(os.urandom(16))}}


def test_an_officer_goes_on_and_off_duty_from_the_console(app: Flask) -> None:
    context = _signed_in(app)
    try:
        assert data.console_duty() is False
        assert data.console_duty(switch=True) is True
        assert db.session.scalar(sa.select(StaffUser.on_duty).where(StaffUser.username == "satgas-provinsi-all"))
        assert data.console_duty(switch=True) is False
    finally:
        context.pop()


def test_the_console_keeps_a_valid_subscription_for_the_officer_and_refuses_others(app: Flask) -> None:
    context = _signed_in(app)
    try:
        assert data.console_push_subscription(subscription("https://fcm.googleapis.com/fcm/send/abc")) is True
        assert data.console_push_subscription(subscription("https://evil.example/push")) is False
        assert data.console_push_subscription({"endpoint": "https://fcm.googleapis.com/x"}) is False
        assert data.console_push_subscription("not json") is False
        endpoints = db.session.scalars(sa.select(PushSubscription.endpoint)).all()
        assert endpoints == ["https://fcm.googleapis.com/fcm/send/abc"]
    finally:
        context.pop()
