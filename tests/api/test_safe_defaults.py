"""Safe by default: no public signing key, proxies trusted only as configured, every odd input a 4xx, no leaks."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import stat
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from flask.testing import FlaskClient, FlaskCliRunner

from api import create_app
from api.auth import staff_from_session
from api.config import secret_key
from api.errors import _unexpected
from api.extensions import db
from api.models import Alert, AlertPress, Device, StaffUser
from api.services import accounts
from api.transactions import unit_of_work
from dashboard import data as dashboard_data
from dashboard.components import demo_password_banner
from tests.factories import PASSWORD, device_headers, staff, staff_headers
from tests.tcp_proxy import TcpProxy


def test_without_a_configured_key_an_installation_makes_its_own_and_keeps_it_private(
    database_url: str, tmp_path: Path
) -> None:
    first = create_app({"DATABASE_URL": database_url})
    second = create_app({"DATABASE_URL": database_url})
    stored = Path(first.instance_path) / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == stored.read_text().strip()
    assert len(first.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
    # A new installation (another instance folder) makes a different key.
    elsewhere = Flask("elsewhere", instance_path=str(tmp_path / "instance"))
    assert secret_key(elsewhere) != first.config["SECRET_KEY"]
    assert stat.S_IMODE(os.stat(tmp_path / "instance" / "secret_key").st_mode) == 0o600


def test_a_session_signed_with_the_old_public_default_is_refused(app: Flask, client: FlaskClient) -> None:
    user = staff("satgas_provinsi", username="rina")
    forger = Flask("forger")
    forger.secret_key = "dev-only-change-me"
    serializer = SecureCookieSessionInterface().get_signing_serializer(forger)
    assert serializer is not None
    cookie = serializer.dumps({"staff_id": user.id})
    client.set_cookie(app.config["SESSION_COOKIE_NAME"], cookie)
    assert client.get("/api/v1/alerts/stream").status_code == 401


def test_a_session_forged_with_the_key_still_needs_the_accounts_random_version(app: Flask) -> None:
    users = [staff("satgas_provinsi", username=f"petugas-{n}") for n in range(2)]
    assert users[0].session_version != users[1].session_version
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    assert serializer is not None
    for user in users:
        for version in range(3):
            cookie = serializer.dumps({"staff_id": user.id, "v": version, "seen": int(time.time())})
            header = {"Cookie": f"{app.config['SESSION_COOKIE_NAME']}={cookie}"}
            with app.test_request_context("/satgas", headers=header):
                assert staff_from_session() is None


def test_without_trusted_proxies_a_forwarded_address_is_ignored(database_url: str) -> None:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "DEVICE_REGISTRATION_LIMIT": "2 per minute"})
    client = app.test_client()
    replies = [client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": f"10.2.0.{n}"}) for n in range(3)]
    assert [r.status_code for r in replies] == [201, 201, 429]
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_behind_one_proxy_two_residents_do_not_share_a_limit(database_url: str) -> None:
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "PROXY_HOPS": 1, "DEVICE_REGISTRATION_LIMIT": "2 per minute"}
    )
    client = app.test_client()
    first = [client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": "10.1.0.1"}) for _ in range(3)]
    second = client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": "10.1.0.2"})
    assert [r.status_code for r in first] == [201, 201, 429]
    assert first[2].headers["Retry-After"]
    assert second.status_code == 201
    # A resident cannot escape the limit by adding an address of its choosing in front of the proxy's.
    spoofed = client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": "1.2.3.4, 10.1.0.1"})
    assert spoofed.status_code == 429
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_forwarded_addresses_are_taken_only_from_the_proxys_own_address(database_url: str) -> None:
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "PROXY_HOPS": 1,
            "PROXY_ADDRESSES": "10.0.0.5",
            "DEVICE_REGISTRATION_LIMIT": "2 per minute",
        }
    )
    client = app.test_client()
    # The test client connects from 127.0.0.1, which is not the proxy: whatever it forwards, it is one caller.
    direct = [client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": f"10.3.0.{n}"}) for n in range(3)]
    assert [r.status_code for r in direct] == [201, 201, 429]
    proxy = {"REMOTE_ADDR": "10.0.0.5"}
    relayed = [
        client.post("/api/v1/devices", json={}, headers={"X-Forwarded-For": f"10.4.0.{n}"}, environ_base=proxy)
        for n in range(3)
    ]
    assert [r.status_code for r in relayed] == [201, 201, 201]
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_retry_after_comes_only_with_429_and_503(client: FlaskClient) -> None:
    reply = client.post("/api/v1/devices", json={})
    assert reply.status_code == 201
    assert "Retry-After" not in reply.headers


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/screening-responses?from=0001-01-01",
        "/api/v1/screening-responses?to=9999-12-31",
        "/api/v1/screening-responses?page=99999999999999999999999",
        "/api/v1/screening-responses?page_size=99999999999999999999999",
        "/api/v1/alerts?page=100001",
    ],
)
def test_edge_values_in_queries_get_422(client: FlaskClient, path: str) -> None:
    reply = client.get(path, headers=staff_headers("admin"))
    assert reply.status_code == 422
    assert reply.get_json()["errors"]["query"]


@pytest.mark.parametrize(
    "path", ["/api/v1/users/99999999999999999999999", "/api/v1/instructions/99999999999999999999999"]
)
def test_integers_past_64_bits_in_paths_are_not_found(client: FlaskClient, path: str) -> None:
    reply = client.open(
        path, method="PATCH" if "users" in path else "GET", json={"is_active": False}, headers=staff_headers("admin")
    )
    assert reply.status_code == 404
    assert reply.get_json()["code"] == 404


@pytest.mark.parametrize(
    "body",
    [
        b'{"category": "medical", "note": "\\ud800"}',
        b'{"category": "medical", "\\udfff": 1}',
        b"[" * 1000 + b"]" * 1000,
        b'{"category": ' + b'{"a": ' * 600 + b"1" + b"}" * 600 + b"}",
    ],
)
def test_unusable_json_bodies_get_422_and_store_nothing(client: FlaskClient, body: bytes) -> None:
    headers = {**device_headers(), "Content-Type": "application/json", "Accept-Language": "en"}
    reply = client.post("/api/v1/alerts", data=body, headers=headers)
    assert (reply.status_code, reply.mimetype) == (422, "application/problem+json")
    # Refused as a body that cannot be read, not read as an empty one that lacks its fields.
    assert reply.get_json()["errors"] == {"json": ["Invalid JSON body."]}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0


@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "The key 'category' appears more than once."), ("id", "Kunci 'category' muncul lebih dari sekali.")],
)
def test_a_body_naming_a_key_twice_gets_400_naming_the_key_and_stores_nothing(
    client: FlaskClient, lang: str, message: str
) -> None:
    headers = {**device_headers(), "Content-Type": "application/json", "Accept-Language": lang}
    body = b'{"category": "medical", "region": "13.71", "category": "fire"}'
    reply = client.post("/api/v1/alerts", data=body, headers=headers)
    assert reply.status_code == 400
    assert reply.get_json()["errors"] == {"json": {"category": [message]}}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0


def test_a_key_named_twice_in_a_nested_object_is_refused_too(client: FlaskClient) -> None:
    headers = {**device_headers(), "Content-Type": "application/json", "Accept-Language": "en"}
    body = b'{"category": "medical", "location": {"lat": -0.9, "lon": 100.3, "lat": 1.5}}'
    reply = client.post("/api/v1/alerts", data=body, headers=headers)
    assert reply.status_code == 400
    assert reply.get_json()["errors"] == {"json": {"lat": ["The key 'lat' appears more than once."]}}
    assert "more than once" in reply.get_json()["message"]


@pytest.mark.parametrize(
    "body", [b"{not json", b'{"category": "medical",}', b'{"category": "medical", "note": "\xff\xfe"}', b"{"]
)
def test_a_body_that_is_not_json_gets_400_as_a_problem_and_stores_nothing(client: FlaskClient, body: bytes) -> None:
    headers = {**device_headers(), "Content-Type": "application/json", "Accept-Language": "en"}
    reply = client.post("/api/v1/alerts", data=body, headers=headers)
    assert (reply.status_code, reply.mimetype) == (400, "application/problem+json")
    problem = reply.get_json()
    assert (problem["type"], problem["title"], problem["status"], problem["code"]) == (
        "about:blank",
        "Bad Request",
        400,
        400,
    )
    assert problem["detail"] == problem["message"] == "The request could not be read."
    assert problem["errors"] == {"json": ["Invalid JSON body."]}
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Alert)) == 0


@pytest.mark.parametrize("body", [b'{"note": "\\ud800"}', b"[" * 1000 + b"]" * 1000])
def test_an_unusable_body_is_refused_where_every_field_is_optional(client: FlaskClient, body: bytes) -> None:
    headers = {**device_headers(), "Content-Type": "application/json"}
    alert = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=headers)
    claim = client.post(
        f"/api/v1/alerts/{alert.get_json()['id']}/claim",
        data=body,
        headers={**staff_headers("admin"), "Content-Type": "application/json"},
    )
    assert claim.status_code == 422
    assert (
        client.get(f"/api/v1/alerts/{alert.get_json()['id']}", headers=staff_headers("admin")).get_json()["status"]
        == "new"
    )
    registered = client.post("/api/v1/devices", data=body, headers={"Content-Type": "application/json"})
    assert registered.status_code == 422


def test_a_press_whose_note_carries_nul_and_control_characters_is_stored_without_them(
    app: Flask, client: FlaskClient
) -> None:
    app.config["CLOCK"] = lambda: dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
    headers = device_headers()
    note = "tolong\x00 sesak\x07\x1b[2J\r\nbaris dua\tjalan 5"
    first = client.post(
        "/api/v1/alerts", json={"category": "breathing", "note": note, "region": "13.71"}, headers=headers
    )
    joined = client.post("/api/v1/alerts", json={"category": "breathing", "note": "\x00lagi"}, headers=headers)
    assert (first.status_code, joined.status_code) == (201, 200)
    episode = client.post(
        "/api/v1/isolations",
        json={"reason": "close_contact", "start_date": "2021-07-08", "region": "13.71", "name": "Rina\x00 Sari"},
        headers=headers,
    )
    assert episode.status_code == 201
    db.session.expire_all()
    alert = db.session.get(Alert, uuid.UUID(first.get_json()["id"]))
    assert alert is not None
    assert alert.note == "tolong sesak[2J\nbaris dua\tjalan 5"
    notes = db.session.scalars(
        sa.select(AlertPress.note).where(AlertPress.alert_id == alert.id).order_by(AlertPress.id)
    )
    assert list(notes) == ["tolong sesak[2J\nbaris dua\tjalan 5", "lagi"]
    assert episode.get_json()["name"] == "Rina Sari"


def test_a_lone_surrogate_in_a_check_in_list_is_refused_too(client: FlaskClient) -> None:
    headers = {**device_headers(), "Content-Type": "application/json"}
    reply = client.post(
        "/api/v1/questionnaires/self-screening/responses", data=b'{"answers": {}, "region": "\\ud83d"}', headers=headers
    )
    assert reply.status_code == 422


@pytest.mark.parametrize(
    "located_at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00", "2021-07-10T02:00:00"]
)
def test_fix_times_at_the_edges_of_the_calendar_get_422(client: FlaskClient, located_at: str) -> None:
    body = {"category": "medical", "lat": -0.9, "lon": 100.4, "located_at": located_at}
    reply = client.post("/api/v1/alerts", json=body, headers=device_headers())
    assert reply.status_code == 422
    assert "located_at" in reply.get_json()["errors"]["json"]


def test_a_failed_statement_logs_no_values(app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    phone = "+62 812 9999 0000"
    with pytest.raises(sa.exc.IntegrityError) as raised, unit_of_work():
        db.session.execute(
            sa.insert(Alert).values(
                type="panic",
                category="medical",
                status="new",
                routed_by="none",
                press_count=0,
                phone=phone,
                last_pressed_at=sa.func.now(),
                created_at=sa.func.now(),
                updated_at=sa.func.now(),
            )
        )
    db.session.rollback()
    with app.test_request_context("/"), caplog.at_level(logging.ERROR):
        body, status = _unexpected(raised.value)[:2]
    assert status == 500
    assert "unhandled database error" in caplog.text
    # SQLAlchemy hides the statement's values; PostgreSQL's own message would quote the failing row.
    assert phone not in caplog.text
    assert phone not in json.dumps(body)


@pytest.fixture
def proxied_postgres(app: Flask, database_url: str) -> Iterator[tuple[Flask, TcpProxy]]:
    """The app on the test database reached through a proxy the test can cut (PostgreSQL only)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("a database outage is tried on PostgreSQL")
    url = sa.make_url(database_url)
    proxy = TcpProxy((url.host or "127.0.0.1", url.port or 5432))
    proxy.start()
    proxied = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": secrets.token_urlsafe(48),
            "DB_STATEMENT_TIMEOUT_MS": 500,
            "DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
        }
    )
    with proxied.app_context():
        yield proxied, proxy
        proxy.cut()
        db.session.remove()
        db.engine.dispose()


def test_a_database_outage_answers_503_with_retry_after_and_recovers_without_a_restart(
    proxied_postgres: tuple[Flask, TcpProxy],
) -> None:
    proxied, proxy = proxied_postgres
    client = proxied.test_client()
    token = client.post("/api/v1/devices", json={}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers).status_code == 201
    proxy.cut()
    down = client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers)
    assert down.status_code == 503
    assert down.headers["Retry-After"] == "5"
    assert down.get_json()["code"] == 503
    assert client.get("/readyz").status_code == 503
    proxy.restore()
    assert client.get("/readyz").status_code == 200
    again = client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers)
    assert again.status_code == 200
    assert again.get_json()["press_count"] == 2


def test_a_hung_database_answers_503_within_the_statement_timeout(proxied_postgres: tuple[Flask, TcpProxy]) -> None:
    proxied, _ = proxied_postgres
    client = proxied.test_client()
    token = client.post("/api/v1/devices", json={}).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    blocker = sa.create_engine(proxied.config["SQLALCHEMY_DATABASE_URI"])
    with blocker.connect() as connection:
        transaction = connection.begin()
        connection.execute(sa.text("LOCK TABLE alerts IN ACCESS EXCLUSIVE MODE"))
        hung = client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers)
        transaction.rollback()
    blocker.dispose()
    assert hung.status_code == 503
    assert hung.headers["Retry-After"] == "5"
    assert client.post("/api/v1/alerts", json={"category": "medical"}, headers=headers).status_code == 201


def test_staff_lists_are_paged(client: FlaskClient) -> None:
    for _ in range(3):
        client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    headers = staff_headers("admin")
    first = client.get("/api/v1/alerts?page_size=2", headers=headers)
    second = client.get("/api/v1/alerts?page_size=2&page=2", headers=headers)
    assert [len(first.get_json()), len(second.get_json())] == [2, 1]
    assert json.loads(first.headers["X-Pagination"])["total"] == 3
    assert {a["id"] for a in first.get_json()}.isdisjoint(a["id"] for a in second.get_json())
    for path in ("/api/v1/isolations", "/api/v1/users"):
        reply = client.get(f"{path}?page_size=1", headers=headers)
        assert reply.status_code == 200
        assert "X-Pagination" in reply.headers
    assert client.get("/api/v1/users?page_size=501", headers=headers).status_code == 422


def test_a_device_token_unused_for_180_days_stops_working(app: Flask, client: FlaskClient) -> None:
    start = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    app.config["CLOCK"] = lambda: start
    reply = client.post("/api/v1/devices", json={"platform": "web", "privacy_notice_version": "2026-11"})
    headers = {"Authorization": f"Bearer {reply.get_json()['token']}"}
    device = db.session.get(Device, uuid.UUID(reply.get_json()["id"]))
    assert device is not None
    assert device.privacy_notice_version == "2026-11"
    app.config["CLOCK"] = lambda: start + dt.timedelta(days=179)
    assert client.post("/api/v1/alerts", json={"category": "other"}, headers=headers).status_code == 201
    # Used on day 179: the idle period starts again from there.
    app.config["CLOCK"] = lambda: start + dt.timedelta(days=179 + 179)
    assert client.get("/api/v1/alerts/" + str(uuid.uuid4()), headers=headers).status_code == 404
    app.config["CLOCK"] = lambda: start + dt.timedelta(days=179 + 179 + 181)
    assert client.post("/api/v1/alerts", json={"category": "other"}, headers=headers).status_code == 401


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_demo_accounts_come_from_the_demo_step_alone_wherever_the_server_listens(
    app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    monkeypatch.setenv("HOST", host)
    # Migrating, loading reference data and serving make no account, even on a loopback address.
    for args in (["reference", "load"], ["reference", "instructions"]):
        assert runner.invoke(args=args).exit_code == 0
    assert app.test_client().get("/readyz").status_code == 200
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 0
    # The explicit step makes them, and has no notion of where the server listens.
    assert runner.invoke(args=["demo", "load", "--host", host]).exit_code == 2
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    # One per role and region of the demo, and the demo hospital's account.
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser).where(StaffUser.is_demo)) == 6


def test_the_demo_password_is_the_one_chosen_by_its_setting(app: Flask, runner: FlaskCliRunner) -> None:
    app.config["DEMO_PASSWORD"] = "pilihan-sendiri-yang-panjang"
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    reply = app.test_client().post(
        "/api/v1/auth/token", json={"username": "editor", "password": "pilihan-sendiri-yang-panjang"}
    )
    assert reply.status_code == 200


def test_the_console_knows_while_demo_accounts_exist(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    browser = app.test_client()
    browser.post(
        "/satgas/login",
        data={"username": "admin", "password": "sumbar-demo-2020"},
        headers={"Origin": "http://localhost"},
    )
    with app.test_request_context("/satgas"):
        from flask import session

        with browser.session_transaction() as stored:
            session.update(stored)
        user = dashboard_data.console_user()
    assert user is not None
    assert user["demo_accounts"] is True


def _console_user_of(app: Flask, username: str, password: str) -> dict[str, object] | None:
    browser = app.test_client()
    browser.post(
        "/satgas/login", data={"username": username, "password": password}, headers={"Origin": "http://localhost"}
    )
    with app.test_request_context("/satgas"):
        from flask import session

        with browser.session_transaction() as stored:
            session.update(stored)
        return dashboard_data.console_user()


def test_admins_see_on_the_console_which_real_accounts_have_the_demo_password(app: Flask) -> None:
    rina = staff(username="rina")
    with unit_of_work():
        rina.password_hash, rina.has_demo_password = accounts.hasher.hash("sumbar-demo-2020"), True
    staff("admin", username="kepala")
    staff("satgas_provinsi", username="petugas")
    admin = _console_user_of(app, "kepala", PASSWORD)
    officer = _console_user_of(app, "petugas", PASSWORD)
    assert admin is not None
    assert officer is not None
    assert admin["demo_password_accounts"] == ["rina"]
    assert officer["demo_password_accounts"] == []
    banner = demo_password_banner(admin)
    assert banner is not None
    assert "rina" in str(banner.children)
    assert demo_password_banner(officer) is None


@pytest.mark.parametrize("path", ["/api/v1/regions", "/api/v1/docs", "/healthz", "/api/v1/nowhere"])
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "http" not in policy.replace("'self'", "")  # no outside origin anywhere
    assert "'unsafe-eval'" not in policy
    script_src = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers


def test_geolocation_is_allowed_only_for_the_residents_app_and_hsts_only_over_https(client: FlaskClient) -> None:
    assert "geolocation=(self)" in client.get("/app").headers["Permissions-Policy"]
    assert "geolocation=()" in client.get("/application").headers["Permissions-Policy"]
    # The public hospitals page sorts by distance from a location the visitor shares; nothing else asks.
    assert "geolocation=(self)" in client.get("/rumah-sakit").headers["Permissions-Policy"]
    assert "geolocation=()" in client.get("/rumah-sakit-lain").headers["Permissions-Policy"]
    secure = client.get("/healthz", base_url="https://localhost")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")


def test_the_api_documentation_page_runs_no_inline_script(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "<script>" not in page
    with client.get("/api/v1/docs/assets/start.js") as script:
        assert script.status_code == 200
        assert b"SwaggerUIBundle" in script.get_data()


def test_readiness_publishes_nothing_derived_from_the_signing_key(app: Flask, client: FlaskClient) -> None:
    key = app.config["SECRET_KEY"]
    ready = client.get("/readyz")
    assert ready.get_json() == {"status": "ok", "database": "ok"}
    body = ready.get_data(as_text=True)
    for digest in (hashlib.sha256(key.encode()).hexdigest(), hashlib.sha1(key.encode()).hexdigest()):
        assert digest[:8] not in body
    # A token that is not the metrics token shows nothing more.
    app.config["METRICS_TOKEN"] = secrets.token_urlsafe(32)
    assert client.get("/readyz", headers={"Authorization": "Bearer guess"}).get_json() == ready.get_json()


def test_the_holder_of_the_metrics_token_compares_the_signing_key_across_instances(database_url: str) -> None:
    token = secrets.token_urlsafe(32)
    shared, another = secrets.token_urlsafe(48), secrets.token_urlsafe(48)
    instances = [
        create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": key, "METRICS_TOKEN": token})
        for key in (shared, shared, another)
    ]
    checks = [
        instance.test_client().get("/readyz", headers={"Authorization": f"Bearer {token}"}).get_json()
        for instance in instances
    ]
    assert [check["status"] for check in checks] == ["ok"] * 3
    assert checks[0]["signing_key_check"] == checks[1]["signing_key_check"] != checks[2]["signing_key_check"]
    assert checks[0]["signing_key_check"] not in hashlib.sha256(shared.encode()).hexdigest()
    for instance in instances:
        with instance.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.mark.parametrize(
    "weak",
    [
        pytest.param("dev-only-change-me", id="published default"),
        pytest.param("short-key", id="short"),
        pytest.param("a" * 32, id="one character repeated"),
        pytest.param("dev-only-change-me" * 2, id="published default twice"),
        pytest.param("live-test-" + "k" * 32, id="a word and a repeat"),
        pytest.param("sumbar-demo-2020-" + secrets.token_urlsafe(48), id="containing the demo password"),
        pytest.param("abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", id="sequences"),
        pytest.param("correct horse battery staple sumbar siaga 2026!!", id="dictionary phrase"),
        pytest.param(secrets.token_hex(16), id="random but only 128 bits"),
    ],
)
def test_a_guessable_signing_key_refuses_to_start(database_url: str, weak: str) -> None:
    with pytest.raises(RuntimeError, match="SUMBAR_SECRET_KEY is too weak") as refused:
        create_app({"DATABASE_URL": database_url, "SECRET_KEY": weak})
    advice = str(refused.value)
    assert "secrets.token_urlsafe(48)" in advice
    assert "instance/secret_key" in advice
    # The message reaches the log: it never repeats the key.
    assert weak not in advice


@pytest.mark.parametrize(
    "make", [lambda: secrets.token_urlsafe(48), lambda: secrets.token_hex(32)], ids=["urlsafe", "hex"]
)
def test_a_random_signing_key_starts(database_url: str, make: Callable[[], str]) -> None:
    key = make()
    assert create_app({"DATABASE_URL": database_url, "SECRET_KEY": key}).config["SECRET_KEY"] == key


def test_a_configured_tile_server_is_the_only_outside_origin_and_only_for_images_and_fetches() -> None:
    from api import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": "sqlite://",
            "SECRET_KEY": secrets.token_urlsafe(48),
            "MAP_TILES": "https://tiles.example.org/{z}/{x}/{y}.png",
        }
    )
    policy = app.test_client().get("/healthz").headers["Content-Security-Policy"]
    parts = {part.split()[0]: part.split()[1:] for part in policy.split("; ") if part}
    assert "https://tiles.example.org" in parts["img-src"]
    assert "https://tiles.example.org" in parts["connect-src"]
    assert [name for name, sources in parts.items() if "https://tiles.example.org" in sources] == [
        "img-src",
        "connect-src",
    ]
