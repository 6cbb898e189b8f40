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
    revisions = [r.revision for r in script.walk_revisions()]
    # Numbered in order; revisions drafted side by side share a number and differ by a letter ("0011c").
    assert all(re.fullmatch(r"\d{4}[a-z]?", revision) for revision in revisions), revisions
    numbers = sorted({int(revision[:4]) for revision in revisions})
    assert numbers == list(range(1, len(numbers) + 1))
