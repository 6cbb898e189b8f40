"""The migration chain builds, from an empty database, exactly the schema the models describe."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from api import create_app
from api.extensions import db
from tests.paths import PG_URL


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield "sqlite:///" + str(tmp_path / "empty.sqlite3")
        return
    assert PG_URL
    server = sa.create_engine(PG_URL.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    name = f"sumbar_migration_{uuid.uuid4().hex[:12]}"
    with server.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield str(sa.make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    with server.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    server.dispose()


def test_upgrading_an_empty_database_reaches_the_models_schema(empty_database: str) -> None:
    app = create_app({"TESTING": True, "DATABASE_URL": empty_database})
    with app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert context.get_current_revision() is not None
            differences = compare_metadata(context, db.metadata)
        assert differences == []
        flask_migrate.downgrade(revision="base")
        assert sa.inspect(db.engine).get_table_names() == ["alembic_version"]
        db.engine.dispose()


def test_the_history_has_one_head_and_numbered_revisions() -> None:
    from alembic.script import ScriptDirectory

    from api import MIGRATIONS_DIR

    script = ScriptDirectory(MIGRATIONS_DIR)
    assert len(script.get_heads()) == 1
    # Numbered in order; a letter after the number marks revisions written side by side and chained at merge.
    numbers = sorted(int(r.revision[:4]) for r in script.walk_revisions())
    assert all(re.fullmatch(r"\d{4}[a-z]?", r.revision) for r in script.walk_revisions())
    assert sorted(set(numbers)) == list(range(1, max(numbers) + 1))


def test_existing_accounts_get_random_session_versions_and_the_demo_password_mark(empty_database: str) -> None:
    from argon2 import PasswordHasher

    quick = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    app = create_app({"TESTING": True, "DATABASE_URL": empty_database})
    with app.app_context():
        flask_migrate.upgrade(revision="0010")
        users = sa.table("staff_users", sa.column("id"), sa.column("username"), sa.column("password_hash"),
                         sa.column("role"), sa.column("is_active"), sa.column("is_demo"),
                         sa.column("session_version"), sa.column("created_at", sa.DateTime(timezone=True)))  # fmt: skip
        with db.engine.begin() as connection:
            for name, password in (("rina", "sumbar-demo-2020"), ("budi", "kopi-hujan-jembatan-7")):
                connection.execute(sa.insert(users).values(
                    username=name, password_hash=quick.hash(password), role="admin", is_active=True, is_demo=False,
                    session_version=0, created_at=sa.func.now()))  # fmt: skip
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT username, session_version, has_demo_password FROM staff_users ORDER BY username")
            ).all()
        db.engine.dispose()
    assert [(name, flagged) for name, _, flagged in rows] == [("budi", False), ("rina", True)]
    versions = [version for _, version, _ in rows]
    assert len(set(versions)) == 2
    assert min(versions) > 2**32
