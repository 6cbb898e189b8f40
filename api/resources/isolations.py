"""Home isolation: residents start episodes and send check-ins; the task force follows them up."""

from __future__ import annotations

import uuid
from typing import Any

from flask import jsonify, request
from flask.views import MethodView
from flask_smorest import abort

from api.auth import (
    RESPONDERS,
    current_scope,
    current_staff,
    device_caller,
    device_required,
    require_device,
    staff_required,
)
from api.i18n import request_lang
from api.schemas.isolation import (
    CheckinSchema,
    EpisodeCloseSchema,
    EpisodeNoteSchema,
    EpisodeQuerySchema,
    FlagClearSchema,
    IsolationCreateSchema,
)
from api.services import isolation as service
from api.smorest import Blueprint

blp = Blueprint("isolations", __name__, url_prefix="/api/v1/isolations", description="Home isolation monitoring")
checkin_schema = CheckinSchema()


@blp.route("")
class Isolations(MethodView):
    @device_required(blp)
    @blp.arguments(IsolationCreateSchema)
    @blp.response(201)
    def post(self, body: dict[str, Any]) -> Any:
        """Start a home-isolation episode (a self-screening result can fill reason and start date)

        The planned end follows KMK 413/2020: confirmed without symptoms, specimen date + 10 days;
        confirmed with symptoms or suspect, onset + 13 days or 3 days after the last day with fever or
        respiratory symptoms, whichever is later; close contact, last contact + 14 days.
        """
        episode = service.start_episode(require_device(), body)
        return service.episode_view(episode, lang=request_lang(), personal=True), 201

    @staff_required(blp, *RESPONDERS)
    @blp.arguments(EpisodeQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any]) -> Any:
        """Episodes in the caller's scope with adherence (days reported, days missed, last check-in)"""
        rows = service.list_episodes(
            current_scope(), region_code=query.get("region"), flag=query.get("flag"), status=query.get("status")
        )
        return jsonify([service.staff_summary(e) for e in rows])


@blp.route("/<uuid:episode_id>")
class IsolationById(MethodView):
    @blp.response(200)
    @blp.doc(security=[{"deviceToken": []}, {"staffToken": []}])
    def get(self, episode_id: uuid.UUID) -> Any:
        """Day N of M, end date, status, flags, today's reminders and the history

        The resident's device sees its own episode; staff in scope also see the audit trail.
        """
        device = device_caller()
        if device is not None:
            episode = service.own_episode(episode_id, device)
            return jsonify(service.episode_view(episode, lang=request_lang(), personal=True))
        return _staff_view(episode_id)


@staff_required(blp, *RESPONDERS)
def _staff_view(episode_id: uuid.UUID) -> Any:
    episode = service.scoped_episode(episode_id, current_scope())
    view = service.episode_view(episode, lang=request_lang(), personal=True)
    view["events"] = service.episode_events(episode)
    return jsonify(view)


@blp.route("/<uuid:episode_id>/checkins")
class Checkins(MethodView):
    @device_required(blp)
    @blp.response(201)
    @blp.doc(
        requestBody={
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Checkin"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/Checkin"}},
                        ]
                    }
                }
            }
        }
    )
    def post(self, episode_id: uuid.UUID) -> Any:
        """Send a check-in, or the app's offline queue as a list; each is triaged

        The reply's `triage` is emergency, urgent or stable, with what to do now. An emergency opens
        an alert in the task-force queue at once. Check-ins are ordered by measured_at, and a
        client_id already stored is not stored again (reported as duplicate).
        """
        body = request.get_json(silent=True)
        single = isinstance(body, dict)
        if not single and not (isinstance(body, list) and body):
            abort(422, errors={"json": ["Send a check-in object or a non-empty list of them."]})
        items: list[Any] = [body] if single else list(body or [])
        errors: dict[str, Any] = {}
        loaded: list[dict[str, Any]] = []
        for index, item in enumerate(items):
            problems = checkin_schema.validate(item) if isinstance(item, dict) else {"_schema": ["Invalid input type."]}
            if problems:
                errors[str(index)] = problems
            else:
                loaded.append(checkin_schema.load(item))
        if errors:
            abort(422, errors={"json": errors["0"] if single else errors})
        lang = request_lang()
        stored = service.add_checkins(episode_id, require_device(), loaded)
        results = [{**service.checkin_view(s.checkin, lang), "duplicate": s.duplicate} for s in stored]
        episode = service.own_episode(episode_id, require_device())
        summary = {k: v for k, v in service.episode_view(episode, lang=lang, personal=False).items() if k != "history"}
        status = 200 if all(s.duplicate for s in stored) else 201
        if single:
            return jsonify({**results[0], "episode": summary}), status
        return jsonify(
            {"checkins": results, "stored": sum(not s.duplicate for s in stored), "episode": summary}
        ), status


@blp.route("/<uuid:episode_id>/close")
class IsolationClose(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(EpisodeCloseSchema)
    @blp.response(200)
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Close the episode: completed, referred, hospitalized, died or lost_to_follow_up (audited)"""
        episode = service.close_episode(episode_id, current_staff(), current_scope(), body["outcome"], body.get("note"))
        return jsonify(service.staff_summary(episode))


@blp.route("/<uuid:episode_id>/notes")
class IsolationNotes(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(EpisodeNoteSchema)
    @blp.response(201)
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Add a follow-up note to the episode's audit trail"""
        episode = service.add_note(episode_id, current_staff(), current_scope(), body["note"])
        return jsonify(service.episode_events(episode)), 201


@blp.route("/<uuid:episode_id>/unflag")
class IsolationFlags(MethodView):
    @staff_required(blp, *RESPONDERS)
    @blp.arguments(FlagClearSchema)
    @blp.response(200)
    def post(self, body: dict[str, Any], episode_id: uuid.UUID) -> Any:
        """Lower a flag after follow-up (e.g. the resident was phoned), with a note"""
        episode = service.clear_flag(episode_id, current_staff(), current_scope(), body["flag"], body.get("note"))
        return jsonify(service.staff_summary(episode))
