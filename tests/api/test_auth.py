"""Staff sign-in: tokens, wrong credentials, throttling, the users CLI, password hashing."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api import create_app
from api.extensions import db
from api.models import LoginFailure, StaffUser
from api.services import accounts
from api.services.accounts import issue_staff_token, set_active, set_password
from api.services.exceptions import InvalidInput
from api.transactions import unit_of_work
from tests.database import PRODUCT_HASHER, QUICK_HASHER
from tests.factories import PASSWORD, device_headers, hospital_staff, staff, staff_headers


def sign_in(client: FlaskClient, username: str, password: str) -> Any:
    return client.post("/api/v1/auth/token", json={"username": username, "password": password})


def test_a_staff_member_exchanges_a_password_for_a_bearer_token(client: FlaskClient) -> None:
    staff("satgas_kabkota", "13.71", username="rina")
    reply = sign_in(client, "rina", PASSWORD)
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["token"].startswith("sst_")
    assert body["token_type"] == "Bearer"
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['token']}"}).get_json()
    assert (me["username"], me["role"], me["region"]) == ("rina", "satgas_kabkota", "13.71")


def test_passwords_are_stored_with_argon2_never_in_clear(client: FlaskClient) -> None:
    user = staff(username="budi")
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_wrong_password_and_unknown_user_both_get_401(client: FlaskClient) -> None:
    staff(username="rina")
    for username, password in (("rina", "wrong-password"), ("nobody", PASSWORD)):
        reply = sign_in(client, username, password)
        assert reply.status_code == 401
        assert reply.get_json()["message"] == "Nama pengguna atau kata sandi salah."


def test_repeated_failures_are_slowed_down_with_429_and_retry_after(client: FlaskClient) -> None:
    staff(username="rina")
    codes = [sign_in(client, "rina", f"guess-{n}").status_code for n in range(5)]
    assert codes == [401] * 5
    blocked = sign_in(client, "rina", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0
    assert blocked.get_json()["code"] == 429


def test_successful_sign_ins_do_not_count_towards_the_limit(client: FlaskClient) -> None:
    staff(username="rina")
    assert all(sign_in(client, "rina", PASSWORD).status_code == 200 for _ in range(8))


def test_an_expired_or_revoked_token_is_refused(app: Flask, client: FlaskClient) -> None:
    staff(username="rina")
    token = sign_in(client, "rina", PASSWORD).get_json()["token"]
    headers = {"Authorization": f"Bearer {token}"}
    assert client.delete("/api/v1/auth/token", headers=headers).status_code == 204
    assert client.get("/api/v1/auth/me", headers=headers).status_code == 401

    token = sign_in(client, "rina", PASSWORD).get_json()["token"]
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=13)
    app.config["CLOCK"] = lambda: later
    assert client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_an_inactive_account_cannot_sign_in(client: FlaskClient) -> None:
    user = staff(username="rina")
    with unit_of_work():
        user.is_active = False
    assert sign_in(client, "rina", PASSWORD).status_code == 401


def test_cli_creates_users_with_roles_and_regions(runner: FlaskCliRunner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "andi",
            "--role",
            "satgas_kabkota",
            "--region",
            "13.75",
            "--password",
            "panjang-sekali-1",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == "andi"))
    assert user is not None
    assert (user.role, user.region_code) == ("satgas_kabkota", "13.75")


def test_cli_refuses_bad_accounts_with_a_reason(runner: FlaskCliRunner) -> None:
    cases = [
        (["--role", "satgas_kabkota"], "needs a region"),
        (["--role", "satgas_kabkota", "--region", "13.99"], "Unknown region"),
        (["--role", "editor", "--region", "13.71"], "Only the satgas_kabkota"),
        (["--role", "superuser"], "superuser"),
    ]
    for options, reason in cases:
        result = runner.invoke(args=["users", "create", "andi", *options, "--password", "panjang-sekali-1"])
        assert result.exit_code != 0
        assert reason in result.output
    short = runner.invoke(args=["users", "create", "andi", "--role", "admin", "--password", "short"])
    assert "at least 12" in short.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 0


def test_duplicate_usernames_are_refused(runner: FlaskCliRunner) -> None:
    args = ["users", "create", "andi", "--role", "admin", "--password", "panjang-sekali-1"]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0
    assert "taken" in again.output


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pass1", "at least 12"),
        ("andi-panjang-sekali", "must not contain the username"),
        ("password12345", "common or easy to guess"),
        ("qwertyuiop123", "common or easy to guess"),
        ("111111111111", "common or easy to guess"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(runner: FlaskCliRunner, password: str, reason: str) -> None:
    result = runner.invoke(args=["users", "create", "andi", "--role", "admin", "--password", password])
    assert result.exit_code != 0
    assert reason in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 0


def test_a_password_change_is_held_to_the_same_rules(client: FlaskClient) -> None:
    user = staff(username="budi")
    with pytest.raises(InvalidInput):
        set_password(user, "budi-budi-budi-budi")
    set_password(user, "kopi-hujan-jembatan-7")
    assert sign_in(client, "budi", "kopi-hujan-jembatan-7").status_code == 200


@pytest.mark.parametrize(
    ("requested", "landing"),
    [
        ("/satgas", "/satgas/rumah-sakit"),
        ("/satgas/pemantauan", "/satgas/rumah-sakit"),
        ("/satgas/rumah-sakit?x=1", "/satgas/rumah-sakit?x=1"),
    ],
)
def test_a_hospital_account_signing_in_anywhere_in_the_console_lands_on_its_bed_form(
    client: FlaskClient, requested: str, landing: str
) -> None:
    user = hospital_staff("1371010")
    form = {"username": user.username, "password": PASSWORD, "next": requested}
    reply = client.post("/satgas/login", data=form, headers={"Origin": "http://localhost"})
    assert (reply.status_code, reply.headers["Location"]) == (303, landing)
    officer = {"username": staff("satgas_provinsi").username, "password": PASSWORD, "next": "/satgas/pemantauan"}
    other = client.application.test_client().post("/satgas/login", data=officer, headers={"Origin": "http://localhost"})
    assert other.headers["Location"] == "/satgas/pemantauan"


def test_a_disabled_account_loses_its_tokens_and_sessions_at_once(client: FlaskClient, runner: FlaskCliRunner) -> None:
    user = staff("satgas_provinsi", username="rina")
    token = sign_in(client, "rina", PASSWORD).get_json()["token"]
    console = client.application.test_client()
    signed_in = console.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD}, headers={"Origin": "http://localhost"}
    )
    assert signed_in.status_code == 303
    assert console.get("/api/v1/alerts/stream", buffered=False).status_code == 200
    assert client.get("/api/v1/alerts", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    admin = staff_headers("admin")
    reply = client.patch(f"/api/v1/users/{user.id}", json={"is_active": False}, headers=admin)
    assert reply.status_code == 200
    assert reply.get_json()["is_active"] is False
    assert client.get("/api/v1/alerts", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    # The console's session cookie no longer opens the stream either.
    assert console.get("/api/v1/alerts/stream").status_code == 401
    assert sign_in(client, "rina", PASSWORD).status_code == 401
    assert runner.invoke(args=["users", "enable", "rina"]).exit_code == 0
    assert sign_in(client, "rina", PASSWORD).status_code == 200
    assert runner.invoke(args=["users", "disable", "rina"]).exit_code == 0
    assert sign_in(client, "rina", PASSWORD).status_code == 401


def test_only_admins_disable_accounts(client: FlaskClient) -> None:
    user = staff("editor", username="eko")
    for role in ("satgas_provinsi", "editor"):
        reply = client.patch(f"/api/v1/users/{user.id}", json={"is_active": False}, headers=staff_headers(role))
        assert reply.status_code == 403
    assert (
        client.patch("/api/v1/users/999999", json={"is_active": False}, headers=staff_headers("admin")).status_code
        == 404
    )


def open_stream(app: Flask, client: FlaskClient, recheck_seconds: float) -> tuple[StaffUser, Iterator[bytes]]:
    """An officer's live stream, started, with the periodic account check every `recheck_seconds`."""
    app.config.update(STREAM_RECHECK_SECONDS=recheck_seconds, STREAM_KEEPALIVE_SECONDS=0.05, STREAM_MAX_SECONDS=30)
    user = staff("satgas_provinsi", username="rina")
    token, _ = issue_staff_token(user)
    reply = client.get("/api/v1/alerts/stream", headers={"Authorization": f"Bearer {token}"}, buffered=False)
    chunks = iter(reply.response)
    assert next(chunks).startswith(b"retry:")
    return user, chunks


def test_an_open_stream_closes_when_its_account_is_disabled(app: Flask, client: FlaskClient) -> None:
    user, chunks = open_stream(app, client, recheck_seconds=0)
    set_active(user, False)
    rest = b"".join(chunks)  # ends by itself; it would run 30 s if the stream did not check again
    assert b"event: closed" in rest


def test_a_disabled_accounts_stream_delivers_no_alert_raised_after_it(app: Flask, client: FlaskClient) -> None:
    # The periodic check is far off: only the check before each batch can stop the alert reaching the stream.
    user, chunks = open_stream(app, client, recheck_seconds=300)
    set_active(user, False)
    pressed = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    assert pressed.status_code == 201
    rest = b"".join(chunks)
    assert b"event: closed" in rest
    assert pressed.get_json()["id"].encode() not in rest


def test_console_forms_refuse_cross_site_posts(client: FlaskClient) -> None:
    staff("satgas_provinsi", username="rina")
    form = {"username": "rina", "password": PASSWORD}
    for headers in ({"Origin": "https://evil.example"}, {}, {"Origin": "null"}, {"Referer": "https://evil.example/x"}):
        reply = client.post("/satgas/login", data=form, headers=headers)
        assert reply.status_code == 403
        assert reply.get_json()["code"] == 403
    assert client.post("/satgas/login", data=form, headers={"Referer": "http://localhost/satgas"}).status_code == 303
    assert client.post("/satgas/logout", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.get("/api/v1/alerts/stream").status_code != 401  # still signed in after the refused sign-out
    assert client.post("/satgas/logout", headers={"Origin": "http://localhost"}).status_code == 303


def test_requests_carrying_the_session_cookie_must_come_from_our_pages(client: FlaskClient) -> None:
    staff("satgas_provinsi", username="rina")
    client.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD}, headers={"Origin": "http://localhost"}
    )
    forged = client.post("/_dash-update-component", json={}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    # Bearer-token calls carry no cookie and are not affected.
    other = client.application.test_client()
    headers = {**staff_headers("satgas_provinsi"), "Origin": "https://elsewhere.example"}
    assert other.get("/api/v1/alerts", headers=headers).status_code == 200


def test_a_wrong_method_gets_405_with_allow(client: FlaskClient) -> None:
    reply = client.delete("/api/v1/regions")
    assert reply.status_code == 405
    assert "GET" in reply.headers["Allow"]
    assert reply.get_json()["code"] == 405


def from_address(client: FlaskClient, address: str, username: str, password: str) -> Any:
    return client.post(
        "/api/v1/auth/token",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_someone_elses_failures_never_lock_an_officer_out(client: FlaskClient) -> None:
    staff(username="rina")
    assert [from_address(client, "10.9.0.1", "rina", f"guess-{n}").status_code for n in range(6)] == [401] * 5 + [429]
    # The attacker's address is refused even with the right password, the officer's own address is not.
    assert from_address(client, "10.9.0.1", "rina", PASSWORD).status_code == 429
    assert from_address(client, "10.9.0.2", "rina", PASSWORD).status_code == 200


def test_one_address_trying_many_usernames_is_limited(app: Flask, client: FlaskClient) -> None:
    app.config["LOGIN_ADDRESS_FAILURE_LIMIT"] = "6 per 5 minutes"
    names = [f"user{n}" for n in range(7)]
    codes = [from_address(client, "10.9.0.3", name, "whatever-password").status_code for name in names]
    assert codes == [401] * 6 + [429]


def test_every_failed_sign_in_is_kept_for_the_audit(client: FlaskClient) -> None:
    staff(username="rina")
    from_address(client, "10.9.0.4", "Rina ", "wrong-password-here")
    rows = db.session.execute(sa.select(LoginFailure.username, LoginFailure.client_address)).all()
    assert [tuple(r) for r in rows] == [("rina", "10.9.0.4")]


def test_the_limits_are_counted_in_the_database_so_every_process_agrees(app: Flask, database_url: str) -> None:
    staff(username="rina")
    other_process = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_urlsafe(48)})
    first, second = app.test_client(), other_process.test_client()
    for n in range(5):
        (first if n % 2 else second).post("/api/v1/auth/token", json={"username": "rina", "password": f"x-{n}"})
    assert first.post("/api/v1/auth/token", json={"username": "rina", "password": PASSWORD}).status_code == 429
    with other_process.app_context():
        db.session.remove()
        db.engine.dispose()


def test_the_console_shows_the_wait_instead_of_an_error_body(client: FlaskClient) -> None:
    staff(username="rina")
    form = {"username": "rina", "password": "not-the-password"}
    origin = {"Origin": "http://localhost"}
    for _ in range(5):
        assert "gagal=1" in client.post("/satgas/login", data=form, headers=origin).headers["Location"]
    waiting = client.post("/satgas/login", data={**form, "password": PASSWORD}, headers=origin)
    assert waiting.status_code == 303
    assert "tunggu=" in waiting.headers["Location"]


def test_signing_out_ends_every_console_session_of_the_account(app: Flask) -> None:
    staff("satgas_provinsi", username="rina")
    laptop, phone = app.test_client(), app.test_client()
    for browser in (laptop, phone):
        browser.post(
            "/satgas/login", data={"username": "rina", "password": PASSWORD}, headers={"Origin": "http://localhost"}
        )
        assert browser.get("/api/v1/alerts/stream", buffered=False).status_code == 200
    laptop.post("/satgas/logout", headers={"Origin": "http://localhost"})
    assert phone.get("/api/v1/alerts/stream").status_code == 401


def test_a_password_change_ends_console_sessions_too(app: Flask) -> None:
    user = staff("satgas_provinsi", username="rina")
    browser = app.test_client()
    browser.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD}, headers={"Origin": "http://localhost"}
    )
    set_password(user, "kopi-hujan-jembatan-7")
    assert browser.get("/api/v1/alerts/stream").status_code == 401


def test_a_console_session_ends_after_a_shift_without_use(app: Flask) -> None:
    staff("satgas_provinsi", username="rina")
    browser = app.test_client()
    browser.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD}, headers={"Origin": "http://localhost"}
    )
    with browser.session_transaction() as session:
        session["seen"] -= 12 * 3600 + 1
    assert browser.get("/api/v1/alerts/stream").status_code == 401


def test_the_session_cookie_is_secure_over_https(app: Flask) -> None:
    staff("satgas_provinsi", username="rina")
    form = {"username": "rina", "password": PASSWORD}
    plain = app.test_client().post("/satgas/login", data=form, headers={"Origin": "http://localhost"})
    secure = app.test_client().post(
        "/satgas/login", data=form, headers={"Origin": "https://localhost"}, base_url="https://localhost"
    )
    assert "Secure" not in plain.headers["Set-Cookie"]
    assert "Secure" in secure.headers["Set-Cookie"]
    assert "HttpOnly" in secure.headers["Set-Cookie"]


def test_the_product_hashes_passwords_with_argon2ids_recommended_cost() -> None:
    # The suite swaps in a quick hasher (tests/database.py); the product's own keeps argon2-cffi's defaults.
    assert accounts.hasher is QUICK_HASHER
    assert (PRODUCT_HASHER.time_cost, PRODUCT_HASHER.memory_cost, PRODUCT_HASHER.parallelism) == (3, 65536, 4)
    assert PRODUCT_HASHER.type.name == "ID"


def test_signing_in_from_a_link_to_an_episode_returns_to_that_episode(client: FlaskClient) -> None:
    staff(username="rina")
    origin = {"Origin": "http://localhost"}
    target = "/satgas/pemantauan?episode=0b9f3c4e-1111-4222-8333-444455556666"
    failed = client.post("/satgas/login", data={"username": "rina", "password": "nope", "next": target}, headers=origin)
    assert failed.headers["Location"] == target + "&gagal=1"
    signed_in = client.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD, "next": target}, headers=origin
    )
    assert signed_in.headers["Location"] == target
    elsewhere = client.post(
        "/satgas/login",
        data={"username": "rina", "password": PASSWORD, "next": "https://evil.example/"},
        headers=origin,
    )
    assert elsewhere.headers["Location"] == "/satgas"


@pytest.mark.parametrize(
    ("password", "english", "indonesian"),
    [
        ("sumbar-demo-2020", "demo password", "Kata sandi demo"),
        ("Sumbar-Siaga-2026", "product's or places' names", "nama produk atau tempat"),
        ("satgas-covid-19", "product's or places' names", "nama produk atau tempat"),
        ("S4tgas-C0vid-19!", "product's or places' names", "nama produk atau tempat"),
    ],
)
def test_the_demo_password_and_product_words_are_refused_for_real_accounts(
    client: FlaskClient, password: str, english: str, indonesian: str
) -> None:
    body = {"username": "andi", "role": "admin", "password": password}
    admin = staff_headers("admin")
    in_english = client.post("/api/v1/users", json=body, headers={**admin, "Accept-Language": "en"})
    in_indonesian = client.post("/api/v1/users", json=body, headers=admin)
    assert (in_english.status_code, in_indonesian.status_code) == (422, 422)
    assert english in in_english.get_json()["errors"]["password"][0]
    assert indonesian in in_indonesian.get_json()["errors"]["password"][0]
    assert db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == "andi")) is None


def test_a_password_with_a_place_name_among_random_words_is_still_accepted(client: FlaskClient) -> None:
    body = {"username": "andi", "role": "admin", "password": "padang-kopi-hujan-jembatan"}
    assert client.post("/api/v1/users", json=body, headers=staff_headers("admin")).status_code == 201


def test_a_real_account_with_the_demo_password_is_flagged_to_admins(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    # An account given the demo password before the rule refused it.
    user = staff(username="rina")
    with unit_of_work():
        user.password_hash = accounts.hasher.hash("sumbar-demo-2020")
    with caplog.at_level("WARNING"):
        assert sign_in(client, "rina", "sumbar-demo-2020").status_code == 200
    assert f"staff account {user.id} signed in with the demo password" in caplog.text
    assert "rina" not in caplog.text
    listed = {u["username"]: u for u in client.get("/api/v1/users", headers=staff_headers("admin")).get_json()}
    assert listed["rina"]["has_demo_password"] is True
    assert listed["admin-all"]["has_demo_password"] is False
    assert accounts.real_accounts_with_demo_password() == ["rina"]
    set_password(user, "kopi-hujan-jembatan-7")
    assert accounts.real_accounts_with_demo_password() == []


@pytest.mark.parametrize(
    "landing", ["/satgas\r\nSet-Cookie: x=1", "/satgas\n", "/satgas\x00", "/satgas\x7f", "/satgas é"]
)
def test_control_characters_in_the_sign_in_landing_page_land_on_the_console(client: FlaskClient, landing: str) -> None:
    staff(username="rina")
    origin = {"Origin": "http://localhost"}
    wrong = client.post("/satgas/login", data={"username": "rina", "password": "nope", "next": landing}, headers=origin)
    assert wrong.status_code == 303
    assert wrong.headers["Location"] == "/satgas?gagal=1"
    right = client.post(
        "/satgas/login", data={"username": "rina", "password": PASSWORD, "next": landing}, headers=origin
    )
    assert right.status_code == 303
    assert right.headers["Location"] == "/satgas"


def test_a_console_page_asked_for_is_still_where_sign_in_lands(client: FlaskClient) -> None:
    staff(username="rina")
    form = {"username": "rina", "password": PASSWORD, "next": "/satgas/pemantauan?flag=emergency"}
    reply = client.post("/satgas/login", data=form, headers={"Origin": "http://localhost"})
    assert reply.headers["Location"] == "/satgas/pemantauan?flag=emergency"


def test_many_addresses_guessing_one_account_alert_the_admins_once_per_window_without_locking_it_out(
    app: Flask, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    start = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    app.config.update({"LOGIN_ACCOUNT_ALERT": "20 per hour", "CLOCK": lambda: start})
    user = staff(username="rina")
    with caplog.at_level("WARNING"):
        for n in range(30):
            assert from_address(client, f"10.7.0.{n + 1}", "rina", f"guess-{n}").status_code == 401
    alerts = [r.getMessage() for r in caplog.records if "failed sign-ins" in r.getMessage()]
    assert alerts == [
        f"staff account {user.id}: 20 failed sign-ins from 20 addresses within 3600 seconds; "
        f"admins alerted (security event {alerts[0].rsplit(' ', 1)[-1]}"
    ]
    assert "rina" not in caplog.text
    assert "10.7.0." not in caplog.text
    events = client.get("/api/v1/security-events", headers=staff_headers("admin")).get_json()
    assert [(e["kind"], e["staff_id"], e["attempts"], e["addresses"]) for e in events] == [
        ("sign_in_failures", user.id, 20, 20)
    ]
    assert client.get("/api/v1/security-events", headers=staff_headers("satgas_provinsi")).status_code == 403
    # The officer is not locked out by the attacker's failures.
    assert from_address(client, "10.8.0.1", "rina", PASSWORD).status_code == 200
    # A new window, new failures: one more event.
    app.config["CLOCK"] = lambda: start + dt.timedelta(minutes=61)
    for n in range(20):
        from_address(client, f"10.9.0.{n + 1}", "rina", f"guess-{n}")
    assert len(client.get("/api/v1/security-events", headers=staff_headers("admin")).get_json()) == 2


def test_failures_for_an_unknown_username_raise_no_event(app: Flask, client: FlaskClient) -> None:
    app.config["LOGIN_ACCOUNT_ALERT"] = "3 per hour"
    for n in range(5):
        from_address(client, f"10.7.1.{n + 1}", "nobody-here", "guess")
    assert client.get("/api/v1/security-events", headers=staff_headers("admin")).get_json() == []
