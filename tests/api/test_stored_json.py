"""JSON columns read back: the empty-list shortcut gives what the parser gives, and a list of its own each time."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from flask import Flask

from api.extensions import db
from api.models import JsonType
from api.stored_json import load_stored_json


@pytest.mark.parametrize(
    "text", ["[]", b"[]", "{}", "[ ]", '["cough"]', '{"a": [1, 2.5, null]}', "null", "2", '""', b'{"x": "\\u00e9"}']
)
def test_every_text_reads_as_the_parser_reads_it(text: str | bytes) -> None:
    assert load_stored_json(text) == json.loads(text)
    assert type(load_stored_json(text)) is type(json.loads(text))


def test_each_empty_list_is_a_new_one() -> None:
    first = load_stored_json("[]")
    first.append("cough")
    assert load_stored_json("[]") == []
    assert load_stored_json(b"[]") == []


def test_the_database_reads_json_columns_through_it(app: Flask) -> None:
    assert db.engine.dialect._json_deserializer is load_stored_json  # type: ignore[attr-defined]
    cast = "::jsonb" if db.engine.dialect.name == "postgresql" else ""
    columns = [sa.type_coerce(sa.literal_column(f"'{text}'{cast}"), JsonType) for text in ('["cough"]', "[]")]
    with db.engine.connect() as connection:
        assert tuple(connection.execute(sa.select(*columns)).one()) == (["cough"], [])
