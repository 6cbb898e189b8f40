"""Console sign-in with a session cookie (the dashboard's /satgas pages); the API itself uses bearer tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, request, session

from api.extensions import limiter
from api.services.accounts import authenticate
from api.services.exceptions import AuthenticationFailed

bp = Blueprint("console", __name__)


def _login_key() -> str:
    return f"login:{request.form.get('username', '-').strip().lower()}"


def _failed(response: Any) -> bool:
    # A failed sign-in is answered with a redirect back to the form carrying ?gagal=1.
    return bool(response.status_code == 303 and "gagal=1" in response.headers.get("Location", ""))


@bp.post("/satgas/login")
@limiter.limit(lambda: current_app.config["LOGIN_FAILURE_LIMIT"], key_func=_login_key, deduct_when=_failed)
@limiter.limit("30 per 5 minutes", deduct_when=_failed)
def login() -> Any:
    next_page = request.form.get("next", "/satgas")
    if not next_page.startswith("/satgas"):
        next_page = "/satgas"
    try:
        user = authenticate(request.form.get("username", ""), request.form.get("password", ""))
    except AuthenticationFailed:
        return redirect(f"{next_page}?gagal=1", code=303)
    session.clear()
    session["staff_id"] = user.id
    return redirect(next_page, code=303)


@bp.post("/satgas/logout")
def logout() -> Any:
    session.clear()
    return redirect("/satgas", code=303)
