"""Staff accounts: creation, password checks, bearer tokens."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from functools import cache

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import ROLES, Hospital, Region, StaffToken, StaffUser
from api.services.exceptions import AuthenticationFailed, Conflict, InvalidInput, NotFound
from api.services.passwords import PUBLISHED_DEMO_PASSWORD, password_problems
from api.services.tokens import STAFF_PREFIX, hash_token, new_token
from api.transactions import unit_of_work
from screening.text import bilingual

log = logging.getLogger(__name__)
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")
hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both failures take the same time (made on first use:
    hashing costs a fifth of a second, which every process start would otherwise pay)."""
    return hasher.hash("not-a-real-password")


WRONG_CREDENTIALS = bilingual("Nama pengguna atau kata sandi salah.", "Wrong username or password.")


def demo_password() -> str:
    """The demo accounts' password: SUMBAR_DEMO_PASSWORD, else the published one."""
    return str(current_app.config.get("DEMO_PASSWORD") or PUBLISHED_DEMO_PASSWORD)


def _is_demo_password(password: str) -> bool:
    return password in {PUBLISHED_DEMO_PASSWORD, demo_password()}


def _account_errors(
    username: str, role: str, region_code: str | None, password: str | None, hospital_code: str | None = None
) -> dict[str, list[dict[str, str]]]:
    """Every problem with the account's fields; the password is not judged when None (the demo accounts')."""
    errors: dict[str, list[dict[str, str]]] = {}
    if not USERNAME_PATTERN.match(username):
        errors["username"] = [
            bilingual(
                "3–64 karakter: huruf kecil, angka, titik, garis bawah, atau tanda hubung.",
                "3-64 characters: lowercase letters, digits, dot, underscore or hyphen.",
            )
        ]
    if role not in ROLES:
        errors["role"] = [
            bilingual(f"Peran harus salah satu dari: {', '.join(ROLES)}.", f"Role must be one of: {', '.join(ROLES)}.")
        ]
    if role == "satgas_kabkota" and not region_code:
        errors["region"] = [
            bilingual("Peran satgas_kabkota memerlukan kode wilayah.", "The satgas_kabkota role needs a region code.")
        ]
    elif role != "satgas_kabkota" and region_code:
        errors["region"] = [
            bilingual(
                "Hanya peran satgas_kabkota yang terikat wilayah.", "Only the satgas_kabkota role is tied to a region."
            )
        ]
    elif region_code and db.session.get(Region, region_code) is None:
        errors["region"] = [
            bilingual(f"Kode wilayah tidak dikenal: {region_code}.", f"Unknown region code: {region_code}.")
        ]
    hospital = _hospital_error(role, hospital_code)
    if hospital:
        errors["hospital"] = [hospital]
    problems = [] if password is None else password_problems(password, username, [demo_password()])
    if problems:
        errors["password"] = problems
    return errors


def _hospital_error(role: str, hospital_code: str | None) -> dict[str, str] | None:
    """A rumah_sakit account reports for exactly one known hospital; no other role is tied to one."""
    if role == "rumah_sakit" and not hospital_code:
        return bilingual(
            "Peran rumah_sakit memerlukan kode rumah sakit.", "The rumah_sakit role needs a hospital code."
        )
    if role != "rumah_sakit" and hospital_code:
        return bilingual(
            "Hanya peran rumah_sakit yang terikat rumah sakit.", "Only the rumah_sakit role is tied to a hospital."
        )
    if hospital_code and db.session.get(Hospital, hospital_code) is None:
        return bilingual(
            f"Kode rumah sakit tidak dikenal: {hospital_code}.", f"Unknown hospital code: {hospital_code}."
        )
    return None


def create_staff_user(
    username: str, role: str, password: str, region_code: str | None = None, hospital_code: str | None = None
) -> StaffUser:
    return _create(username, role, password, region_code, hospital_code, demo=False)


def create_demo_user(
    username: str, role: str, password: str, region_code: str | None = None, hospital_code: str | None = None
) -> StaffUser:
    """A demo account (`flask demo load` only): marked as demo, and its password is not held to the rules."""
    return _create(username, role, password, region_code, hospital_code, demo=True)


def _create(
    username: str, role: str, password: str, region_code: str | None, hospital_code: str | None, *, demo: bool
) -> StaffUser:
    username = username.strip().lower()
    with unit_of_work():
        errors = _account_errors(username, role, region_code, None if demo else password, hospital_code)
        if errors:
            raise InvalidInput(bilingual("Akun tidak valid.", "Invalid account."), errors)
        if db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username)) is not None:
            raise Conflict(bilingual(f"Nama pengguna {username} sudah dipakai.", f"The username {username} is taken."))
        user = StaffUser(
            username=username,
            role=role,
            region_code=region_code,
            hospital_code=hospital_code,
            password_hash=hasher.hash(password),
            created_at=utcnow(),
            is_demo=demo,
            has_demo_password=_is_demo_password(password),
        )
        db.session.add(user)
    return user


def set_password(user: StaffUser, password: str) -> None:
    """Change the password and sign the account out everywhere. Raises InvalidInput for a weak password."""
    with unit_of_work():
        problems = password_problems(password, user.username, [demo_password()])
        if problems:
            raise InvalidInput(bilingual("Kata sandi ditolak.", "Password refused."), {"password": problems})
        user.password_hash = hasher.hash(password)
        user.has_demo_password = False
        _end_sessions(user)


@dataclass(frozen=True)
class StaffListing:
    rows: list[StaffUser]
    total: int


def list_staff_users(*, limit: int = 100, offset: int = 0) -> StaffListing:
    total = int(db.session.scalar(sa.select(sa.func.count()).select_from(StaffUser)) or 0)
    rows = db.session.scalars(sa.select(StaffUser).order_by(StaffUser.username).offset(offset).limit(limit)).all()
    return StaffListing(list(rows), total)


def demo_accounts_exist() -> bool:
    """Whether any active account still has the published demo password's mark (the console warns then)."""
    found = db.session.scalar(sa.select(StaffUser.id).where(StaffUser.is_demo.is_(True), StaffUser.is_active).limit(1))
    return found is not None


def real_accounts_with_demo_password() -> list[str]:
    """Active accounts not made by the demo step that have the demo password (admins must change them)."""
    query = sa.select(StaffUser.username).where(
        StaffUser.has_demo_password.is_(True), StaffUser.is_demo.is_(False), StaffUser.is_active
    )
    return list(db.session.scalars(query.order_by(StaffUser.username)))


def get_staff_user(user_id: int) -> StaffUser:
    user = db.session.get(StaffUser, user_id)
    if user is None:
        raise NotFound(bilingual("Akun staf tidak ditemukan.", "Staff account not found."))
    return user


def staff_user_named(username: str) -> StaffUser:
    user = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username.strip().lower()))
    if user is None:
        raise NotFound(bilingual(f"Tidak ada akun {username}.", f"There is no account {username}."))
    return user


def set_active(user: StaffUser, active: bool) -> StaffUser:
    """Disable (or enable again) an account; disabling ends its tokens, console sessions and live streams."""
    with unit_of_work():
        user.is_active = active
        if not active:
            _end_sessions(user)
    return user


def _end_sessions(user: StaffUser) -> None:
    # Bearer tokens are deleted; console sessions carry the old version and open streams check again.
    db.session.execute(sa.delete(StaffToken).where(StaffToken.user_id == user.id))
    user.session_version += 1


def end_sessions_of(user: StaffUser) -> None:
    """Every console session of the account ends (sign-out ends them all, not only this browser's)."""
    with unit_of_work():
        db.session.execute(
            sa.update(StaffUser)
            .where(StaffUser.id == user.id)
            .values(session_version=StaffUser.session_version + 1)
            .execution_options(synchronize_session="fetch")
        )


def authenticate(username: str, password: str) -> StaffUser:
    with unit_of_work():
        user: StaffUser | None = db.session.scalar(
            sa.select(StaffUser).where(StaffUser.username == username.strip().lower())
        )
        try:
            hasher.verify(user.password_hash if user else _dummy_hash(), password)
        except (VerificationError, InvalidHashError):
            raise AuthenticationFailed(WRONG_CREDENTIALS) from None
        if user is None or not user.is_active:
            raise AuthenticationFailed(WRONG_CREDENTIALS)
        if hasher.check_needs_rehash(user.password_hash):
            user.password_hash = hasher.hash(password)
        # Only here is the password itself known: an account given the demo password before the rule refused it
        # (or by the migration's check) is marked, and unmarked once it has another.
        user.has_demo_password = _is_demo_password(password)
        if user.has_demo_password and not user.is_demo:
            log.warning(
                "staff account %s signed in with the demo password: change it (flask users set-password)", user.id
            )
        user.last_login_at = utcnow()
    return user


def issue_staff_token(user: StaffUser) -> tuple[str, dt.datetime]:
    token = new_token(STAFF_PREFIX)
    with unit_of_work():
        now = utcnow()
        expires_at = now + dt.timedelta(hours=current_app.config["STAFF_TOKEN_HOURS"])
        db.session.add(StaffToken(token_hash=hash_token(token), user_id=user.id, created_at=now, expires_at=expires_at))
    return token, expires_at


def staff_for_token(token: str) -> StaffUser | None:
    if not token.startswith(STAFF_PREFIX):
        return None
    row: StaffToken | None = db.session.scalar(
        sa.select(StaffToken).where(StaffToken.token_hash == hash_token(token), StaffToken.expires_at > utcnow())
    )
    if row is None or not row.user.is_active:
        return None
    user: StaffUser = row.user
    return user


def revoke_staff_token(token: str) -> None:
    with unit_of_work():
        db.session.execute(sa.delete(StaffToken).where(StaffToken.token_hash == hash_token(token)))


def purge_expired_tokens() -> int:
    with unit_of_work():
        result = db.session.execute(sa.delete(StaffToken).where(StaffToken.expires_at <= utcnow()))
    return int(getattr(result, "rowcount", 0) or 0)
