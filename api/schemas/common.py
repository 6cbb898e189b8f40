"""Shapes shared by every noun: strict request bodies, phone numbers, the language query."""

from __future__ import annotations

import datetime as dt
from typing import Any

import marshmallow as ma
from flask import has_request_context
from marshmallow import validate

from api.i18n import request_lang
from screening.text import DEFAULT_LANG, SUPPORTED_LANGS, bilingual


class WordedSchema(ma.Schema):
    """A schema that puts some of its fields in words, in `lang`: given when it is made (the console, the live
    stream), else that of the schema it is nested in (NestedWorded), else the request's, else Indonesian."""

    def __init__(self, *args: Any, lang: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lang = lang
        self.outer: WordedSchema | None = None

    @property
    def lang(self) -> str:
        if self._lang:
            return self._lang
        if self.outer is not None:
            return self.outer.lang
        return request_lang() if has_request_context() else DEFAULT_LANG


class NestedWorded(ma.fields.Nested):
    """A nested WordedSchema whose words follow the language of the schema it sits in."""

    @property
    def schema(self) -> ma.Schema:
        nested = super().schema
        # The same outer schema every time (schemas are made once per use), so threads may share it.
        if isinstance(nested, WordedSchema) and isinstance(self.root, WordedSchema):
            nested.outer = self.root
        return nested


# Our own messages come in both languages at the source, as one-message lists (the shape of a field's errors);
# api.i18n picks the caller's language.
PHONE_INVALID = [
    bilingual("Nomor telepon tidak valid (6-20 angka, boleh +, spasi, tanda hubung).", "Not a valid phone number.")
]


def lat_and_lon_together(data: dict[str, Any]) -> None:
    """A pin is both coordinates or neither; the error lands on the one that is missing."""
    if (data.get("lat") is None) != (data.get("lon") is None):
        raise ma.ValidationError(
            [bilingual("lat dan lon harus dikirim bersama.", "lat and lon come together.")],
            field_name="lon" if data.get("lon") is None else "lat",
        )


class PhonePattern(validate.Regexp):
    """What a phone number as people type it looks like (the pattern is in the API document too)."""

    def __init__(self) -> None:
        super().__init__(r"^\+?[0-9 ()-]{6,20}$")

    def _format_error(self, value: str | bytes) -> Any:  # noqa: ARG002
        return PHONE_INVALID


def phone_field(required: bool = False) -> ma.fields.String:
    """An Indonesian or international phone number, as people type it (optional unless `required`)."""
    optional: dict[str, Any] = {} if required else {"load_default": None, "allow_none": True}
    return ma.fields.String(required=required, validate=PhonePattern(), **optional)


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class LangQuerySchema(ma.Schema):
    lang = ma.fields.String(validate=validate.OneOf(SUPPORTED_LANGS))


class Timestamp(ma.fields.AwareDateTime):
    """An ISO 8601 time with its UTC offset, read as UTC, between 2000 and 2100.

    Anything else is a phone with a broken clock or a probe: refused with 422, never an overflow.
    """

    default_error_messages = {
        "out_of_range": [
            bilingual(
                "Waktu tidak masuk akal (harus antara tahun 2000 dan 2100).", "Not a plausible time (2000 to 2100)."
            )
        ]
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        moment: dt.datetime = super()._deserialize(value, attr, data, **kwargs)
        try:
            moment = moment.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise self.make_error("out_of_range") from None
        if not 2000 <= moment.year <= 2100:
            raise self.make_error("out_of_range")
        return moment


class Day(ma.fields.Date):
    """A calendar date (YYYY-MM-DD, Asia/Jakarta) between 2000 and 2100; others are refused with 422."""

    default_error_messages = {
        "out_of_range": [
            bilingual(
                "Tanggal tidak masuk akal (harus antara tahun 2000 dan 2100).", "Not a plausible date (2000 to 2100)."
            )
        ]
    }

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.date:
        day: dt.date = super()._deserialize(value, attr, data, **kwargs)
        if not 2000 <= day.year <= 2100:
            raise self.make_error("out_of_range")
        return day


class HotlineSchema(ma.Schema):
    name = ma.fields.String(required=True)
    number = ma.fields.String(required=True, metadata={"description": "for a tel: link", "example": "119"})


def staff_username() -> ma.fields.Field[Any]:
    """The username of the staff member who wrote an audit row (null: the resident or the system)."""
    return ma.fields.Function(
        lambda row: row.staff.username if row.staff else None,
        required=True,
        allow_none=True,
        metadata={"type": "string"},
    )
