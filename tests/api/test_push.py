"""Web Push through a local push service: encrypted for the subscription, signed with VAPID, delivered once."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import http_ece
import pytest
import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from flask import Flask
from flask.testing import FlaskClient
from py_vapid import Vapid02

from api import create_app
from api.extensions import db
from api.models import NotificationAttempt, PushSubscription
from api.push_services import DEFAULT_PUSH_SERVICES, allowed
from api.services.dispatcher import dispatch_due
from api.services.outbox import enqueue
from api.transactions import unit_of_work
from api.vapid import _instance_key, public_key
from scripts.receiver import Received, Receiver
from tests.factories import device_headers, staff, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Browser:
    """A browser's side of a subscription: its own key pair and auth secret, and the endpoint it was given."""

    def __init__(self, service: str, name: str) -> None:
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.endpoint = f"{service}/push/{name}"
        self.path = f"/push/{name}"

    def subscription(self) -> dict[str, Any]:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": b64url(point), "auth": b64url(self.auth)},
        }

    def read(self, request: Received) -> dict[str, Any]:
        assert request.headers["content-encoding"] == "aes128gcm"
        plain = http_ece.decrypt(request.body, private_key=self.private_key, auth_secret=self.auth, version="aes128gcm")
        message: dict[str, Any] = json.loads(plain)
        return message


@pytest.fixture
def service(app: Flask) -> Iterator[Receiver]:
    """A local push service; the server's VAPID key is made for the test."""
    key = Vapid02()
    key.generate_keys()
    with Receiver() as receiver:
        app.config.update(
            PUSH_SERVICES=receiver.url,
            NOTIFIERS="",
            VAPID_PRIVATE_KEY=key.private_pem().decode(),
            VAPID_SUBJECT="mailto:satgas@sumbarprov.go.id",
            CLOCK=lambda: NOW,
        )
        yield receiver


def at(app: Flask, moment: dt.datetime) -> None:
    app.config["CLOCK"] = lambda: moment


def to(receiver: Receiver, browser: Browser) -> list[Received]:
    return [request for request in receiver.received if request.path == browser.path]


def vapid_claims(client: FlaskClient, request: Received, receiver: Receiver) -> dict[str, Any]:
    """The VAPID token's claims, once its signature is checked against the key the server publishes."""
    published = client.get("/api/v1/push/vapid-public-key").get_json()["public_key"]
    scheme, _, params = request.headers["authorization"].partition(" ")
    fields = dict(part.split("=", 1) for part in params.split(","))
    assert (scheme, fields["k"]) == ("vapid", published)
    assert Vapid02.verify(request.headers["authorization"])
    claims: dict[str, Any] = json.loads(unb64url(fields["t"].split(".")[1]))
    assert claims["aud"] == receiver.url
    assert claims["sub"] == "mailto:satgas@sumbarprov.go.id"
    return claims


def subscribe_device(client: FlaskClient, browser: Browser) -> dict[str, str]:
    headers = device_headers()
    reply = client.put("/api/v1/devices/me/push-subscription", json=browser.subscription(), headers=headers)
    assert reply.status_code == 200, reply.get_json()
    return headers


def officer(
    client: FlaskClient, browser: Browser, role: str, region: str | None = None, *, on_duty: bool = True
) -> dict[str, str]:
    headers = staff_headers(role, region)
    assert (
        client.post("/api/v1/auth/me/push-subscriptions", json=browser.subscription(), headers=headers).status_code
        == 201
    )
    assert (
        client.put("/api/v1/auth/me/duty", json={"on_duty": on_duty}, headers=headers).get_json()["on_duty"] is on_duty
    )
    return headers


def test_the_public_key_is_an_uncompressed_p256_point(client: FlaskClient, service: Receiver) -> None:
    key = unb64url(client.get("/api/v1/push/vapid-public-key").get_json()["public_key"])
    assert (len(key), key[0]) == (65, 4)
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)


def test_a_key_made_once_is_kept_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "instance" / "vapid_private_key.pem"
    first = _instance_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert public_key(_instance_key(path)) == public_key(first)


@pytest.mark.parametrize(
    ("endpoint", "ok"),
    [
        ("https://fcm.googleapis.com/fcm/send/abc", True),
        ("https://updates.push.services.mozilla.com/wpush/v2/abc", True),
        ("https://wns2-par02p.notify.windows.com/w/?token=abc", True),
        ("https://web.push.apple.com/QGm", True),
        ("https://fcm.googleapis.com.evil.example/x", False),
        ("https://notify.windows.com/w", False),
        ("https://evilnotify.windows.com/w", False),
        ("http://fcm.googleapis.com/fcm/send/abc", False),
        ("https://fcm.googleapis.com:8443/fcm/send/abc", False),
        ("https://user@fcm.googleapis.com/fcm/send/abc", False),
        ("http://127.0.0.1:8080/push", False),
        ("https://169.254.169.254/latest", False),
        ("file:///etc/passwd", False),
        ("https://[::1/x", False),
    ],
)
def test_only_the_push_services_on_the_allow_list_are_accepted(endpoint: str, ok: bool) -> None:
    assert allowed(endpoint, list(DEFAULT_PUSH_SERVICES)) is ok


def test_a_local_receiver_is_allowed_only_when_listed() -> None:
    assert allowed("http://127.0.0.1:8080/push/a", ["http://127.0.0.1:8080"])
    assert not allowed("http://127.0.0.1:8081/push/a", ["http://127.0.0.1:8080"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"endpoint": "https://example.org/push"}, "endpoint"),
        ({"keys": {"p256dh": b64url(b"\x04" + b"\x01" * 64), "auth": b64url(b"a" * 16)}}, "keys.p256dh"),
        ({"keys": {"p256dh": "not base64 !", "auth": b64url(b"a" * 16)}}, "keys.p256dh"),
        ({"keys": {"p256dh": None, "auth": b64url(b"a" * 8)}}, "keys.auth"),
    ],
)
def test_a_bad_subscription_gets_422_naming_the_field_and_stores_nothing(
    client: FlaskClient, service: Receiver, change: dict[str, Any], field: str
) -> None:
    body = {**Browser(service.url, "a").subscription(), **change}
    if body["keys"]["p256dh"] is None:
        body["keys"]["p256dh"] = Browser(service.url, "b").subscription()["keys"]["p256dh"]
    reply = client.put(
        "/api/v1/devices/me/push-subscription", json=body, headers={**device_headers(), "Accept-Language": "en"}
    )
    assert reply.status_code == 422
    assert list(reply.get_json()["errors"]["json"]) == [field]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PushSubscription)) == 0


def test_a_subscription_missing_its_keys_gets_422_in_indonesian_by_default(client: FlaskClient) -> None:
    reply = client.put(
        "/api/v1/devices/me/push-subscription",
        json={"endpoint": "https://fcm.googleapis.com/x"},
        headers=device_headers(),
    )
    assert reply.status_code == 422
    assert "keys" in reply.get_json()["errors"]["json"]


def test_a_reminder_arrives_once_encrypted_for_the_device_and_signed_with_the_published_key(
    app: Flask, client: FlaskClient, service: Receiver
) -> None:
    from api.services.isolation_monitoring import send_checkin_reminders

    browser = Browser(service.url, "resident")
    headers = subscribe_device(client, browser)
    body = {"reason": "confirmed_asymptomatic", "start_date": "2021-07-07", "region": "13.71", "name": "Rina"}
    episode = client.post("/api/v1/isolations", json=body, headers=headers).get_json()["id"]
    at(app, NOW + dt.timedelta(hours=12))
    assert send_checkin_reminders() == 1
    assert dispatch_due()["sent"] == 1
    assert dispatch_due()["sent"] == 0
    [request] = to(service, browser)
    message = browser.read(request)
    assert message["kind"] == "checkin_reminder"
    assert (message["episode"], message["url"]) == (episode, "/app#/checkin")
    assert message["title"]["en"] == "Time for your daily isolation check-in"
    assert "Rina" not in json.dumps(message)
    claims = vapid_claims(client, request, service)
    assert 0 < claims["exp"] - int(dt.datetime.now(dt.UTC).timestamp()) <= 24 * 3600
    assert int(request.headers["ttl"]) > 0


def test_officers_on_duty_get_a_new_alert_the_escalation_and_the_resident_the_claim_each_once(
    app: Flask, client: FlaskClient, service: Receiver
) -> None:
    from api.jobs import escalate_alerts

    padang, off_duty, province = (Browser(service.url, name) for name in ("padang", "agam", "province"))
    padang_headers = officer(client, padang, "satgas_kabkota", "13.71")
    officer(client, off_duty, "satgas_kabkota", "13.06", on_duty=False)
    officer(client, province, "satgas_provinsi")
    resident = Browser(service.url, "resident")
    headers = subscribe_device(client, resident)
    reply = client.post(
        "/api/v1/alerts", json={"category": "medical", "region": "13.71", "phone": "0812345678"}, headers=headers
    )
    alert = reply.get_json()["id"]
    dispatch_due()
    [created] = [padang.read(r) for r in to(service, padang)]
    assert created == {
        "kind": "alert_created",
        "alert": alert,
        "url": f"/satgas?alert={alert}",
        "title": {"id": "Peringatan baru", "en": "New alert"},
        "id": created["id"],
    }
    assert to(service, province) == []
    # Escalation to the province, while Padang has still not claimed it.
    at(app, NOW + dt.timedelta(minutes=5))
    assert escalate_alerts()["provinsi"] == 1
    dispatch_due()
    assert [province.read(r)["kind"] for r in to(service, province)] == ["alert_escalated"]
    client.post(f"/api/v1/alerts/{alert}/claim", json={}, headers=padang_headers)
    dispatch_due()
    dispatch_due()
    assert [resident.read(r)["kind"] for r in to(service, resident)] == ["alert_claimed"]
    assert [padang.read(r)["kind"] for r in to(service, padang)] == ["alert_created"]
    assert to(service, off_duty) == []


def test_a_region_with_nobody_on_duty_is_pushed_to_the_province_at_once(client: FlaskClient, service: Receiver) -> None:
    province, agam = Browser(service.url, "province"), Browser(service.url, "agam")
    officer(client, province, "satgas_provinsi")
    officer(client, agam, "satgas_kabkota", "13.06", on_duty=False)
    client.post("/api/v1/alerts", json={"category": "medical", "region": "13.06"}, headers=device_headers())
    dispatch_due()
    assert [province.read(r)["kind"] for r in to(service, province)] == ["alert_created"]
    assert to(service, agam) == []


def test_with_the_push_service_down_nothing_is_lost_or_doubled_once_it_is_back(
    app: Flask, client: FlaskClient, service: Receiver
) -> None:
    browsers = [Browser(service.url, f"officer{n}") for n in range(3)]
    for n, browser in enumerate(browsers):
        headers = {"Authorization": staff_headers_for(f"padang-{n}")}
        client.post("/api/v1/auth/me/push-subscriptions", json=browser.subscription(), headers=headers)
        client.put("/api/v1/auth/me/duty", json={"on_duty": True}, headers=headers)
    client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    service.down()
    moment = NOW
    for _ in range(5):
        assert dispatch_due() == {"sent": 0, "retry": 3, "dead": 0}
        moment += dt.timedelta(hours=1)
        at(app, moment)
    service.up()
    assert dispatch_due() == {"sent": 3, "retry": 0, "dead": 0}
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 0}
    for browser in browsers:
        assert [browser.read(r)["kind"] for r in to(service, browser)] == ["alert_created"]


def staff_headers_for(username: str) -> str:
    from api.services.accounts import issue_staff_token

    token, _ = issue_staff_token(staff("satgas_kabkota", "13.71", username=username))
    return f"Bearer {token}"


def test_two_dispatchers_push_each_notification_once(app: Flask, database_url: str, service: Receiver) -> None:
    browser = Browser(service.url, "busy")
    owner = staff("satgas_provinsi").id
    with unit_of_work():
        db.session.add(
            subscription := PushSubscription(
                endpoint=browser.endpoint,
                p256dh=browser.subscription()["keys"]["p256dh"],
                auth=b64url(browser.auth),
                staff_id=owner,
                created_at=NOW,
            )
        )
        db.session.flush()
        for _ in range(30):
            enqueue("alert_created", {"kind": "alert_created"}, channel="webpush", recipient=str(subscription.id))
    config = {key: app.config[key] for key in ("PUSH_SERVICES", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT")}
    others = [
        create_app({"TESTING": True, "DATABASE_URL": database_url, "NOTIFY_BATCH": 4, **config}) for _ in range(2)
    ]
    barrier = threading.Barrier(2)

    def run(other: Flask) -> None:
        with other.app_context():
            barrier.wait(timeout=30)
            dispatch_due()
            db.engine.dispose()

    threads = [threading.Thread(target=run, args=(other,)) for other in others]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    ids = sorted(browser.read(request)["id"] for request in to(service, browser))
    assert len(ids) == 30
    assert ids == sorted(set(ids))


def test_a_gone_subscription_is_removed_and_its_push_not_retried(client: FlaskClient, service: Receiver) -> None:
    browser = Browser(service.url, "gone")
    subscribe_device(client, browser)
    service.reply = lambda _request: (410, {})
    with unit_of_work():
        [subscription_id] = db.session.scalars(sa.select(PushSubscription.id))
        enqueue("checkin_reminder", {"kind": "checkin_reminder"}, channel="webpush", recipient=str(subscription_id))
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 1}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PushSubscription)) == 0
    outcomes = db.session.execute(sa.select(NotificationAttempt.outcome, NotificationAttempt.status_code)).all()
    assert [tuple(row) for row in outcomes] == [("gone", 410)]


def test_a_redirect_from_a_push_service_is_not_followed(client: FlaskClient, service: Receiver) -> None:
    browser = Browser(service.url, "moved")
    subscribe_device(client, browser)
    service.reply = lambda request: (
        (307, {"Location": "http://127.0.0.1:9/elsewhere"}) if "moved" in request.path else (201, {})
    )
    with unit_of_work():
        [subscription_id] = db.session.scalars(sa.select(PushSubscription.id))
        enqueue("checkin_reminder", {"kind": "checkin_reminder"}, channel="webpush", recipient=str(subscription_id))
    assert dispatch_due() == {"sent": 0, "retry": 0, "dead": 1}
    assert len(service.received) == 1


def test_officers_manage_their_subscriptions_and_admins_see_who_is_on_duty(
    client: FlaskClient, service: Receiver
) -> None:
    padang = staff_headers("satgas_kabkota", "13.71")
    first = client.post(
        "/api/v1/auth/me/push-subscriptions", json=Browser(service.url, "phone").subscription(), headers=padang
    ).get_json()
    client.post(
        "/api/v1/auth/me/push-subscriptions", json=Browser(service.url, "laptop").subscription(), headers=padang
    )
    listed = client.get("/api/v1/auth/me/push-subscriptions", headers=padang).get_json()
    assert [s["push_service"] for s in listed] == [service.url, service.url]
    other = staff_headers("satgas_provinsi")
    assert client.delete(f"/api/v1/auth/me/push-subscriptions/{first['id']}", headers=other).status_code == 404
    assert client.delete(f"/api/v1/auth/me/push-subscriptions/{first['id']}", headers=padang).status_code == 204
    assert len(client.get("/api/v1/auth/me/push-subscriptions", headers=padang).get_json()) == 1
    client.put("/api/v1/auth/me/duty", json={"on_duty": True}, headers=padang)
    assert client.put("/api/v1/auth/me/duty", json={"on_duty": "maybe"}, headers=padang).status_code == 422
    assert client.get("/api/v1/users/on-duty", headers=padang).status_code == 403
    on_duty = client.get("/api/v1/users/on-duty", headers=staff_headers("admin")).get_json()
    assert on_duty == [{"region": "13.71", "officers": ["satgas-kabkota-13.71"]}]


def test_erasing_a_device_removes_its_subscription(client: FlaskClient, service: Receiver) -> None:
    headers = subscribe_device(client, Browser(service.url, "erased"))
    assert client.delete("/api/v1/devices/me", headers=headers).status_code == 204
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PushSubscription)) == 0
