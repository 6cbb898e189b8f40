"""Notifications per second through the outbox to a local receiver, beside the receiver's own floor.

The floor is the same number of POSTs of the same JSON sent straight to the receiver, one after another, as
the dispatcher sends them. The outbox adds, per notification: the row written with its event (here in
batches of 100, as many events would), the claim, the attempt row and the status update; Web Push adds the
payload's encryption and the VAPID signature.
"""

from __future__ import annotations

import json
import secrets
import tempfile
import time
import urllib.request
from typing import Any

from py_vapid import Vapid02

from scripts.receiver import Receiver

COUNT = 1000


def _floor(url: str, count: int) -> float:
    body = json.dumps({"id": 1, "kind": "alert_created", "payload": {"alert": "0" * 36, "region": "13.71"}}).encode()
    started = time.perf_counter()
    for _ in range(count):
        request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=5) as reply:
            reply.read()
    return count / (time.perf_counter() - started)


def _through_outbox(database_url: str, receiver: Receiver, channel: str, count: int) -> float:
    from api import create_app
    from api.extensions import db
    from api.models import PushSubscription
    from api.services.dispatcher import dispatch_due
    from api.services.outbox import enqueue
    from api.transactions import unit_of_work
    from scripts.bench import prepare_database

    prepare_database(database_url)
    key = Vapid02()
    key.generate_keys()
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "NOTIFIERS": "webhook",
            "NOTIFY_WEBHOOK_URL": receiver.url,
            "PUSH_SERVICES": receiver.url,
            "VAPID_PRIVATE_KEY": key.private_pem().decode(),
            "VAPID_SUBJECT": "mailto:bench@localhost",
        }
    )
    with app.app_context():
        recipient = "ops"
        if channel == "webpush":
            browser = Vapid02()
            browser.generate_keys()
            point = browser.public_key.public_bytes(*_uncompressed())
            officer = _bench_staff()
            with unit_of_work():
                subscription = PushSubscription(
                    endpoint=f"{receiver.url}/push/bench",
                    p256dh=_b64(point),
                    auth=_b64(secrets.token_bytes(16)),
                    device_id=None,
                    staff_id=officer,
                    created_at=_now(),
                )
                db.session.add(subscription)
                db.session.flush()
                recipient = str(subscription.id)
        started = time.perf_counter()
        for start in range(0, count, 100):
            with unit_of_work():
                for n in range(start, min(count, start + 100)):
                    payload = {"kind": "alert_created", "alert": f"{n:036d}", "url": "/satgas"}
                    enqueue("alert_created", payload, channel=channel, recipient=recipient)
        sent = 0
        while sent < count:
            sent += dispatch_due()["sent"]
        rate = count / (time.perf_counter() - started)
        db.engine.dispose()
    return rate


def _uncompressed() -> tuple[Any, Any]:
    from cryptography.hazmat.primitives import serialization

    return serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _now() -> Any:
    from api.clock import utcnow

    return utcnow()


def _bench_staff() -> int:
    from api.services.accounts import create_staff_user

    return create_staff_user("bench-officer", "satgas_provinsi", secrets.token_urlsafe(24), None).id


def run(postgres_url: str | None = None, count: int = COUNT) -> list[dict[str, Any]]:
    results = []
    with Receiver() as receiver:
        floor = _floor(receiver.url, count)
        databases: list[tuple[str, str | None]] = [("sqlite", None)]
        if postgres_url:
            databases.append(("postgresql", postgres_url))
        for name, url in databases:
            for channel in ("webhook", "webpush"):
                with tempfile.TemporaryDirectory() as tmp:
                    if url is not None:
                        from scripts.bench import reset_postgres

                        reset_postgres(url)
                    database_url = url or f"sqlite:///{tmp}/notify.sqlite3"
                    rate = _through_outbox(database_url, receiver, channel, count)
                results.append(
                    {
                        "database": name,
                        "channel": channel,
                        "notifications": count,
                        "per_second": round(rate, 1),
                        "floor_per_second": round(floor, 1),
                        "ratio": round(rate / floor, 3),
                    }
                )
    return results


def report(results: list[dict[str, Any]]) -> str:
    lines = ["notify: notifications per second through the outbox beside direct POSTs to the same receiver"]
    for r in results:
        lines.append(
            f"  {r['database']:<10} {r['channel']:<8} {r['per_second']:>8.1f}/s  floor {r['floor_per_second']:>8.1f}/s"
            f"  ratio {r['ratio']:.3f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(run()))
