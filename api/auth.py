"""Who is calling: staff bearer tokens (with roles) and resident device tokens."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

from flask import current_app, g, request, session
from flask_smorest import Blueprint, abort

from api.extensions import db
from api.models import Device, StaffUser
from api.services.accounts import end_sessions_of, staff_for_token
from api.services.devices import device_for_token
from api.services.scope import Scope, scope_of
from api.services.staff.roles import EDITORS as EDITORS
from api.services.staff.roles import RESPONDERS as RESPONDERS
from api.services.staff.roles import WRONG_ROLE as WRONG_ROLE
from api.services.staff.roles import admit
from api.services.tokens import DEVICE_PREFIX
from screening.text import bilingual

F = TypeVar("F", bound=Callable[..., Any])

STAFF_SCHEME = "staffToken"
# The session remembers when it was last used; rewriting the cookie on every request would be noise.
SEEN_REFRESH_SECONDS = 60
DEVICE_SCHEME = "deviceToken"

NOT_STAFF = bilingual("Perlu token staf yang berlaku.", "A valid staff token is required.")
NOT_DEVICE = bilingual("Perlu token perangkat yang berlaku.", "A valid device token is required.")


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def unauthorized(message: dict[str, str]) -> NoReturn:
    """401 with the challenge a client needs to know it should send a bearer token."""
    abort(401, message=message, headers={"WWW-Authenticate": 'Bearer realm="sumbar-siaga"'})
    raise AssertionError("unreachable: abort raises")


def start_console_session(user: StaffUser) -> None:
    session.clear()
    session.permanent = True
    session.update({"staff_id": user.id, "v": user.session_version, "seen": int(time.time())})


def end_console_sessions() -> None:
    """Sign out of the console: every session of the account ends, on every browser."""
    user = staff_from_session()
    session.clear()
    if user is not None:
        end_sessions_of(user)


def staff_from_session() -> StaffUser | None:
    """The staff member signed in to the console, while the account is active, the session is of its current
    version (sign-out and password changes end them all) and it has not been idle past a shift."""
    user_id = session.get("staff_id")
    if user_id is None:
        return None
    now = int(time.time())
    idle = float(current_app.config["CONSOLE_IDLE_HOURS"]) * 3600
    if now - int(session.get("seen", 0)) > idle:
        session.clear()
        return None
    user = db.session.get(StaffUser, user_id)
    if user is None or not user.is_active or session.get("v") != user.session_version:
        session.clear()
        return None
    if now - int(session["seen"]) > SEEN_REFRESH_SECONDS:
        session["seen"] = now
    return user


def staff_caller() -> StaffUser | None:
    """The staff member behind a bearer token, else behind the console's session cookie; None for anyone else."""
    token = bearer_token()
    return staff_for_token(token) if token else staff_from_session()


def optional_staff() -> StaffUser | None:
    """The staff member behind a valid bearer token on a public endpoint that shows staff a little more."""
    token = bearer_token()
    return staff_for_token(token) if token else None


def current_staff() -> StaffUser:
    staff: StaffUser = g.staff
    return staff


def current_scope() -> Scope:
    return scope_of(current_staff())


def current_device() -> Device | None:
    """The calling device where a device is optional (None: an anonymous resident)."""
    device: Device | None = g.get("device")
    return device


def require_device() -> Device:
    """The calling device, in views guarded by device_required (which answered 401 without one)."""
    device: Device | None = g.get("device")
    if device is None:
        unauthorized(NOT_DEVICE)
    return device


def device_caller() -> Device | None:
    """For endpoints both residents and staff read: the device when a device token is sent (401 if
    it is not valid), None when the caller should be checked as staff."""
    token = bearer_token()
    if not token or not token.startswith(DEVICE_PREFIX):
        return None
    device = device_for_token(token)
    if device is None:
        unauthorized(NOT_DEVICE)
    return device


def require_staff() -> StaffUser:
    """The staff member behind the bearer token; 401 without one."""
    token = bearer_token()
    user = staff_for_token(token) if token else None
    if user is None:
        unauthorized(NOT_STAFF)
    return user


def staff_required(blp: Blueprint, *roles: str) -> Callable[[F], F]:
    """Allow staff with one of `roles` (any role when none given): 401 without a token, 403 for other roles."""
    return _staff_view(blp, roles, refuses=bool(roles))


def staff_use_case(blp: Blueprint) -> Callable[[F], F]:
    """For a view that calls a staff use case (api.services.staff), which the console calls too: 401 here without
    a token, while the use case itself checks the role and the region (403), so that rule is written once."""
    return _staff_view(blp, (), refuses=True)


def _staff_view(blp: Blueprint, roles: tuple[str, ...], *, refuses: bool) -> Callable[[F], F]:
    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = require_staff()
            if roles:
                admit(user, roles)
            g.staff = user
            return view(*args, **kwargs)

        documented: F = blp.alt_response(401, response="UNAUTHORIZED")(blp.doc(security=[{STAFF_SCHEME: []}])(wrapped))
        if refuses:
            documented = blp.alt_response(403, response="FORBIDDEN")(documented)
        return documented

    return decorator


def device_required(blp: Blueprint, *, optional: bool = False) -> Callable[[F], F]:
    """Resolve the device token; a token that is sent must be valid even where a device is optional."""

    def decorator(view: F) -> F:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            token = bearer_token()
            device = device_for_token(token) if token else None
            if device is None and (token or not optional):
                unauthorized(NOT_DEVICE)
            g.device = device
            return view(*args, **kwargs)

        security: list[dict[str, list[str]]] = [{DEVICE_SCHEME: []}]
        if optional:
            security.append({})
        documented: F = blp.alt_response(401, response="UNAUTHORIZED")(blp.doc(security=security)(wrapped))
        return documented

    return decorator


def register_security_schemes(rest_api: Any) -> None:
    rest_api.spec.components.security_scheme(
        STAFF_SCHEME, {"type": "http", "scheme": "bearer", "description": "Staff token from POST /api/v1/auth/token"}
    )
    rest_api.spec.components.security_scheme(
        DEVICE_SCHEME, {"type": "http", "scheme": "bearer", "description": "Device token from POST /api/v1/devices"}
    )
