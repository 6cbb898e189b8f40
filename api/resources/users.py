"""Staff accounts, managed by admins."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask.views import MethodView

from api.auth import staff_required
from api.extensions import db
from api.models import StaffUser
from api.schemas.staff import StaffUserCreateSchema, StaffUserSchema, StaffUserUpdateSchema
from api.services.accounts import create_staff_user, get_staff_user, set_active
from api.smorest import Blueprint

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Staff accounts (admin only)")


@blp.route("")
class Users(MethodView):
    @staff_required(blp, "admin")
    @blp.response(200, StaffUserSchema(many=True))
    def get(self) -> Any:
        """Every staff account"""
        return db.session.scalars(sa.select(StaffUser).order_by(StaffUser.username)).all()

    @staff_required(blp, "admin")
    @blp.arguments(StaffUserCreateSchema)
    @blp.response(201, StaffUserSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Create a staff account (satgas_kabkota needs a region)"""
        return create_staff_user(body["username"], body["role"], body["password"], body.get("region"))


@blp.route("/<int:user_id>")
class UserById(MethodView):
    @staff_required(blp, "admin")
    @blp.arguments(StaffUserUpdateSchema)
    @blp.response(200, StaffUserSchema)
    def patch(self, body: dict[str, Any], user_id: int) -> Any:
        """Disable an account (or enable it again): a disabled account's tokens, sessions and streams stop"""
        return set_active(get_staff_user(user_id), body["is_active"])
