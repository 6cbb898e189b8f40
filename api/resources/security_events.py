"""Security events for admins: accounts under a guessing attack from many addresses."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import staff_required
from api.schemas.staff import SecurityEventSchema
from api.services.sign_in import list_security_events
from api.smorest import Blueprint

blp = Blueprint("security_events", __name__, url_prefix="/api/v1/security-events", description="Security events")


@blp.route("")
class SecurityEvents(MethodView):
    @staff_required(blp, "admin")
    @blp.response(200, SecurityEventSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, pagination_parameters: Any) -> Any:
        """Security events, newest first: e.g. an account whose failed sign-ins from any addresses passed
        SUMBAR_LOGIN_ACCOUNT_ALERT within its window (one event per window; the account is not locked)"""
        rows, total = list_security_events(
            limit=pagination_parameters.page_size, offset=pagination_parameters.first_item
        )
        pagination_parameters.item_count = total
        return rows
