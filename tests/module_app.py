"""A module-scoped app on the session's database, for test modules that load their data once and then only
read it (the function-scoped `app` of tests/database.py empties the tables after every test)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from flask import Flask

from api import create_app
from api.extensions import db
from tests.database import _empty_tables


@pytest.fixture(scope="module")
def module_app(database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_urlsafe(48)})
    with app.app_context():
        yield app
        db.session.rollback()
        _empty_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="module")
def demo_app(module_app: Flask) -> Flask:
    """The module's app with one demo load (case series, screenings, accounts) and the shipped instructions."""
    runner = module_app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["reference", "instructions"]).exit_code == 0
    return module_app
