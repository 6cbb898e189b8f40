"""Shapes shared by every noun: strict request bodies, phone numbers, the language query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import marshmallow as ma
from flask import has_request_context
from marshmallow import validate
from marshmallow.experimental.context import Context

from api.i18n import request_lang
from screening.text import DEFAULT_LANG, SUPPORTED_LANGS

# The language of a reply's sentences when the caller sets it (the console, the live stream).
ReaderLang = Context[str]


def reader_lang() -> str:
    """The language set with ReaderLang, else the request's, else Indonesian."""
    lang: str | None = ReaderLang.get(None)
    if lang:
        return lang
    return request_lang() if has_request_context() else DEFAULT_LANG


def phone_field(required: bool = False) -> ma.fields.String:
    """An Indonesian or international phone number, as people type it (optional unless `required`)."""
    optional: dict[str, Any] = {} if required else {"load_default": None, "allow_none": True}
    return ma.fields.String(
        required=required,
        validate=validate.Regexp(r"^\+?[0-9 ()-]{6,20}$", error="Not a valid phone number."),
        **optional,
    )


class StrictSchema(ma.Schema):
    class Meta:
        unknown = ma.RAISE


class LangQuerySchema(ma.Schema):
    lang = ma.fields.String(validate=validate.OneOf(SUPPORTED_LANGS))


class Timestamp(ma.fields.AwareDateTime):
    """An ISO 8601 time with its UTC offset, read as UTC, between 2000 and 2100.

    Anything else is a phone with a broken clock or a probe: refused with 422, never an overflow.
    """

    default_error_messages = {"out_of_range": "Not a plausible time (2000 to 2100)."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.datetime:
        moment: dt.datetime = super()._deserialize(value, attr, data, **kwargs)
        try:
            moment = moment.astimezone(dt.UTC)
        except (OverflowError, ValueError):
            raise self.make_error("out_of_range") from None
        if not 2000 <= moment.year <= 2100:
            raise self.make_error("out_of_range")
        return moment


def computed(
    field: type[ma.fields.Field[Any]], value_of: Callable[[Any], Any], *args: Any, **kwargs: Any
) -> ma.fields.Field[Any]:
    """A dump-only field of a declared type (so the spec says its type) whose value is computed from the object;
    `args` go to the field (a List's item field, say)."""

    class Computed(field):  # type: ignore[valid-type,misc]
        def serialize(self, attr: str, obj: Any, accessor: Any = None, **kw: Any) -> Any:  # noqa: ARG002
            value = value_of(obj)
            return None if value is None else self._serialize(value, attr, obj, **kw)

    return Computed(*args, dump_only=True, **kwargs)


class Day(ma.fields.Date):
    """A calendar date (YYYY-MM-DD, Asia/Jakarta) between 2000 and 2100; others are refused with 422."""

    default_error_messages = {"out_of_range": "Not a plausible date (2000 to 2100)."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> dt.date:
        day: dt.date = super()._deserialize(value, attr, data, **kwargs)
        if not 2000 <= day.year <= 2100:
            raise self.make_error("out_of_range")
        return day


class HotlineSchema(ma.Schema):
    name = ma.fields.String(required=True)
    number = ma.fields.String(required=True, metadata={"description": "for a tel: link", "example": "119"})


class Attached:
    """A stored record with the rows that belong to it for one reply (its presses, its check-ins...), and flags
    for the schema; any other attribute is the record's own."""

    def __init__(self, record: Any, **attached: Any) -> None:
        self._record = record
        self.__dict__.update(attached)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._record, name)
