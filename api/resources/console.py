"""Console sign-in with a session cookie (the dashboard's /satgas pages); the API itself uses bearer tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request

from api.auth import end_console_sessions, start_console_session
from api.services.exceptions import AuthenticationFailed, TooManyRequests
from api.services.sign_in import sign_in

bp = Blueprint("console", __name__)


@bp.post("/satgas/login")
def login() -> Any:
    """The form posts here; failures go back to the form with ?gagal=1, too many with ?tunggu=<seconds>."""
    next_page = request.form.get("next", "/satgas")
    if not next_page.startswith("/satgas") or next_page.startswith("//"):
        next_page = "/satgas"
    joiner = "&" if "?" in next_page else "?"
    try:
        user = sign_in(request.form.get("username", ""), request.form.get("password", ""), request.remote_addr)
    except TooManyRequests as wait:
        return redirect(f"{next_page}{joiner}tunggu={wait.retry_after}", code=303)
    except AuthenticationFailed:
        return redirect(f"{next_page}{joiner}gagal=1", code=303)
    start_console_session(user)
    return redirect(next_page, code=303)


@bp.post("/satgas/logout")
def logout() -> Any:
    """Sign out: this and every other console session of the account end."""
    end_console_sessions()
    return redirect("/satgas", code=303)
