"""Derived case statistics are computed by the process that changed the data and read by every other worker
from the shared cache; a change to the figures changes the public statistics' validators."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api import create_app
from api.extensions import cache, db
from api.services import case_stats, intelligence
from tests.factories import staff_headers


@pytest.fixture
def shared_dir(app: Flask, tmp_path: Path) -> Path:
    """A cache folder two app instances share, as the workers of one machine do (the `app` fixture empties
    the database afterwards)."""
    return tmp_path / "cache"


@contextlib.contextmanager
def worker(database_url: str, cache_dir: Path) -> Iterator[Flask]:
    """Another worker process, as far as the cache and the database are concerned."""
    app = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(cache_dir)}
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def test_what_one_worker_derives_after_an_import_every_other_worker_reads(database_url: str, shared_dir: Path) -> None:
    with worker(database_url, shared_dir) as importer:
        assert importer.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
        expected = case_stats.summary()
    with worker(database_url, shared_dir):
        version = case_stats.data_version()
        # Every part the pages and the screening reply read is already there, stamped with the current version.
        for key in ("summary", "weeks", "latest_weeks", "rows:13.71", "rt:13.71", "panel:cases_7day_per_100k"):
            entry = cache.get(key)
            assert entry is not None, key
            assert entry[0] == version, key
        assert case_stats.summary() == expected
        situation = intelligence.region_situation("13.71")
        assert situation is not None
        assert situation.demo is True


def test_a_worker_that_finds_a_part_missing_derives_it_once_for_everyone(database_url: str, shared_dir: Path) -> None:
    with worker(database_url, shared_dir) as importer:
        importer.test_cli_runner().invoke(args=["demo", "load"])
        cache.clear()  # as a flushed Redis would
    with worker(database_url, shared_dir):
        assert cache.get("rows:13.71") is None
        rows = case_stats.series_rows("13.71")
    with worker(database_url, shared_dir):
        entry = cache.get("rows:13.71")
        assert entry is not None
        assert entry[0] == case_stats.data_version()
        assert case_stats.series_rows("13.71") == rows


def test_the_job_derives_again_only_when_the_cache_lost_the_statistics(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    assert runner.invoke(args=["jobs", "run", "case_statistics"]).output.strip() == "case_statistics: current"
    cache.clear()
    assert runner.invoke(args=["jobs", "run", "case_statistics"]).output.strip() == "case_statistics: derived again"


@pytest.fixture
def loaded(app: Flask, runner: FlaskCliRunner) -> None:
    runner.invoke(args=["demo", "load"])
    runner.invoke(args=["reference", "instructions"])


def test_a_change_to_the_figures_changes_the_etag(client: FlaskClient, loaded: None) -> None:
    etag = client.get("/api/v1/cases/summary").headers["ETag"]
    day = {"new_cases": 1, "new_recovered": 0, "new_deaths": 0}
    client.put("/api/v1/regions/13.71/cases/2021-07-01", json=day, headers=staff_headers("editor"))
    changed = client.get("/api/v1/cases/summary", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    english = client.get("/api/v1/cases/summary", headers={"Accept-Language": "en"})
    assert english.headers["ETag"] != changed.headers["ETag"]
    assert "Accept-Language" in english.headers["Vary"]
