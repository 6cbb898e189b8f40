"""Panic and monitoring alerts: what residents send, what residents and the task force read back."""

from __future__ import annotations

from typing import Any, Protocol

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import (
    HotlineSchema,
    StrictSchema,
    Timestamp,
    WordedSchema,
    lat_and_lon_together,
    phone_field,
    staff_username,
)
from api.schemas.hospitals import HospitalSchema
from api.services.alert_views import AlertDetailView, ResidentAlertView, StaffAlertView, staff_view
from screening.alert_messages import status_message
from screening.alert_routing import ROUTINGS, routed_by_text
from screening.alert_workflow import ALERT_TYPES, CATEGORIES, OUTCOMES, STATUSES
from screening.outcome import localized_hotlines
from screening.reasons import reason_text
from screening.text import DEFAULT_LANG, localize


class AlertCreateSchema(StrictSchema):
    category = ma.fields.String(required=True, validate=validate.OneOf(CATEGORIES))
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))
    phone = phone_field()
    lat = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-90, 90))
    lon = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(-180, 180))
    accuracy_m = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100_000))
    located_at = Timestamp(load_default=None, allow_none=True)
    region = ma.fields.String(load_default=None, allow_none=True)

    @ma.validates_schema
    def pin_whole(self, data: dict[str, Any], **_kwargs: Any) -> None:
        lat_and_lon_together(data)


class AlertLocationSchema(StrictSchema):
    lat = ma.fields.Float(required=True, validate=validate.Range(-90, 90))
    lon = ma.fields.Float(required=True, validate=validate.Range(-180, 180))
    accuracy_m = ma.fields.Float(load_default=None, allow_none=True, validate=validate.Range(0, 100_000))
    located_at = Timestamp(load_default=None, allow_none=True)


class AlertPhoneSchema(StrictSchema):
    phone = phone_field(required=True)


class AlertNoteSchema(StrictSchema):
    note = ma.fields.String(load_default=None, allow_none=True, validate=validate.Length(max=1000))


class AlertResolveSchema(AlertNoteSchema):
    outcome = ma.fields.String(required=True, validate=validate.OneOf(OUTCOMES))


class AlertQuerySchema(ma.Schema):
    status = ma.fields.String(validate=validate.OneOf([*STATUSES, "open"]))
    region = ma.fields.String()
    type = ma.fields.String(validate=validate.OneOf(ALERT_TYPES))


class ResidentAlertSchema(ma.Schema):
    """What the resident's app sees of its own alert."""

    id = ma.fields.UUID(required=True)
    type = ma.fields.String(required=True, metadata={"enum": list(ALERT_TYPES)})
    category = ma.fields.String(
        required=True,
        metadata={"description": "the most urgent category of its presses", "enum": [*CATEGORIES, "monitoring"]},
    )
    status = ma.fields.String(required=True, metadata={"enum": list(STATUSES)})
    outcome = ma.fields.String(required=True, allow_none=True, metadata={"enum": [*OUTCOMES, None]})
    region = ma.fields.String(attribute="region_code", required=True, allow_none=True)
    routed_by = ma.fields.String(
        required=True,
        metadata={"description": "polygon, nearest, declared or none (province queue)", "enum": list(ROUTINGS)},
    )
    press_count = ma.fields.Integer(required=True)
    created_at = ma.fields.DateTime(required=True)
    acknowledged_at = ma.fields.DateTime(required=True, allow_none=True)
    dispatched_at = ma.fields.DateTime(required=True, allow_none=True)
    resolved_at = ma.fields.DateTime(required=True, allow_none=True)
    cancelled_at = ma.fields.DateTime(required=True, allow_none=True)
    expired_at = ma.fields.DateTime(
        required=True, allow_none=True, metadata={"description": "closed by the expiry job after no activity"}
    )


def _message(view: ResidentAlertView, lang: str) -> str:
    return status_message(view.state, lang, view.ack_minutes)


class AlertReplySchema(WordedSchema, ResidentAlertSchema):
    """The resident's alert and what the app should show now: the message, the numbers, the wait."""

    message = ma.fields.Method(
        "_message",
        required=True,
        metadata={
            "type": "string",
            "description": "the alert's state in a sentence: sent and waiting, taken by an officer and when, on the "
            "way, closed; without a callback number no call is promised; outside the province: call 112 at once",
        },
    )
    has_phone = ma.fields.Boolean(
        required=True,
        metadata={"description": "the task force has a number to call back (else ask for one: POST .../phone)"},
    )
    outside_province = ma.fields.Boolean(
        required=True,
        metadata={"description": "the latest location lies outside Sumatera Barat: the resident should call 112"},
    )
    hotlines = ma.fields.Method(
        "_hotlines", required=True, metadata={"type": "array", "items": {"$ref": "#/components/schemas/Hotline"}}
    )
    expected_response_minutes = ma.fields.Integer(
        attribute="ack_minutes",
        required=True,
        metadata={"description": "the task force's acknowledgement target (SUMBAR_ALERT_ACK_MINUTES)"},
    )

    def _message(self, view: ResidentAlertView) -> str:
        return _message(view, self.lang)

    def _hotlines(self, _view: ResidentAlertView) -> list[dict[str, str]]:
        return list(HotlineSchema(many=True).dump(localized_hotlines(self.lang)))


class AlertPressReplySchema(AlertReplySchema):
    """The reply to a press: the alert it raised (201) or joined (200), and what the app should show."""

    joined = ma.fields.Boolean(
        required=True, metadata={"description": "true when the press joined the device's open alert"}
    )


class Located(Protocol):
    """Anything with a pin: an alert's latest fix, an isolation's home."""

    @property
    def lat(self) -> float | None: ...

    @property
    def lon(self) -> float | None: ...


def maps_link(view: Located) -> str | None:
    """An https maps link that opens the map app on phones and a browser elsewhere."""
    if view.lat is None or view.lon is None:
        return None
    return f"https://www.google.com/maps/search/?api=1&query={view.lat:.6f}%2C{view.lon:.6f}"


def geo_link(view: Located) -> str | None:
    """A geo: URI (RFC 5870) that phones hand to their own map app."""
    return None if view.lat is None or view.lon is None else f"geo:{view.lat:.6f},{view.lon:.6f}"


def reason_sentences(view: StaffAlertView, lang: str) -> list[str]:
    """What made the rules open a monitoring alert, as sentences; empty for panic alerts."""
    if view.type != "monitoring":
        return []
    return [localize(reason_text(code), lang) for code in view.reasons or []]


class LastReadingSchema(ma.Schema):
    measured_at = ma.fields.DateTime(required=True)
    temperature_c = ma.fields.Float(required=True, allow_none=True)
    spo2 = ma.fields.Integer(required=True, allow_none=True)
    respiratory_rate = ma.fields.Integer(required=True, allow_none=True)
    triage = ma.fields.String(required=True, metadata={"enum": ["emergency", "urgent", "stable"]})


class AlertIsolationSchema(ma.Schema):
    """The resident's isolation episode behind an alert: where they are, who they are, their last readings."""

    episode = ma.fields.UUID(attribute="episode_id", required=True)
    day = ma.fields.Integer(required=True)
    total_days = ma.fields.Integer(required=True)
    address = ma.fields.String(required=True, allow_none=True)
    lat = ma.fields.Float(required=True, allow_none=True, metadata={"description": "the pin the resident shared"})
    lon = ma.fields.Float(required=True, allow_none=True)
    maps_url = ma.fields.Function(maps_link, required=True, allow_none=True, metadata={"type": "string"})
    age = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "from the self-screening"})
    pregnant = ma.fields.Boolean(required=True, allow_none=True)
    risk_factors = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "comorbidity codes of the self-screening (its question's option values)"},
    )
    last_reading = ma.fields.Nested(LastReadingSchema, required=True, allow_none=True)


class StaffAlertSchema(WordedSchema, ResidentAlertSchema):
    """What the task force sees: contact, location, escalation and who holds the alert."""

    note = ma.fields.String(required=True, allow_none=True, metadata={"description": "the first press's note"})
    phone = ma.fields.String(required=True, allow_none=True)
    lat = ma.fields.Float(required=True, allow_none=True)
    lon = ma.fields.Float(required=True, allow_none=True)
    accuracy_m = ma.fields.Float(required=True, allow_none=True)
    located_at = ma.fields.DateTime(required=True, allow_none=True)
    episode = ma.fields.UUID(
        attribute="episode_id",
        required=True,
        allow_none=True,
        metadata={"description": "isolation episode (monitoring alerts)"},
    )
    isolation = ma.fields.Nested(
        AlertIsolationSchema,
        required=True,
        allow_none=True,
        dump_only=True,
        metadata={
            "description": "monitoring alerts, and presses by a resident in home isolation: the episode's address, "
            "pin, age, risk factors and last readings (null otherwise, and once personal data is removed)"
        },
    )
    resident_name = ma.fields.String(
        required=True,
        allow_none=True,
        dump_only=True,
        metadata={"description": "from the resident's isolation episode, when there is one"},
    )
    channel = ma.fields.String(
        required=True,
        allow_none=True,
        dump_only=True,
        metadata={"description": "whatsapp or sms when the resident raised it in a conversation; null from the app"},
    )
    whatsapp_url = ma.fields.String(
        required=True,
        allow_none=True,
        dump_only=True,
        metadata={"description": "https://wa.me/<number> for an alert raised over WhatsApp (null otherwise)"},
    )
    maps_url = ma.fields.Function(
        maps_link,
        required=True,
        allow_none=True,
        metadata={"type": "string", "description": "an https maps link with the coordinates (null without a location)"},
    )
    geo_uri = ma.fields.Function(
        geo_link,
        required=True,
        allow_none=True,
        metadata={"type": "string", "description": "geo:lat,lon for the phone's map app (null without a location)"},
    )
    outside_province = ma.fields.Boolean(
        required=True,
        dump_only=True,
        metadata={"description": "the latest fix lies outside Sumatera Barat (the resident was told to call 112)"},
    )
    routed_by_text = ma.fields.Method(
        "_routed_by_text",
        required=True,
        metadata={
            "type": "string",
            "description": "routed_by in words, in the caller's language (the live stream: Indonesian)",
        },
    )
    reason_texts = ma.fields.Method(
        "_reason_texts",
        required=True,
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "description": "monitoring alerts: why the rules raised it, as sentences (panic alerts: empty)",
        },
    )
    severity = ma.fields.Integer(
        required=True,
        dump_only=True,
        metadata={
            "description": "queue order within unclaimed and claimed alerts: 0 trouble breathing or an emergency "
            "check-in, 1 medical or an isolation that stopped reporting, 2 other"
        },
    )
    escalation_level = ma.fields.Integer(
        required=True, metadata={"description": "0 kabupaten/kota, 1 province, 2 admins notified"}
    )
    escalated = ma.fields.Boolean(required=True, dump_only=True)
    escalated_at = ma.fields.DateTime(required=True, allow_none=True)
    acknowledged_by = ma.fields.String(
        required=True,
        allow_none=True,
        dump_only=True,
        metadata={"description": "username of the responder who claimed it"},
    )
    updated_at = ma.fields.DateTime(required=True)
    last_pressed_at = ma.fields.DateTime(required=True)
    sla_deadline = ma.fields.DateTime(
        required=True,
        dump_only=True,
        metadata={"description": "When acknowledgement is due (SUMBAR_ALERT_ACK_MINUTES after creation)"},
    )

    def _routed_by_text(self, view: StaffAlertView) -> str:
        return routed_by_text(view.routed_by, view.region_name, self.lang, view.type == "monitoring")

    def _reason_texts(self, view: StaffAlertView) -> list[str]:
        return reason_sentences(view, self.lang)


class AlertTransitionSchema(ma.Schema):
    action = ma.fields.String(required=True)
    from_status = ma.fields.String(required=True, allow_none=True)
    to_status = ma.fields.String(required=True)
    actor = ma.fields.String(required=True, metadata={"enum": ["staff", "resident", "system"]})
    staff = staff_username()
    note = ma.fields.String(required=True, allow_none=True)
    at = ma.fields.DateTime(required=True)


class AlertFixSchema(ma.Schema):
    lat = ma.fields.Float(required=True)
    lon = ma.fields.Float(required=True)
    accuracy_m = ma.fields.Float(required=True, allow_none=True)
    located_at = ma.fields.DateTime(required=True)


class AlertPressSchema(ma.Schema):
    category = ma.fields.String(required=True)
    note = ma.fields.String(required=True, allow_none=True)
    pressed_at = ma.fields.DateTime(required=True)


RESIDENT_FIELDS = frozenset(ResidentAlertSchema._declared_fields)
# Said to the device that raised the alert only: staff read the record itself.
RESIDENT_ONLY = frozenset({"message", "has_phone"})


class AlertDetailSchema(StaffAlertSchema):
    """The whole record for staff in scope; the device that raised it gets only the resident's fields."""

    transitions = ma.fields.List(ma.fields.Nested(AlertTransitionSchema), metadata={"description": "staff"})
    locations = ma.fields.List(ma.fields.Nested(AlertFixSchema), metadata={"description": "staff"})
    presses = ma.fields.List(ma.fields.Nested(AlertPressSchema), metadata={"description": "staff"})
    message = ma.fields.Method(
        "_message",
        metadata={
            "type": "string",
            "description": "resident: the alert's state in a sentence (see AlertReply.message)",
        },
    )
    has_phone = ma.fields.Function(
        lambda view: view.resident.has_phone if view.resident else None,
        metadata={"type": "boolean", "description": "resident: the task force has a number to call back"},
    )
    nearest_hospitals = ma.fields.List(
        ma.fields.Nested(HospitalSchema),
        metadata={
            "description": "staff: up to 3 hospitals with a free isolation or ICU bed, nearest the alert's "
            "location (distance_km) or in its region; stale reports marked and listed last"
        },
    )

    def on_bind_field(self, field_name: str, field_obj: ma.fields.Field[Any]) -> None:
        # One contract for both callers: only the resident's fields are always there.
        field_obj.required = field_name in RESIDENT_FIELDS

    def _message(self, view: AlertDetailView) -> str | None:
        return _message(view.resident, self.lang) if view.resident else None

    @ma.post_dump(pass_original=True)
    def residents_see_their_fields_only(self, data: dict[str, Any], original: Any, **_kwargs: Any) -> Any:
        if original.resident is not None:
            return {key: value for key, value in data.items() if key in RESIDENT_FIELDS | RESIDENT_ONLY}
        return {key: value for key, value in data.items() if key not in RESIDENT_ONLY}


class ResponseTimeSchema(ma.Schema):
    region = ma.fields.String(required=True, allow_none=True, metadata={"description": "null: every region"})
    count = ma.fields.Integer(required=True)
    median_seconds = ma.fields.Float(required=True, allow_none=True)
    p90_seconds = ma.fields.Float(required=True, allow_none=True)


def stream_view(alert: Any) -> dict[str, Any]:
    """The staff view an alert's live-stream event carries; its sentences are in Indonesian (the default)."""
    return dict(StaffAlertSchema(lang=DEFAULT_LANG).dump(staff_view(alert)))
