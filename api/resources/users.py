"""Staff accounts, managed by admins."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import current_staff, staff_required, staff_use_case
from api.schemas.staff import StaffUserCreateSchema, StaffUserSchema, StaffUserUpdateSchema
from api.services.accounts import create_staff_user, get_staff_user, set_active
from api.services.staff.accounts import account_list
from api.smorest import Blueprint

blp = Blueprint("users", __name__, url_prefix="/api/v1/users", description="Staff accounts (admin only)")


@blp.route("")
class Users(MethodView):
    @staff_use_case(blp)
    @blp.response(200, StaffUserSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, pagination_parameters: Any) -> Any:
        """Every staff account, by username (paged; the X-Pagination header gives the total)"""
        listing = account_list(
            current_staff(), limit=pagination_parameters.page_size, offset=pagination_parameters.first_item
        )
        pagination_parameters.item_count = listing.total
        return listing.rows

    @staff_required(blp, "admin")
    @blp.arguments(StaffUserCreateSchema)
    @blp.response(201, StaffUserSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Create a staff account (satgas_kabkota needs a region, rumah_sakit a hospital)"""
        return create_staff_user(
            body["username"], body["role"], body["password"], body.get("region"), body.get("hospital")
        )


@blp.route("/<int:user_id>")
class UserById(MethodView):
    @staff_required(blp, "admin")
    @blp.arguments(StaffUserUpdateSchema)
    @blp.response(200, StaffUserSchema)
    def patch(self, body: dict[str, Any], user_id: int) -> Any:
        """Disable an account (or enable it again): a disabled account's tokens, sessions and streams stop"""
        return set_active(get_staff_user(user_id), body["is_active"])
