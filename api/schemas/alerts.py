"""Panic and monitoring alerts: what residents send, what residents and the task force read back."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import HotlineSchema, ReaderLang, StrictSchema, Timestamp, computed, phone_field, reader_lang
from api.schemas.hospitals import HospitalSchema
from api.services import alert_queue as alert_service
from api.services.alert_escalation import ack_policy
from api.services.alert_locations import outside_province
from api.services.alert_status import resident_message
from api.services.isolation_context import alert_isolation
from screening.alert_routing import ROUTINGS
from screening.alert_workflow import ALERT_TYPES, CATEGORIES, OUTCOMES, STATUSES
from screening.outcome import localized_hotlines
from screening.text import DEFAULT_LANG


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
    def lat_and_lon_together(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise ma.ValidationError(
                "lat and lon come together.", field_name="lon" if data.get("lon") is None else "lat"
            )


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


@dataclass(frozen=True)
class AlertReply:
    """A resident's alert with what to tell them in `lang`; `joined` says whether a press joined an open alert."""

    alert: Any
    lang: str
    ack_minutes: int
    joined: bool = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self.alert, name)

    @cached_property
    def outside_province(self) -> bool:
        # Read by the field and by the message: the polygon test runs once per reply.
        return outside_province(self.alert.lat, self.alert.lon)

    @property
    def message(self) -> str:
        return resident_message(self.alert, self.lang, self.outside_province)

    @property
    def has_phone(self) -> bool:
        return bool(self.alert.phone)

    @property
    def hotlines(self) -> list[dict[str, str]]:
        return localized_hotlines(self.lang)


class AlertReplySchema(ResidentAlertSchema):
    """The resident's alert and what the app should show now: the message, the numbers, the wait."""

    message = ma.fields.String(
        required=True,
        metadata={
            "description": "the alert's state in a sentence: sent and waiting, taken by an officer and when, on the "
            "way, closed; without a callback number no call is promised; outside the province: call 112 at once"
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
    hotlines = ma.fields.List(ma.fields.Nested(HotlineSchema), required=True)
    expected_response_minutes = ma.fields.Integer(
        attribute="ack_minutes",
        required=True,
        metadata={"description": "the task force's acknowledgement target (SUMBAR_ALERT_ACK_MINUTES)"},
    )


class AlertPressReplySchema(AlertReplySchema):
    """The reply to a press: the alert it raised (201) or joined (200), and what the app should show."""

    joined = ma.fields.Boolean(
        required=True, metadata={"description": "true when the press joined the device's open alert"}
    )


def _located(alert: Any) -> bool:
    return alert.lat is not None and alert.lon is not None


def maps_link(alert: Any) -> str | None:
    """An https maps link that opens the map app on phones and a browser elsewhere."""
    if not _located(alert):
        return None
    return f"https://www.google.com/maps/search/?api=1&query={alert.lat:.6f}%2C{alert.lon:.6f}"


def geo_link(alert: Any) -> str | None:
    """A geo: URI (RFC 5870) that phones hand to their own map app."""
    return f"geo:{alert.lat:.6f},{alert.lon:.6f}" if _located(alert) else None


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
    maps_url = computed(ma.fields.String, maps_link, required=True, allow_none=True)
    age = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "from the self-screening"})
    pregnant = ma.fields.Boolean(required=True, allow_none=True)
    risk_factors = ma.fields.List(
        ma.fields.String(),
        required=True,
        metadata={"description": "comorbidity codes of the self-screening (its question's option values)"},
    )
    last_reading = ma.fields.Nested(LastReadingSchema, required=True, allow_none=True)


class StaffAlertSchema(ResidentAlertSchema):
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
    isolation = computed(
        ma.fields.Nested,
        alert_isolation,
        AlertIsolationSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "monitoring alerts, and presses by a resident in home isolation: the episode's address, "
            "pin, age, risk factors and last readings (null otherwise, and once personal data is removed)"
        },
    )
    resident_name = computed(
        ma.fields.String,
        alert_service.resident_name,
        required=True,
        allow_none=True,
        metadata={"description": "from the resident's isolation episode, when there is one"},
    )
    maps_url = computed(
        ma.fields.String,
        maps_link,
        required=True,
        allow_none=True,
        metadata={"description": "an https maps link with the coordinates (null without a location)"},
    )
    geo_uri = computed(
        ma.fields.String,
        geo_link,
        required=True,
        allow_none=True,
        metadata={"description": "geo:lat,lon for the phone's map app (null without a location)"},
    )
    outside_province = computed(
        ma.fields.Boolean,
        lambda alert: outside_province(alert.lat, alert.lon),
        required=True,
        metadata={"description": "the latest fix lies outside Sumatera Barat (the resident was told to call 112)"},
    )
    routed_by_text = computed(
        ma.fields.String,
        lambda alert: alert_service.routing_text(alert, reader_lang()),
        required=True,
        metadata={"description": "routed_by in words, in the caller's language (the live stream: Indonesian)"},
    )
    reason_texts = computed(
        ma.fields.List,
        lambda alert: alert_service.reason_texts(alert, reader_lang()),
        ma.fields.String(),
        required=True,
        metadata={"description": "monitoring alerts: why the rules raised it, as sentences (panic alerts: empty)"},
    )
    severity = computed(
        ma.fields.Integer,
        alert_service.alert_severity,
        required=True,
        metadata={
            "description": "queue order within unclaimed and claimed alerts: 0 trouble breathing or an emergency "
            "check-in, 1 medical or an isolation that stopped reporting, 2 other"
        },
    )
    escalation_level = ma.fields.Integer(
        required=True, metadata={"description": "0 kabupaten/kota, 1 province, 2 admins notified"}
    )
    escalated = computed(ma.fields.Boolean, lambda alert: alert.escalation_level > 0, required=True)
    escalated_at = ma.fields.DateTime(required=True, allow_none=True)
    acknowledged_by = computed(
        ma.fields.String,
        lambda alert: alert.acknowledged_by.username if alert.acknowledged_by else None,
        required=True,
        allow_none=True,
        metadata={"description": "username of the responder who claimed it"},
    )
    updated_at = ma.fields.DateTime(required=True)
    last_pressed_at = ma.fields.DateTime(required=True)
    sla_deadline = computed(
        ma.fields.DateTime,
        lambda alert: ack_policy().deadline(alert.created_at),
        required=True,
        metadata={"description": "When acknowledgement is due (SUMBAR_ALERT_ACK_MINUTES after creation)"},
    )


class AlertTransitionSchema(ma.Schema):
    action = ma.fields.String(required=True)
    from_status = ma.fields.String(required=True, allow_none=True)
    to_status = ma.fields.String(required=True)
    actor = ma.fields.String(required=True, metadata={"enum": ["staff", "resident", "system"]})
    staff = computed(ma.fields.String, lambda t: t.staff.username if t.staff else None, required=True, allow_none=True)
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


def _staff_only_fields() -> dict[str, ma.fields.Field[Any]]:
    """The staff view's own fields, optional here: the detail view leaves them out for the resident."""
    fields = {}
    for name, declared in StaffAlertSchema._declared_fields.items():
        if name not in RESIDENT_FIELDS:
            fields[name] = copy.copy(declared)
            fields[name].required = False
    return fields


# Said to the device that raised the alert only: staff read the record itself.
RESIDENT_ONLY = frozenset({"message", "has_phone"})


def _for_resident(value_of: Any) -> Any:
    return lambda attached: value_of(attached) if getattr(attached, "for_resident", False) else None


@ma.post_dump(pass_original=True)
def _residents_see_their_fields_only(_schema: Any, data: dict[str, Any], original: Any, **_kwargs: Any) -> Any:
    if getattr(original, "for_resident", False):
        return {key: value for key, value in data.items() if key in RESIDENT_FIELDS | RESIDENT_ONLY}
    return {key: value for key, value in data.items() if key not in RESIDENT_ONLY}


# Built from the resident's view plus the staff fields marked optional, so that the contract is true for both
# callers: staff in scope get the whole record, the device that raised the alert gets its own fields.
AlertDetailSchema = type(
    "AlertDetailSchema",
    (ResidentAlertSchema,),
    {
        "__doc__": "The whole record for staff in scope; the device that raised it gets only the resident's fields.",
        **_staff_only_fields(),
        "transitions": ma.fields.List(ma.fields.Nested(AlertTransitionSchema), metadata={"description": "staff"}),
        "locations": ma.fields.List(ma.fields.Nested(AlertFixSchema), metadata={"description": "staff"}),
        "presses": ma.fields.List(ma.fields.Nested(AlertPressSchema), metadata={"description": "staff"}),
        "message": computed(
            ma.fields.String,
            _for_resident(lambda attached: resident_message(attached, reader_lang())),
            metadata={"description": "resident: the alert's state in a sentence (see AlertReply.message)"},
        ),
        "has_phone": computed(
            ma.fields.Boolean,
            _for_resident(lambda attached: bool(attached.phone)),
            metadata={"description": "resident: the task force has a number to call back"},
        ),
        "nearest_hospitals": ma.fields.List(
            ma.fields.Nested(HospitalSchema),
            metadata={
                "description": "staff: up to 3 hospitals with a free isolation or ICU bed, nearest the alert's "
                "location (distance_km) or in its region; stale reports marked and listed last"
            },
        ),
        "residents_see_their_fields_only": _residents_see_their_fields_only,
    },
)


class ResponseTimeSchema(ma.Schema):
    region = ma.fields.String(required=True, allow_none=True, metadata={"description": "null: every region"})
    count = ma.fields.Integer(required=True)
    median_seconds = ma.fields.Float(required=True, allow_none=True)
    p90_seconds = ma.fields.Float(required=True, allow_none=True)


def stream_view(alert: Any) -> dict[str, Any]:
    """The staff view an alert's live-stream event carries; its sentences are in Indonesian (the default)."""
    with ReaderLang(DEFAULT_LANG):
        view: dict[str, Any] = StaffAlertSchema().dump(alert)
    return view
