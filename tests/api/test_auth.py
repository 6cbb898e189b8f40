"""Staff sign-in: tokens, wrong credentials, throttling, the users CLI, password hashing."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.extensions import db
from api.models import StaffUser
from tests.factories import PASSWORD, staff


def sign_in(client: FlaskClient, username: str, password: str) -> object:
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
    user.is_active = False
    db.session.commit()
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
    assert "at least 10" in short.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) == 0


def test_duplicate_usernames_are_refused(runner: FlaskCliRunner) -> None:
    args = ["users", "create", "andi", "--role", "admin", "--password", "panjang-sekali-1"]
    assert runner.invoke(args=args).exit_code == 0
    again = runner.invoke(args=args)
    assert again.exit_code != 0
    assert "taken" in again.output
