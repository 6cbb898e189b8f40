"""Hospitals, their latest bed report, the day's counts a hospital reports, and the import of many reports."""

from __future__ import annotations

import re
from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.schemas.common import StrictSchema
from screening.text import bilingual
from surveillance.beds import MAX_COUNT

NEAR = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")
NEAR_INVALID = [
    bilingual(
        "Isi lat,lon dalam derajat desimal, mis. -0.95,100.35.", "Give lat,lon in decimal degrees, e.g. -0.95,100.35."
    )
]


class NearField(ma.fields.String):
    """`lat,lon` in decimal degrees, read as a (lat, lon) pair (a string in the document, a pair in the view)."""

    default_error_messages = {"invalid": NEAR_INVALID}

    def _deserialize(  # type: ignore[override]
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> tuple[float, float]:
        match = NEAR.match(super()._deserialize(value, attr, data, **kwargs))
        if not match:
            raise self.make_error("invalid")
        lat, lon = float(match[1]), float(match[2])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise self.make_error("invalid")
        return lat, lon


class HospitalQuerySchema(ma.Schema):
    region = ma.fields.String(metadata={"description": "Kemendagri code of a kabupaten/kota, e.g. 13.71"})
    near = NearField(metadata={"description": "lat,lon: nearest first, with each hospital's distance"})
    has_free = ma.fields.String(
        validate=validate.OneOf(("isolation", "icu")),
        metadata={"description": "only hospitals whose latest report shows a free bed of this kind"},
    )


class LocationSchema(ma.Schema):
    lat = ma.fields.Float(required=True)
    lon = ma.fields.Float(required=True)


def _optional_count() -> ma.fields.Integer:
    return ma.fields.Integer(required=True, allow_none=True)


class BedCountsReadSchema(ma.Schema):
    """The counts and freshness of a report, apart from its day and time."""

    age_hours = ma.fields.Integer(required=True, metadata={"description": "whole hours since it was reported"})
    stale = ma.fields.Boolean(required=True, metadata={"description": "older than 24 hours: not what is free now"})
    demo = ma.fields.Boolean(required=True, metadata={"description": "synthetic demo data"})
    isolation_total = ma.fields.Integer(required=True)
    isolation_occupied = ma.fields.Integer(required=True)
    isolation_free = ma.fields.Integer(required=True)
    icu_total = ma.fields.Integer(required=True)
    icu_occupied = ma.fields.Integer(required=True)
    icu_free = ma.fields.Integer(required=True)
    hcu_total = _optional_count()
    hcu_occupied = _optional_count()
    ventilators_in_use = _optional_count()
    admitted_today = _optional_count()


class BedReportSchema(BedCountsReadSchema):
    day = ma.fields.Date(required=True, metadata={"description": "the day the counts describe"})
    reported_at = ma.fields.AwareDateTime(required=True)


class HospitalSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Ministry of Health hospital code (kode RS)"})
    name = ma.fields.String(required=True)
    type = ma.fields.String(required=True, allow_none=True)
    region = ma.fields.String(required=True)
    address = ma.fields.String(required=True)
    phone = ma.fields.String(required=True, allow_none=True)
    tel = ma.fields.String(required=True, allow_none=True, metadata={"description": "the phone in +62 form"})
    location = ma.fields.Nested(LocationSchema, required=True)
    beds = ma.fields.Integer(required=True, allow_none=True, metadata={"description": "beds in all (listed)"})
    distance_km = ma.fields.Float(required=True, allow_none=True, metadata={"description": "from `near`; else null"})
    latest_report = ma.fields.Nested(BedReportSchema, required=True, allow_none=True)


def _count(required: bool) -> ma.fields.Integer:
    return ma.fields.Integer(
        strict=True,
        required=required,
        load_default=ma.missing if required else None,
        allow_none=not required,
        validate=validate.Range(min=0, max=MAX_COUNT),
    )


class BedCountsSchema(StrictSchema):
    day = ma.fields.Date(required=True, metadata={"description": "the day the counts describe, 2020 to today"})
    isolation_total = _count(True)
    isolation_occupied = _count(True)
    icu_total = _count(True)
    icu_occupied = _count(True)
    hcu_total = _count(False)
    hcu_occupied = _count(False)
    ventilators_in_use = _count(False)
    admitted_today = _count(False)


class SavedBedReportSchema(BedReportSchema):
    hospital = ma.fields.String(required=True)
    replaced = ma.fields.Boolean(required=True, metadata={"description": "an earlier report of the day was replaced"})


class SilentHospitalSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    phone = ma.fields.String(required=True, allow_none=True)
    last_reported_at = ma.fields.AwareDateTime(required=True, allow_none=True)
    days_silent = ma.fields.Integer(required=True, allow_none=True)


class BedImportSchema(StrictSchema):
    csv = ma.fields.String(
        required=True,
        validate=validate.Length(min=1, max=2_000_000),
        metadata={
            "description": "the file's text: hospital_code,day,isolation_total,isolation_occupied,icu_total,"
            "icu_occupied[,hcu_total,hcu_occupied,ventilators_in_use,admitted_today]"
        },
    )


class BedImportResultSchema(ma.Schema):
    inserted = ma.fields.Integer(required=True)
    replaced = ma.fields.Integer(required=True)


class ShownBedReportSchema(BedCountsReadSchema):
    """A report as a stored reply showed it: its day and time kept as the text they were sent as."""

    day = ma.fields.String(required=True, metadata={"format": "date"})
    reported_at = ma.fields.String(required=True, metadata={"format": "date-time"})


class ShownHospitalSchema(HospitalSchema):
    """A hospital as a stored reply named it (age and staleness as of that reply)."""

    latest_report = ma.fields.Nested(ShownBedReportSchema, required=True, allow_none=True)
