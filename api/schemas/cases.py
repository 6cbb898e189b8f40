"""Case statistics: series queries, staff entry of one day's figures, and every reply's shape."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from marshmallow import validate

from api.models import PROVINCE_CODE
from api.schemas.common import StrictSchema
from surveillance.case_files import LIMITS, STOCKS
from surveillance.published import SUMMARY_FIGURES

DATE = {"format": "date", "description": "a date in Asia/Jakarta (WIB), YYYY-MM-DD"}
CSV_REPLY = {"text/csv": {"schema": {"type": "string"}}}


class Rounded(ma.fields.Float):
    """A number published with at most `places` decimals (the download is read by people, not only programs)."""

    def __init__(self, places: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.places = places

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> float | None:  # noqa: ARG002
        return None if value is None else round(float(value), self.places)


class SeriesRangeSchema(ma.Schema):
    region = ma.fields.String(
        load_default=PROVINCE_CODE, metadata={"description": "Kemendagri code, or 13 (province, default)"}
    )
    from_ = ma.fields.Date(data_key="from", load_default=None)
    to = ma.fields.Date(load_default=None)


class SeriesQuerySchema(SeriesRangeSchema):
    format = ma.fields.String(
        load_default="json",
        validate=validate.OneOf(("json", "csv")),
        metadata={
            "description": "csv: the same rows as a CSV file (for links; a client generated from this "
            "document reads the CSV from GET /api/v1/cases.csv, whose reply is declared as text)"
        },
    )


class FormatQuerySchema(ma.Schema):
    format = ma.fields.String(load_default="json", validate=validate.OneOf(("json", "csv")))


def _count(name: str) -> ma.fields.Integer:
    """A whole number (1.5 and "2" are refused) within the plausible range; daily counts may be negative
    (corrections), stocks may not."""
    low = 0 if name in STOCKS else -LIMITS[name]
    required = name not in STOCKS
    return ma.fields.Integer(
        strict=True,
        required=required,
        load_default=ma.missing if required else None,
        allow_none=not required,
        validate=validate.Range(min=low, max=LIMITS[name]),
    )


class CaseDaySchema(StrictSchema):
    new_cases = _count("new_cases")
    new_recovered = _count("new_recovered")
    new_deaths = _count("new_deaths")
    specimens_tested = _count("specimens_tested")
    positive_specimens = _count("positive_specimens")
    beds_occupied = _count("beds_occupied")
    beds_available = _count("beds_available")


class SeriesRowSchema(ma.Schema):
    """One area's day, as in the codebook (`GET /api/v1/cases/codebook`)."""

    date = ma.fields.String(required=True, metadata=DATE)
    region = ma.fields.String(required=True)
    demo = ma.fields.Boolean(required=True, metadata={"description": "the area's series is synthetic demo data"})
    new_cases = ma.fields.Integer(required=True)
    new_recovered = ma.fields.Integer(required=True)
    new_deaths = ma.fields.Integer(required=True)
    cumulative_cases = ma.fields.Integer(required=True)
    cumulative_recovered = ma.fields.Integer(required=True)
    cumulative_deaths = ma.fields.Integer(required=True)
    active = ma.fields.Integer(required=True)
    cases_7day_avg = Rounded(required=True, allow_none=True)
    deaths_7day_avg = Rounded(required=True, allow_none=True)
    cases_7day_per_100k = Rounded(required=True, allow_none=True)
    cumulative_cases_per_100k = Rounded(required=True)
    cumulative_deaths_per_100k = Rounded(required=True)
    positivity_7day_percent = Rounded(required=True, allow_none=True)
    bed_occupancy_percent = Rounded(required=True, allow_none=True)
    correction = ma.fields.Boolean(required=True)


class KeyFigureSchema(ma.Schema):
    name = ma.fields.String(required=True)
    value = Rounded(required=True, allow_none=True)
    week_ago = Rounded(required=True, allow_none=True)
    change = Rounded(required=True, allow_none=True)
    change_percent = Rounded(required=True, allow_none=True)
    trend = ma.fields.String(required=True, validate=validate.OneOf(("up", "down", "flat", "unknown")))
    good = ma.fields.Boolean(
        required=True, allow_none=True, metadata={"description": "whether the trend is good news; null: neither"}
    )


FiguresSchema = ma.Schema.from_dict(
    {name: ma.fields.Nested(KeyFigureSchema, required=True) for name in SUMMARY_FIGURES}, name="KeyFigures"
)


class AreaSummarySchema(ma.Schema):
    region = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    date = ma.fields.String(required=True, allow_none=True, metadata={**DATE, "description": "the latest day"})
    last_updated = ma.fields.String(required=True, allow_none=True, metadata={"format": "date-time"})
    demo = ma.fields.Boolean(required=True, metadata={"description": "this area's figures are synthetic demo data"})
    cumulative_cases = ma.fields.Integer(required=True, allow_none=True)
    figures = ma.fields.Nested(FiguresSchema, required=True)


class SummarySchema(ma.Schema):
    areas = ma.fields.List(ma.fields.Nested(AreaSummarySchema), required=True)


class ErratumSchema(ma.Schema):
    region = ma.fields.String(required=True)
    date = ma.fields.String(required=True, metadata=DATE)
    demo = ma.fields.Boolean(required=True)
    new_cases = ma.fields.Integer(required=True)
    new_recovered = ma.fields.Integer(required=True)
    new_deaths = ma.fields.Integer(required=True)
    note = ma.fields.String(required=True)


class CodebookEntrySchema(ma.Schema):
    field = ma.fields.String(required=True)
    id = ma.fields.String(required=True, metadata={"description": "meaning in Indonesian"})
    en = ma.fields.String(required=True, metadata={"description": "meaning in English"})


class StoredDaySchema(ma.Schema):
    """One stored day as entered (or as it was, when deleted)."""

    region = ma.fields.String(required=True)
    date = ma.fields.String(required=True, metadata=DATE)
    correction = ma.fields.Boolean(required=True)
    new_cases = ma.fields.Integer(required=True)
    new_recovered = ma.fields.Integer(required=True)
    new_deaths = ma.fields.Integer(required=True)
    specimens_tested = ma.fields.Integer(required=True, allow_none=True)
    positive_specimens = ma.fields.Integer(required=True, allow_none=True)
    beds_occupied = ma.fields.Integer(required=True, allow_none=True)
    beds_available = ma.fields.Integer(required=True, allow_none=True)


class SavedDaySchema(StoredDaySchema):
    replaced_demo_days = ma.fields.Integer(
        required=True, metadata={"description": "demo days of this area removed because real figures arrived"}
    )


class DeletedDaySchema(StoredDaySchema):
    deleted = ma.fields.Boolean(required=True)
