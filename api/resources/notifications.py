"""The notification outbox for admins: what was sent, what is waiting, what was given up on (and retrying it)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.auth import staff_required
from api.schemas.notifications import NotificationQuerySchema, NotificationSchema
from api.services.notifications import list_notifications, retry_notification
from api.smorest import Blueprint

blp = Blueprint("notifications", __name__, url_prefix="/api/v1/notifications", description="Notification outbox")


@blp.route("")
class Notifications(MethodView):
    @staff_required(blp, "admin")
    @blp.arguments(NotificationQuerySchema, location="query")
    @blp.response(200, NotificationSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> Any:
        """Notifications, newest first; `status=dead` lists those given up on after SUMBAR_NOTIFY_GIVE_UP_HOURS"""
        rows, total = list_notifications(
            query.get("status"), limit=pagination_parameters.page_size, offset=pagination_parameters.first_item
        )
        pagination_parameters.item_count = total
        return rows


@blp.route("/<int:notification_id>/retry")
class NotificationRetry(MethodView):
    @staff_required(blp, "admin")
    @blp.response(200, NotificationSchema)
    def post(self, notification_id: int) -> Any:
        """Queue a dead notification again now (409 if it is not dead), with a fresh give-up time"""
        return retry_notification(notification_id)
