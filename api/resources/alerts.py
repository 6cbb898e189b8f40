"""Alerts: the panic button (residents) and the task-force queue, workflow and live stream (staff)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, request, stream_with_context
from flask.views import MethodView
from flask_smorest import abort

from api import events
from api.auth import (
    NOT_STAFF,
    RESPONDERS,
    current_scope,
    current_staff,
    device_caller,
    device_required,
    require_device,
    require_staff,
    staff_caller,
    staff_required,
    staff_use_case,
    unauthorized,
)
from api.metrics import ACKNOWLEDGE_SECONDS
from api.resources.common import idempotency_key, idempotent, idempotent_reply
from api.schemas.alerts import (
    AlertCreateSchema,
    AlertDetailSchema,
    AlertLocationSchema,
    AlertNoteSchema,
    AlertPhoneSchema,
    AlertPressReplySchema,
    AlertQuerySchema,
    AlertReplySchema,
    AlertResolveSchema,
    ResponseTimeSchema,
    StaffAlertSchema,
)
from api.services import alerts as service
from api.services.access_log import record_access
from api.services.alert_contact import add_phone
from api.services.alert_views import own_detail_view, resident_view, staff_view
from api.services.staff import alerts as staff_reads
from api.services.staff.roles import admit
from api.smorest import Blueprint, ErrorSchema
from api.streams import RETRY_SECONDS, StreamsFull, event_stream, hangup_check, open_stream
from screening.text import bilingual

blp = Blueprint("alerts", __name__, url_prefix="/api/v1/alerts", description="Panic alerts and the task-force queue")
press_reply = AlertPressReplySchema()
STREAMS_BUSY = bilingual(
    "Server sedang melayani banyak siaran langsung; konsol akan tersambung lagi sebentar lagi.",
    "The server is serving many live streams; the console reconnects in a moment.",
)


@blp.route("")
class Alerts(MethodView):
    @device_required(blp)
    @blp.arguments(AlertCreateSchema)
    @blp.response(201, AlertPressReplySchema)
    @blp.alt_response(200, schema=AlertPressReplySchema, description="Joined the device's open alert (press counted)")
    @idempotent(blp)
    def post(self, body: dict[str, Any]) -> Any:
        """Press the panic button: stored before the reply, sent at once even without a location

        Presses from the same device while its alert is open join that alert (press_count, `joined`) and
        get 200; a press never joins an alert that was closed meanwhile, it raises a new one.
        """

        def represent(alert: Any, joined: bool) -> dict[str, Any]:
            return dict(press_reply.dump(resident_view(alert, joined)))

        reply = service.raise_alert(require_device(), body, represent, idempotency_key())
        return idempotent_reply(reply)

    @staff_use_case(blp)
    @blp.arguments(AlertQuerySchema, location="query")
    @blp.response(200, StaffAlertSchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> Any:
        """The queue the caller may see (satgas_kabkota: its region), open alerts first in urgency order

        `status=open` gives new, acknowledged and dispatched alerts; closed ones follow, latest first.
        Paged (`page`, `page_size`; the X-Pagination header gives the total).
        """
        listing = staff_reads.alert_list(
            current_staff(),
            status=query.get("status"),
            region_code=query.get("region"),
            alert_type=query.get("type"),
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        )
        pagination_parameters.item_count = listing.total
        return listing.rows


@blp.route("/stream")
class AlertStream(MethodView):
    @blp.doc(
        security=[{"staffToken": []}],
        responses={
            "200": {
                "description": "Server-Sent Events (text/event-stream, https://html.spec.whatwg.org/multipage/"
                "server-sent-events.html), read with an SSE client (the browser's EventSource, or an SSE library "
                "for the app's language), not with a generated client. Each event has an `id` (send it back as "
                "Last-Event-ID to resume), an `event` (created, reopened, pressed, located, contact, claim, dispatch, "
                "resolve, cancel, expire, escalated) and one `data` line of JSON: {kind, alert} with the alert as "
                "StaffAlert (for created and reopened also `alarm`: false when the device's alert already rang "
                "within 10 minutes). "
                "`event: closed` (data {reason}) ends a stream whose credential stopped working; a comment "
                "line keeps a quiet connection open; the server ends every stream after a while, and the client "
                "reconnects with Last-Event-ID.",
                "content": {
                    "text/event-stream": {
                        "schema": {"type": "string"},
                        "example": 'id: 42\nevent: created\ndata: {"kind": "created", "alert": {"id": "..."}}\n\n',
                    }
                },
            },
        },
    )
    @blp.alt_response(401, schema=ErrorSchema, description="No valid staff token or console session")
    @blp.alt_response(403, schema=ErrorSchema, description="The role does not respond to alerts")
    @blp.alt_response(422, schema=ErrorSchema, description="Last-Event-ID is not an event id")
    @blp.alt_response(429, schema=ErrorSchema, description="This account has SUMBAR_STREAMS_PER_ACCOUNT streams open")
    @blp.alt_response(503, schema=ErrorSchema, description="This process serves as many streams as it may; reconnect")
    @blp.reply_headers("Retry-After", status=429)
    @blp.reply_headers("Retry-After", status=503)
    def get(self) -> Any:
        """Server-Sent Events: every new or changed alert in the caller's scope

        Resume after a dropped connection with the Last-Event-ID header (or ?last_event_id=).
        The console's session cookie is accepted as well as a staff bearer token.
        """
        user = staff_caller()
        if user is None:
            unauthorized(NOT_STAFF)
        regions = admit(user, RESPONDERS).regions
        user_id = user.id
        record_access(user, "alerts.stream", None, 1)

        def still_allowed() -> bool:
            # The same credential must still name the same active account.
            current = staff_caller()
            return current is not None and current.id == user_id

        raw_last = request.headers.get("Last-Event-ID") or request.args.get("last_event_id")
        try:
            last_id = int(raw_last) if raw_last else events.latest_event_id()
        except ValueError:
            last_id = -1
        if not 0 <= last_id < 2**63:
            abort(422, errors={"headers": {"Last-Event-ID": ["Not a valid integer."]}})
        try:
            stream_id = open_stream(user)
        except StreamsFull:
            abort(503, message=STREAMS_BUSY, headers={"Retry-After": str(RETRY_SECONDS)})
        stream = event_stream(stream_id, last_id, regions, still_allowed, hangup_check(request.environ))
        response = Response(stream_with_context(stream), mimetype="text/event-stream")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Accel-Buffering"] = "no"
        return response


@blp.route("/response-times")
class ResponseTimes(MethodView):
    @staff_use_case(blp)
    @blp.response(200, ResponseTimeSchema(many=True))
    def get(self) -> Any:
        """Median and 90th percentile time to acknowledge, per region, last 7 days (region null: all)"""
        figures = staff_reads.response_times(current_staff())
        return [{"region": region, **vars(times)} for region, times in figures.items()]


@blp.route("/<uuid:alert_id>")
class AlertById(MethodView):
    @blp.response(200, AlertDetailSchema)
    @blp.doc(security=[{"deviceToken": []}, {"staffToken": []}])
    def get(self, alert_id: uuid.UUID) -> Any:
        """The resident's view of its own alert (device token) or the full record with its history (staff)

        Staff in scope get the press notes in order, every location fix, the audit trail, and the nearest
        hospitals whose latest bed report shows a free isolation or ICU bed (from the alert's location, else
        in its region), fresh reports first, each with its phone and the report's age.
        """
        device = device_caller()
        if device is not None:
            return own_detail_view(service.get_own_alert(alert_id, device))
        return staff_reads.alert_detail(require_staff(), alert_id)


@blp.route("/<uuid:alert_id>/locations")
class AlertLocations(MethodView):
    @device_required(blp)
    @blp.arguments(AlertLocationSchema)
    @blp.response(201, AlertReplySchema)
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """Add a later location fix to the device's open alert; the reply says to call 112 when it lies outside"""
        alert = service.add_location(alert_id, require_device(), body)
        return resident_view(alert)


@blp.route("/<uuid:alert_id>/cancel")
class AlertCancel(MethodView):
    @device_required(blp)
    @blp.arguments(AlertNoteSchema)
    @blp.response(200, AlertReplySchema)
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """The resident cancels its alert (409 once it is closed, or when it was reopened after repeated cancels)"""
        alert = service.cancel_alert(alert_id, require_device(), body.get("note"))
        return resident_view(alert)


@blp.route("/<uuid:alert_id>/phone")
class AlertPhone(MethodView):
    @device_required(blp)
    @blp.arguments(AlertPhoneSchema)
    @blp.response(200, AlertReplySchema)
    @blp.alt_response(409, schema=ErrorSchema, description="The alert is closed")
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """Give the task force a number to call back, for a press that carried none (the latest number counts)"""
        alert = add_phone(alert_id, require_device(), body["phone"])
        return resident_view(alert)


@blp.route("/<uuid:alert_id>/claim")
class AlertClaim(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(AlertNoteSchema)
    @blp.response(200, StaffAlertSchema)
    @blp.alt_response(409, schema=ErrorSchema, description="Someone else claimed it first, or it is no longer new")
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """Acknowledge the alert and take it: of two responders claiming at once, exactly one succeeds"""
        alert = service.claim_alert(alert_id, current_staff(), current_scope(), body.get("note"))
        if alert.acknowledged_at is not None:
            ACKNOWLEDGE_SECONDS.observe((alert.acknowledged_at - alert.created_at).total_seconds())
        return staff_view(alert)


@blp.route("/<uuid:alert_id>/dispatch")
class AlertDispatch(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(AlertNoteSchema)
    @blp.response(200, StaffAlertSchema)
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """Record that help is on its way (from acknowledged)"""
        return staff_view(service.dispatch_alert(alert_id, current_staff(), current_scope(), body.get("note")))


@blp.route("/<uuid:alert_id>/resolve")
class AlertResolve(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(AlertResolveSchema)
    @blp.response(200, StaffAlertSchema)
    def post(self, body: dict[str, Any], alert_id: uuid.UUID) -> Any:
        """Close the alert with an outcome: helped, referred, false_alarm or unreachable"""
        alert = service.resolve_alert(alert_id, current_staff(), current_scope(), body["outcome"], body.get("note"))
        return staff_view(alert)
