"""Fixtures for tests that need the app: a real database (SQLite always, PostgreSQL when
SUMBAR_TEST_DATABASE_URL is set), the app, its test client and CLI runner.

Only the conftests of tests/api and tests/dashboard import this, so domain tests never load the app.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator

import flask_migrate
import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api import create_app
from api.extensions import db, limiter
from api.services import accounts
from api.services.dispatcher import dispatch_due
from api.services.hospitals import load_hospitals
from api.services.regions import load_regions
from api.transactions import unit_of_work
from tests.paths import PG_URL

BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
KEPT_TABLES = {"regions", "hospitals", "alembic_version"}


def reset_postgres_schema(url: str) -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


# Real argon2id, with the cheapest parameters: the product's own (64 MiB, 3 passes) take about 0.3 s a hash,
# and the suite creates and signs in hundreds of accounts. Live servers in subprocesses keep the product's.
QUICK_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


PRODUCT_HASHER = accounts.hasher


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashing() -> Iterator[None]:
    accounts.hasher = QUICK_HASHER
    yield
    accounts.hasher = PRODUCT_HASHER


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database migrated from empty to head, with the reference regions loaded."""
    if request.param == "sqlite":
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.sqlite3")
    else:
        assert PG_URL
        url = PG_URL
        reset_postgres_schema(url)
    app = create_app({"TESTING": True, "DATABASE_URL": url})
    with app.app_context():
        flask_migrate.upgrade()
        load_regions()
        load_hospitals()
        db.engine.dispose()
    return url


def _empty_tables() -> None:
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in KEPT_TABLES]
    with unit_of_work():
        for table in tables:
            db.session.execute(table.delete())


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_urlsafe(48)})
    with app.app_context():
        # Rate-limit counters live in the process: each test starts with none.
        limiter.reset()
        yield app
        db.session.rollback()
        _empty_tables()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def dispatch_at_once(apps: list[Flask]) -> list[int]:
    """Each app runs the dispatcher in a thread of its own, all starting together: dispatchers in separate
    processes. Returns how many each sent."""
    barrier = threading.Barrier(len(apps))
    sent: list[int] = []

    def run(other: Flask) -> None:
        with other.app_context():
            barrier.wait(timeout=30)
            sent.append(dispatch_due()["sent"])

    threads = [threading.Thread(target=run, args=(other,)) for other in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return sent
