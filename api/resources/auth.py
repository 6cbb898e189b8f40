"""Staff sign-in: bearer tokens for the API."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask.views import MethodView

from api.auth import bearer_token, current_staff, staff_required
from api.extensions import limiter
from api.schemas.staff import StaffUserSchema, TokenRequestSchema, TokenSchema
from api.services.accounts import authenticate, issue_staff_token, revoke_staff_token
from api.smorest import Blueprint

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Staff authentication")


def _login_key() -> str:
    body = request.get_json(silent=True)
    username = body.get("username") if isinstance(body, dict) else None
    return f"login:{str(username).strip().lower() if username else '-'}"


def _failed(response: Any) -> bool:
    return bool(response.status_code == 401)


@blp.route("/token")
class Token(MethodView):
    # Only failures count: after too many for one username (or one address) further attempts get 429.
    decorators = [
        limiter.limit(lambda: current_app.config["LOGIN_FAILURE_LIMIT"], key_func=_login_key, deduct_when=_failed),
        limiter.limit("30 per 5 minutes", deduct_when=_failed),
    ]

    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, description="Wrong username or password")
    @blp.alt_response(429, description="Too many failed attempts; see Retry-After")
    def post(self, body: dict[str, Any]) -> Any:
        """Exchange a username and password for a bearer token"""
        user = authenticate(body["username"], body["password"])
        token, expires_at = issue_staff_token(user)
        return {"token": token, "token_type": "Bearer", "expires_at": expires_at, "user": user}

    @staff_required(blp)
    @blp.response(204)
    def delete(self) -> None:
        """Sign out: revoke the token used for this request"""
        revoke_staff_token(bearer_token() or "")


@blp.route("/me")
class Me(MethodView):
    @staff_required(blp)
    @blp.response(200, StaffUserSchema)
    def get(self) -> Any:
        """The signed-in staff member"""
        return current_staff()
