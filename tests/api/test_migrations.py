"""The migration chain builds, from an empty database, exactly the schema the models describe."""

from __future__ import annotations

import json
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
        users = sa.table(
            "staff_users",
            sa.column("id"),
            sa.column("username"),
            sa.column("password_hash"),
            sa.column("role"),
            sa.column("is_active"),
            sa.column("is_demo"),
            sa.column("session_version"),
            sa.column("created_at", sa.DateTime(timezone=True)),
        )
        with db.engine.begin() as connection:
            for name, password in (("rina", "sumbar-demo-2020"), ("budi", "kopi-hujan-jembatan-7")):
                connection.execute(
                    sa.insert(users).values(
                        username=name,
                        password_hash=quick.hash(password),
                        role="admin",
                        is_active=True,
                        is_demo=False,
                        session_version=0,
                        created_at=sa.func.now(),
                    )
                )
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


OLD_EVENTS = [  # action, actor, the note the older code wrote, the details it becomes (None: the note stays)
    ("start", "resident", "suspect from 2021-07-01", {"reason": "suspect", "from": "2021-07-01"}),
    (
        "reminder",
        "system",
        "no check-in since 2021-07-01T22:30:00+00:00",
        {"hours": 13, "since": "2021-07-01T22:30:00+00:00"},
    ),
    ("flag_silent", "system", "no check-in for 25 h", {"hours": 25}),
    ("escalated", "system", "no check-in for 48 h", {"hours": 48}),
    ("unflag_silent", "system", "check-in received", {"cause": "checkin_received"}),
    ("end_date_moved", "system", "2021-07-14 -> 2021-07-16", {"from": "2021-07-14", "to": "2021-07-16"}),
    ("flag_urgent", "system", "spo2_at_most_94", {"reasons": ["spo2_at_most_94"]}),
    (
        "alert_opened",
        "system",
        "spo2_below_90, danger_sign:bluish_lips",
        {"reasons": ["spo2_below_90", "danger_sign:bluish_lips"]},
    ),
    ("close:completed", "system", "release date reached", {"cause": "release_date_reached"}),
    ("note", "staff", "no check-in for 25 h", None),  # staff wrote it: free text, whatever it looks like
    ("unflag_silent", "staff", "check-in received", None),
    ("flag_silent", "system", "quiet since Tuesday", None),
    ("start", "resident", None, None),
]
OLD_ALERTS = [  # type, category, note, (cause, reasons) it becomes
    (
        "monitoring",
        "monitoring",
        "Isolation check-in emergency: spo2_below_90, danger_sign:bluish_lips",
        ("emergency_checkin", ["spo2_below_90", "danger_sign:bluish_lips"]),
    ),
    ("monitoring", "monitoring", "No isolation check-in for 49 h", ("silence", ["no_checkin_49h"])),
    ("monitoring", "monitoring", "raised by hand", (None, None)),
    ("panic", "other", "Isolation check-in emergency: spo2_below_90", (None, None)),  # a resident's own words
]


def _table(name: str, plain: str, moments: str, uuids: tuple[str, ...] = ("id",)) -> sa.TableClause:
    """A table as the older schema has it, with just the columns an insert below needs."""
    return sa.table(
        name,
        *(sa.column(column, sa.Uuid()) for column in uuids),
        *(sa.column(column) for column in plain.split()),
        *(sa.column(column, sa.DateTime(timezone=True)) for column in moments.split()),
    )


def test_older_event_and_alert_sentences_become_codes_and_details_and_come_back_on_downgrade(
    empty_database: str,
) -> None:
    import datetime as dt

    at = dt.datetime(2021, 7, 2, 11, 45, tzinfo=dt.UTC)
    app = create_app({"TESTING": True, "DATABASE_URL": empty_database})
    with app.app_context():
        flask_migrate.upgrade(revision="0011c")
        episode = uuid.uuid4()
        episodes = _table(
            "isolation_episodes",
            "reason start_date end_date status flag_urgent flag_silent flag_escalated",
            "created_at updated_at",
        )
        events = _table("isolation_events", "action actor note", "at", uuids=("episode_id",))
        alerts = _table(
            "alerts",
            "type category status routed_by note press_count escalation_level",
            "last_pressed_at created_at updated_at",
        )
        alert_ids = [uuid.uuid4() for _ in OLD_ALERTS]
        with db.engine.begin() as connection:
            connection.execute(
                sa.insert(episodes).values(
                    id=episode,
                    reason="suspect",
                    start_date=dt.date(2021, 7, 1),
                    end_date=dt.date(2021, 7, 14),
                    status="active",
                    flag_urgent=False,
                    flag_silent=False,
                    flag_escalated=False,
                    created_at=at,
                    updated_at=at,
                )
            )
            for action, actor, note, _ in OLD_EVENTS:
                connection.execute(
                    sa.insert(events).values(episode_id=episode, action=action, actor=actor, note=note, at=at)
                )
            for alert_id, (kind, category, note, _) in zip(alert_ids, OLD_ALERTS, strict=True):
                connection.execute(
                    sa.insert(alerts).values(
                        id=alert_id,
                        type=kind,
                        category=category,
                        status="new",
                        routed_by="none",
                        note=note,
                        press_count=1,
                        escalation_level=0,
                        last_pressed_at=at,
                        created_at=at,
                        updated_at=at,
                    )
                )
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            migrated = connection.execute(sa.text("SELECT note, details FROM isolation_events ORDER BY id")).all()
            causes = {
                uuid.UUID(str(row.id)): (row.cause, row.reasons, row.note)
                for row in connection.execute(sa.text("SELECT id, cause, reasons, note FROM alerts"))
            }
            empty = connection.execute(sa.text("SELECT count(*) FROM isolation_events WHERE details IS NULL")).scalar()
        flask_migrate.downgrade(revision="0011c")
        with db.engine.connect() as connection:
            restored = connection.execute(sa.text("SELECT note FROM isolation_events ORDER BY id")).scalars().all()
        db.engine.dispose()

    def loaded(value: object) -> object:
        return json.loads(value) if isinstance(value, str) else value

    assert [(note, loaded(details)) for note, details in migrated] == [
        (None, details) if details is not None else (note, None) for _, _, note, details in OLD_EVENTS
    ]
    assert empty == sum(details is None for *_, details in OLD_EVENTS)
    assert [(causes[alert_id][0], loaded(causes[alert_id][1])) for alert_id in alert_ids] == [
        cause for *_, cause in OLD_ALERTS
    ]
    assert [causes[alert_id][2] for alert_id in alert_ids] == [note for _, _, note, _ in OLD_ALERTS]
    assert restored == [note for _, _, note, _ in OLD_EVENTS]


def test_existing_episodes_keep_their_check_ins_and_events_and_have_no_address_after_0014j(
    empty_database: str,
) -> None:
    import datetime as dt

    at = dt.datetime(2021, 7, 2, 11, 45, tzinfo=dt.UTC)
    app = create_app({"TESTING": True, "DATABASE_URL": empty_database})
    with app.app_context():
        flask_migrate.upgrade(revision="0013a")
        episode = uuid.uuid4()
        episodes = _table(
            "isolation_episodes",
            "reason start_date end_date status flag_urgent flag_silent flag_escalated",
            "created_at updated_at",
        )
        checkins = sa.table(
            "checkins",
            sa.column("episode_id", sa.Uuid()),
            sa.column("spo2"),
            sa.column("triage"),
            *(sa.column(name, sa.JSON()) for name in ("symptoms", "danger_signs", "reasons")),
            *(sa.column(name, sa.DateTime(timezone=True)) for name in ("measured_at", "received_at")),
        )
        events = _table("isolation_events", "action actor", "at", uuids=("episode_id",))
        with db.engine.begin() as connection:
            connection.execute(
                sa.insert(episodes).values(
                    id=episode,
                    reason="suspect",
                    start_date=dt.date(2021, 7, 1),
                    end_date=dt.date(2021, 7, 14),
                    status="active",
                    flag_urgent=False,
                    flag_silent=False,
                    flag_escalated=False,
                    created_at=at,
                    updated_at=at,
                )
            )
            connection.execute(
                sa.insert(checkins).values(
                    episode_id=episode,
                    spo2=97,
                    symptoms=[],
                    danger_signs=[],
                    triage="stable",
                    reasons=[],
                    measured_at=at,
                    received_at=at,
                )
            )
            connection.execute(sa.insert(events).values(episode_id=episode, action="start", actor="resident", at=at))
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            place = connection.execute(sa.text("SELECT address, lat, lon FROM isolation_episodes")).one()
            kept = connection.execute(
                sa.text("SELECT (SELECT count(*) FROM checkins), (SELECT count(*) FROM isolation_events)")
            ).one()
        flask_migrate.downgrade(revision="0013a")
        with db.engine.connect() as connection:
            after_downgrade = connection.execute(sa.text("SELECT count(*) FROM checkins")).scalar()
        db.engine.dispose()
    assert tuple(place) == (None, None, None)
    assert tuple(kept) == (1, 1)
    assert after_downgrade == 1
