"""Home-isolation episodes and check-ins: what residents send, what residents and staff read back."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.alerts import maps_link
from api.schemas.common import (
    Day,
    HotlineSchema,
    NestedWorded,
    StrictSchema,
    Timestamp,
    WordedSchema,
    lat_and_lon_together,
    phone_field,
    staff_username,
)
from api.schemas.hospitals import HospitalSchema
from screening import isolation_monitoring as monitoring
from screening.isolation import ADVICE
from screening.isolation import CLOSING_OUTCOMES as ISOLATION_OUTCOMES
from screening.isolation import DANGER_SIGNS as ISOLATION_DANGER_SIGNS
from screening.isolation import REASONS as ISOLATION_REASONS
from screening.isolation import STATUSES as ISOLATION_STATUSES
from screening.isolation import SYMPTOMS as ISOLATION_SYMPTOMS
from screening.isolation_events import event_text
from screening.reasons import reason_text
from screening.text import localize


class PlaceFields(StrictSchema):
    """Where the resident isolates: an address in their words and, with their consent, the phone's GPS pin."""

    address = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=5, max=300),
        metadata={"description": "street, number, RT/RW, kelurahan/nagari: what an officer needs to find the door"},
    )
    lat = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-90, 90))
    lon = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-180, 180))

    @ma.pre_load
    def blank_address_is_none(self, data: Any, **_kwargs: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("address"), str):
            data = {**data, "address": data["address"].strip() or None}
        return data

    @ma.validates_schema
    def pin_whole(self, data: dict[str, Any], **_kwargs: Any) -> None:
        lat_and_lon_together(data)


class IsolationPlaceSchema(PlaceFields):
    """The resident's correction of where they isolate: replaces address and pin (null clears them)."""


class IsolationCreateSchema(PlaceFields):
    reason = ma.fields.String(load_default=None, allow_none=True, validate=validate.OneOf(ISOLATION_REASONS))
    start_date = Day(
        load_default=None,
        allow_none=True,
        metadata={"description": "specimen date (confirmed), symptom onset (symptomatic, suspect) or last contact"},
    )
    region = ma.fields.String(load_default=None, allow_none=True)
    name = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=120))
    phone = phone_field()
    screening_response_id = ma.fields.UUID(
        load_default=None,
        allow_none=True,
        metadata={"description": "a self-screening result of this device; fills reason, start date and region"},
    )


class CheckinSchema(StrictSchema):
    measured_at = Timestamp(required=True)
    temperature_c = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(30, 45))
    spo2 = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(50, 100))
    respiratory_rate = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(5, 80))
    pulse = ma.fields.Integer(load_default=None, allow_none=True, validate=validate.Range(20, 250))
    symptoms = ma.fields.List(ma.fields.String(validate=validate.OneOf(ISOLATION_SYMPTOMS)), load_default=list)
    danger_signs = ma.fields.List(ma.fields.String(validate=validate.OneOf(ISOLATION_DANGER_SIGNS)), load_default=list)
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    client_id = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=64),
        metadata={"description": "chosen by the app; a re-upload with the same client_id stores nothing twice"},
    )


class EpisodeQuerySchema(ma.Schema):
    region = ma.fields.String()
    flag = ma.fields.String(validate=validate.OneOf(monitoring.FLAGS))
    status = ma.fields.String(validate=validate.OneOf(ISOLATION_STATUSES))


class EpisodeCloseSchema(StrictSchema):
    outcome = ma.fields.String(required=True, validate=validate.OneOf(ISOLATION_OUTCOMES))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))
    early_reason = ma.fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=5, max=1000),
        metadata={
            "description": "required to close as completed before the release date (end_date): why the resident "
            "may leave early; kept in the audit trail with how many days early"
        },
    )


class EpisodeNoteSchema(StrictSchema):
    note = ma.fields.String(required=True, validate=validate.Length(min=1, max=2000))


class FlagClearSchema(StrictSchema):
    flag = ma.fields.String(required=True, validate=validate.OneOf(monitoring.FLAGS))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=2000))


# --- replies -------------------------------------------------------------------------------------------


class CheckinViewSchema(WordedSchema):
    """A stored check-in, its triage and what to do now."""

    client_id = ma.fields.String(attribute="checkin.client_id", required=True, allow_none=True)
    measured_at = ma.fields.DateTime(attribute="checkin.measured_at", required=True)
    temperature_c = ma.fields.Float(attribute="checkin.temperature_c", required=True, allow_none=True)
    spo2 = ma.fields.Integer(attribute="checkin.spo2", required=True, allow_none=True)
    respiratory_rate = ma.fields.Integer(attribute="checkin.respiratory_rate", required=True, allow_none=True)
    pulse = ma.fields.Integer(attribute="checkin.pulse", required=True, allow_none=True)
    symptoms = ma.fields.List(ma.fields.String(), attribute="checkin.symptoms", required=True)
    danger_signs = ma.fields.List(ma.fields.String(), attribute="checkin.danger_signs", required=True)
    note = ma.fields.String(attribute="checkin.note", required=True, allow_none=True)
    triage = ma.fields.String(
        attribute="checkin.triage", required=True, metadata={"enum": ["emergency", "urgent", "stable"]}
    )
    reasons = ma.fields.List(
        ma.fields.String(), attribute="checkin.reasons", required=True, metadata={"description": "rule codes"}
    )
    reason_texts = ma.fields.Method(
        "_reason_texts",
        required=True,
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "description": "the reasons as sentences, in the reply's language",
        },
    )
    advice = ma.fields.Method(
        "_advice",
        required=True,
        metadata={"type": "string", "description": "what to do now, in the reply's language"},
    )
    alert_id = ma.fields.UUID(
        attribute="checkin.alert_id",
        required=True,
        allow_none=True,
        metadata={"description": "the task-force alert an emergency opened"},
    )

    def _reason_texts(self, view: Any) -> list[str]:
        return [localize(reason_text(code), self.lang) for code in view.checkin.reasons]

    def _advice(self, view: Any) -> str:
        return localize(ADVICE[view.checkin.triage], self.lang)


class ReminderSchema(WordedSchema):
    slot = ma.fields.String(required=True, metadata={"enum": list(monitoring.SLOTS)})
    text = ma.fields.Method("_text", required=True, metadata={"type": "string"})
    done = ma.fields.Boolean(required=True)

    def _text(self, reminder: Any) -> str:
        return localize(monitoring.SLOT_TEXT[reminder.slot], self.lang)


class GridDaySchema(ma.Schema):
    date = ma.fields.Date(required=True)
    day = ma.fields.Integer(required=True)
    state = ma.fields.String(
        required=True,
        metadata={
            "enum": [
                monitoring.REPORTED,
                monitoring.MISSED,
                monitoring.TODAY,
                monitoring.FUTURE,
                monitoring.NOT_MONITORED,
            ]
        },
    )


class AdherenceSchema(ma.Schema):
    days_reported = ma.fields.Integer(required=True)
    days_missed = ma.fields.Integer(required=True, metadata={"description": "monitored days gone by with no report"})
    grid = ma.fields.List(ma.fields.Nested(GridDaySchema), required=True, metadata={"description": "first 14 days"})


class EpisodeBasicsSchema(ma.Schema):
    """What every view of an episode carries."""

    id = ma.fields.UUID(attribute="episode.id", required=True)
    reason = ma.fields.String(attribute="episode.reason", required=True, metadata={"enum": list(ISOLATION_REASONS)})
    status = ma.fields.String(attribute="episode.status", required=True, metadata={"enum": list(ISOLATION_STATUSES)})
    region = ma.fields.String(attribute="episode.region_code", required=True)
    start_date = ma.fields.Date(
        attribute="episode.start_date", required=True, metadata={"description": "official start (Asia/Jakarta date)"}
    )
    end_date = ma.fields.Date(
        attribute="episode.end_date", required=True, metadata={"description": "release date, the first day out"}
    )
    day = ma.fields.Integer(required=True, metadata={"description": "today is day N, counted from the start (day 1)"})
    total_days = ma.fields.Integer(required=True)
    flags = ma.fields.List(ma.fields.String(metadata={"enum": list(monitoring.FLAGS)}), required=True)
    last_checkin_at = ma.fields.DateTime(attribute="episode.last_checkin_at", required=True, allow_none=True)
    created_at = ma.fields.DateTime(attribute="episode.created_at", required=True)
    adherence = ma.fields.Nested(AdherenceSchema, required=True)
    emergency = ma.fields.Boolean(
        required=True,
        metadata={"description": "an alert raised for this episode is still open (the task force sorts it first)"},
    )


def _personal(view: Any, name: str) -> Any:
    return getattr(view.episode, name) if view.personal else None


class EpisodeSummarySchema(EpisodeBasicsSchema):
    """An episode in the task force's list."""

    name = ma.fields.Function(
        lambda view: _personal(view, "name"), required=True, allow_none=True, metadata={"type": "string"}
    )
    phone = ma.fields.Function(
        lambda view: _personal(view, "phone"), required=True, allow_none=True, metadata={"type": "string"}
    )
    address = ma.fields.Function(
        lambda view: _personal(view, "address"), required=True, allow_none=True, metadata={"type": "string"}
    )
    lat = ma.fields.Function(
        lambda view: _personal(view, "lat"),
        required=True,
        allow_none=True,
        metadata={"type": "number", "description": "the pin the resident shared from their phone (null without one)"},
    )
    lon = ma.fields.Function(
        lambda view: _personal(view, "lon"), required=True, allow_none=True, metadata={"type": "number"}
    )
    maps_url = ma.fields.Function(
        lambda view: maps_link(view.episode) if view.personal else None,
        required=True,
        allow_none=True,
        metadata={"type": "string", "description": "an https maps link to the pin (null without one)"},
    )


def event_details() -> ma.fields.Dict:
    return ma.fields.Dict(
        keys=ma.fields.String(),
        required=True,
        allow_none=True,
        metadata={
            "description": "what the action needs to be read, by action: start {reason, from}; reminder, flag_silent, "
            "escalated {hours, since?}; flag_urgent, alert_opened {reasons: rule codes}; end_date_moved {from, to}; "
            "unflag_silent, close:completed by the system {cause}; null when the action says it all"
        },
    )


def event_text_field() -> ma.fields.Field[Any]:
    """The event in words, from the schema's _event_text (see EventWords)."""
    return ma.fields.Method(
        "_event_text",
        required=True,
        metadata={
            "type": "string",
            "description": "action and details in words, in the caller's language (not the staff note)",
        },
    )


class EventWords(WordedSchema):
    """An isolation event schema: its `text` field puts the action and its details in words."""

    def _event_text(self, event: Any) -> str:
        return event_text(event.action, event.details, self.lang)


class IsolationEventSchema(EventWords):
    action = ma.fields.String(required=True)
    actor = ma.fields.String(required=True, metadata={"enum": ["resident", "staff", "system"]})
    staff = staff_username()
    details = event_details()
    text = event_text_field()
    note = ma.fields.String(required=True, allow_none=True, metadata={"description": "what a staff member wrote"})
    at = ma.fields.DateTime(required=True)


class EpisodeSchema(WordedSchema, EpisodeSummarySchema):
    """The episode as its resident sees it (name and phone are the resident's own); staff also get the events."""

    reminders_today = ma.fields.List(
        NestedWorded(ReminderSchema), required=True, metadata={"description": "today's two reports"}
    )
    history = ma.fields.List(NestedWorded(CheckinViewSchema), required=True)
    events = ma.fields.List(NestedWorded(IsolationEventSchema), metadata={"description": "staff only"})

    @ma.post_dump
    def events_only_when_given(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        if data.get("events") is None:
            data.pop("events", None)
        return data


class EpisodeProgressSchema(EpisodeBasicsSchema):
    """The episode as it stands after a check-in (without the history the app already holds)."""

    reminders_today = ma.fields.List(NestedWorded(ReminderSchema), required=True)


class CheckinResultSchema(CheckinViewSchema):
    duplicate = ma.fields.Boolean(
        required=True, metadata={"description": "true when this client_id was stored before: nothing new was stored"}
    )


class CheckinReplySchema(CheckinResultSchema):
    hotlines = ma.fields.List(ma.fields.Nested(HotlineSchema), required=True)
    episode = ma.fields.Nested(EpisodeProgressSchema, required=True)
    hospitals = ma.fields.List(
        ma.fields.Nested(HospitalSchema),
        required=True,
        metadata={
            "description": "urgent or emergency triage: up to 3 hospitals whose latest bed report shows a free "
            "isolation or ICU bed (nearest to the episode's home pin, recent reports first, when it has one; else "
            "of the episode's region), with phones and the report's age; else empty"
        },
    )


class CheckinBatchReplySchema(ma.Schema):
    checkins = ma.fields.List(
        ma.fields.Nested(CheckinResultSchema), required=True, metadata={"description": "in the order sent"}
    )
    stored = ma.fields.Integer(required=True, metadata={"description": "how many were new"})
    hotlines = ma.fields.List(ma.fields.Nested(HotlineSchema), required=True)
    episode = ma.fields.Nested(EpisodeProgressSchema, required=True)
    hospitals = ma.fields.List(
        ma.fields.Nested(HospitalSchema),
        required=True,
        metadata={
            "description": "urgent or emergency triage: up to 3 hospitals whose latest bed report shows a free "
            "isolation or ICU bed (nearest to the episode's home pin, recent reports first, when it has one; else "
            "of the episode's region), with phones and the report's age; else empty"
        },
    )
