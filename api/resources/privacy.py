"""Residents' personal data: the privacy notice (public), a device's export and erasure, the staff access record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask.views import MethodView

from api.auth import device_required, require_device, staff_required
from api.clock import start_of_local_day
from api.i18n import request_lang
from api.resources.common import stored_columns
from api.schemas.common import LangQuerySchema
from api.schemas.privacy import (
    AccessQuerySchema,
    DeviceDataSchema,
    PrivacyNoticeSchema,
    StaffAccessSchema,
)
from api.services import privacy
from api.services.access_log import list_access
from api.smorest import Blueprint

blp = Blueprint("privacy", __name__, url_prefix="/api/v1", description="Personal data (Law 27 of 2022)")


@blp.route("/privacy")
class PrivacyNotice(MethodView):
    @blp.arguments(LangQuerySchema, location="query")
    @blp.response(200, PrivacyNoticeSchema)
    def get(self, query: dict[str, Any]) -> Any:
        """The privacy notice: what is collected, why, how long, who sees it, the resident's rights"""
        return privacy.privacy_notice(request_lang(query.get("lang")))


@blp.route("/devices/me/data")
class DeviceData(MethodView):
    @device_required(blp)
    @blp.response(200, DeviceDataSchema)
    def get(self) -> Any:
        """Everything stored for this device, to download: screenings, alerts with their notes, fixes and history,
        isolations with their check-ins and history (the notes staff wrote included)"""
        found = privacy.export(require_device())
        return {
            "device": found.device,
            "screening_responses": found.screening_responses,
            "alerts": [
                {
                    **stored_columns(a),
                    "presses": found.presses[a.id],
                    "locations": found.locations[a.id],
                    "history": found.transitions[a.id],
                }
                for a in found.alerts
            ],
            "isolation_episodes": [
                {**stored_columns(e), "checkins": found.checkins[e.id], "history": found.episode_events[e.id]}
                for e in found.episodes
            ],
        }


@blp.route("/devices/me")
class DeviceMe(MethodView):
    @device_required(blp)
    @blp.response(204)
    def delete(self) -> None:
        """Erase everything stored for this device and revoke its token

        Screenings are unlinked (their answers stay only as statistics), isolation episodes and check-ins
        are deleted, alerts lose their phone, notes and locations; an alert still open keeps what the
        responders need until it is closed, then it is cleaned.
        """
        privacy.erase(require_device())


@blp.route("/access-log")
class AccessLog(MethodView):
    @staff_required(blp, "admin")
    @blp.arguments(AccessQuerySchema, location="query")
    @blp.response(200, StaffAccessSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> Any:
        """Staff reads of residents' personal data (who, what, when), newest first"""
        until = query.get("to")
        listing = list_access(
            username=query.get("username"),
            since=start_of_local_day(query["from_"]) if query.get("from_") else None,
            until=start_of_local_day(until + dt.timedelta(days=1)) if until else None,
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        )
        pagination_parameters.item_count = listing.total
        return listing.rows
