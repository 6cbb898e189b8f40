"""Console sign-in with a session cookie (the dashboard's /satgas pages); the API itself uses bearer tokens."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, request

from api.auth import end_console_sessions, start_console_session
from api.services.exceptions import AuthenticationFailed, TooManyRequests
from api.services.sign_in import sign_in

bp = Blueprint("console", __name__)
CONSOLE = "/satgas"
# A hospital's account has one page in the console: its bed form.
BED_FORM = "/satgas/rumah-sakit"


def landing_page(requested: str | None) -> str:
    """Where to go after signing in: the requested console page, or the console itself when the request names
    anything else (another site, a path outside the console, or characters a redirect header cannot carry)."""
    if (
        not requested
        or not requested.startswith(CONSOLE)
        or requested.startswith("//")
        or not all(" " < c < "\x7f" for c in requested)
    ):
        return CONSOLE
    return requested


@bp.post("/satgas/login")
def login() -> Any:
    """The form posts here; failures go back to the form with ?gagal=1, too many with ?tunggu=<seconds>. A hospital's
    account lands on its bed form, whichever console page it signed in from."""
    next_page = landing_page(request.form.get("next"))
    joiner = "&" if "?" in next_page else "?"
    try:
        user = sign_in(request.form.get("username", ""), request.form.get("password", ""), request.remote_addr)
    except TooManyRequests as wait:
        return redirect(f"{next_page}{joiner}tunggu={wait.retry_after}", code=303)
    except AuthenticationFailed:
        return redirect(f"{next_page}{joiner}gagal=1", code=303)
    start_console_session(user)
    if user.role == "rumah_sakit" and not next_page.startswith(BED_FORM):
        next_page = BED_FORM
    return redirect(next_page, code=303)


@bp.post("/satgas/logout")
def logout() -> Any:
    """Sign out: this and every other console session of the account end."""
    end_console_sessions()
    return redirect(CONSOLE, code=303)
