"""A PostgreSQL connection that sat idle in the pool is tried before use and replaced when it went away."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask

from api import connection_checks
from api.extensions import db


def _pooled_backend_killed() -> None:
    """Return one connection to the pool, then end its server process behind the pool's back."""
    with db.engine.connect() as connection:
        pid = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar()
    killer = sa.create_engine(db.engine.url)
    with killer.connect() as other:
        other.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    killer.dispose()


@pytest.fixture
def postgres(app: Flask) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server connection to lose")
    db.session.remove()
    db.engine.dispose()


def test_an_idle_connection_that_went_away_is_replaced(postgres: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection_checks, "IDLE_SECONDS", -1.0)  # every returned connection counts as idle
    _pooled_backend_killed()
    with db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar() == 1


def test_a_connection_in_steady_use_is_not_tried_first(postgres: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(connection_checks, "IDLE_SECONDS", 3600.0)
    _pooled_backend_killed()
    with pytest.raises(sa.exc.OperationalError), db.engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    # The disconnect emptied the pool: the next use gets a new connection.
    with db.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar() == 1
