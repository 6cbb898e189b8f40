"""Home isolation: residents start episodes and send check-ins; the task force follows them up."""

from __future__ import annotations

import uuid
from typing import Any

from flask import make_response
from flask.views import MethodView

from api.auth import (
    RESPONDERS,
    current_scope,
    current_staff,
    device_caller,
    device_required,
    require_device,
    require_staff,
    staff_required,
    staff_use_case,
)
from api.i18n import request_lang
from api.metrics import CHECKINS_RECEIVED
from api.schemas.checkin_replies import checkin_batch_reply_body, checkin_reply_body
from api.schemas.isolation import (
    CheckinBatchReplySchema,
    CheckinReplySchema,
    CheckinSchema,
    EpisodeCloseSchema,
    EpisodeNoteSchema,
    EpisodeQuerySchema,
    EpisodeSchema,
    EpisodeSummarySchema,
    FlagClearSchema,
    IsolationCreateSchema,
    IsolationEventSchema,
    IsolationPlaceSchema,
)
from api.services import isolation as service
from api.services.staff import isolation as staff_reads
from api.smorest import Blueprint

blp = Blueprint("isolations", __name__, url_prefix="/api/v1/isolations", description="Home isolation monitoring")


@blp.route("")
class Isolations(MethodView):
    @device_required(blp)
    @blp.arguments(IsolationCreateSchema)
    @blp.response(201, EpisodeSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Start a home-isolation episode (a self-screening result can fill reason, start date and region)

        The planned end follows KMK 413/2020: confirmed without symptoms, specimen date + 10 days;
        confirmed with symptoms, suspect or symptomatic, onset + 13 days or 3 days after the last day with
        fever or respiratory symptoms, whichever is later; close contact, last contact + 14 days. Without a
        region (in the body or on the screening) the episode is refused: no task force would see it.
        """
        episode = service.start_episode(require_device(), body)
        return service.episode_view(episode, personal=True)

    @staff_use_case(blp)
    @blp.arguments(EpisodeQuerySchema, location="query")
    @blp.response(200, EpisodeSummarySchema(many=True))
    @blp.paginate(page_size=100, max_page_size=500)
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> Any:
        """Episodes in the caller's scope with adherence, most worrying first (paged; X-Pagination header)"""
        listing = staff_reads.episode_list(
            current_staff(),
            region_code=query.get("region"),
            flag=query.get("flag"),
            status=query.get("status"),
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        )
        pagination_parameters.item_count = listing.total
        return listing.rows


@blp.route("/<uuid:episode_id>")
class IsolationById(MethodView):
    @blp.response(200, EpisodeSchema)
    @blp.doc(security=[{"deviceToken": []}, {"staffToken": []}])
    def get(self, episode_id: uuid.UUID) -> Any:
        """Day N of M, end date, status, flags, today's reminders and the history

        The resident's device sees its own episode; staff in scope also see the audit trail (`events`).
        """
        device = device_caller()
        if device is not None:
            return service.episode_view(service.own_episode(episode_id, device), personal=True)
        return staff_reads.episode_detail(require_staff(), episode_id)


@blp.route("/<uuid:episode_id>/place")
class IsolationPlace(MethodView):
    @device_required(blp)
    @blp.arguments(IsolationPlaceSchema)
    @blp.response(200, EpisodeSchema)
    def put(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Correct where you isolate: the address and the optional pin replace those given before

        The task force sees them on the monitoring board and on any alert from this episode. A null address
        or pin clears it. A closed episode cannot be changed (409).
        """
        episode = service.change_place(episode_id, require_device(), body)
        return service.episode_view(episode, personal=True)


@blp.route("/<uuid:episode_id>/checkins")
class Checkins(MethodView):
    @device_required(blp)
    @blp.arguments(CheckinSchema)
    @blp.response(201, CheckinReplySchema)
    @blp.alt_response(200, schema=CheckinReplySchema, description="Sent before: this client_id is already stored")
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Send one check-in; it is triaged against those measured before it

        The reply's `triage` is emergency, urgent or stable, with what to do now and the numbers to call.
        An emergency opens an alert in the task-force queue at once. A client_id already stored is not
        stored again (200, `duplicate`).
        """
        lang = request_lang()
        reply, stored = service.checkin_replies(episode_id, require_device(), [body], lang, single=True)
        if stored:
            CHECKINS_RECEIVED.inc()
        # Written without the schema's dump (api/schemas/checkin_replies.py); the schema documents the reply.
        return make_response(checkin_reply_body(reply, lang), 201 if stored else 200)  # type: ignore[arg-type]


@blp.route("/<uuid:episode_id>/checkins/batch")
class CheckinBatch(MethodView):
    @device_required(blp)
    @blp.arguments(CheckinSchema(many=True))
    @blp.response(201, CheckinBatchReplySchema)
    @blp.alt_response(200, schema=CheckinBatchReplySchema, description="Every check-in was stored before")
    def post(self, body: list[dict[str, Any]], episode_id: uuid.UUID) -> Any:
        """Send the app's offline queue: each check-in is stored once and triaged in the order measured

        Re-sending a queue is safe: client_ids already stored are reported as duplicates and stored
        nothing; when all of them were, the reply is 200.
        """
        lang = request_lang()
        reply, stored = service.checkin_replies(episode_id, require_device(), body, lang, single=False)
        CHECKINS_RECEIVED.inc(reply.stored)  # type: ignore[union-attr]
        return make_response(checkin_batch_reply_body(reply, lang), 201 if stored else 200)  # type: ignore[arg-type]


@blp.route("/<uuid:episode_id>/close")
class IsolationClose(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(EpisodeCloseSchema)
    @blp.response(200, EpisodeSummarySchema)
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Close the episode: completed, referred, hospitalized, died or lost_to_follow_up (audited)

        Completing before the release date (`end_date`) needs `early_reason`; without it the reply is 422 on
        that field, saying the day and how many days early, and nothing changes.
        """
        episode = service.close_episode(
            episode_id,
            current_staff(),
            current_scope(),
            body["outcome"],
            body.get("note"),
            early_reason=body.get("early_reason"),
        )
        return service.episode_view(episode, personal=True, with_history=False)


@blp.route("/<uuid:episode_id>/notes")
class IsolationNotes(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(EpisodeNoteSchema)
    @blp.response(201, IsolationEventSchema(many=True))
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Add a follow-up note to the episode's audit trail; the reply is the whole trail"""
        episode = service.add_note(episode_id, current_staff(), current_scope(), body["note"])
        return service.episode_events(episode)


@blp.route("/<uuid:episode_id>/unflag")
class IsolationFlags(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(FlagClearSchema)
    @blp.response(200, EpisodeSummarySchema)
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Lower a flag after follow-up (e.g. the resident was phoned), with a note"""
        episode = service.clear_flag(episode_id, current_staff(), current_scope(), body["flag"], body.get("note"))
        return service.episode_view(episode, personal=True, with_history=False)
