"""Staff sign-in: bearer tokens for the API."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from api.auth import bearer_token, current_staff, staff_required
from api.schemas.staff import StaffUserSchema, TokenRequestSchema, TokenSchema
from api.services.accounts import issue_staff_token, revoke_staff_token
from api.services.sign_in import sign_in
from api.smorest import Blueprint, ErrorSchema

blp = Blueprint("auth", __name__, url_prefix="/api/v1/auth", description="Staff authentication")


@blp.route("/token")
class Token(MethodView):
    @blp.arguments(TokenRequestSchema)
    @blp.response(200, TokenSchema)
    @blp.alt_response(401, schema=ErrorSchema, description="Wrong username or password")
    @blp.alt_response(429, schema=ErrorSchema, description="Too many failed attempts; see Retry-After")
    @blp.reply_headers("Retry-After", status=429)
    def post(self, body: dict[str, Any]) -> Any:
        """Exchange a username and password for a bearer token

        Failed attempts are limited per username and client address, and per address; someone else's
        failures never refuse a correct password from another address.
        """
        user = sign_in(body["username"], body["password"], request.remote_addr)
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
