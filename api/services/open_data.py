"""What /data says about each dataset: its source, licence and last update (data/datasets.csv), and where
each area's case figures come from."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from importlib import resources
from typing import Any

import sqlalchemy as sa

from api.extensions import db
from api.models import CaseRecord, Instruction

DATASETS_CSV = "datasets.csv"


@functools.cache
def _shipped() -> tuple[dict[str, str], ...]:
    text = resources.files("sumbar_data").joinpath(DATASETS_CSV).read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines()))


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment


def datasets() -> list[dict[str, Any]]:
    """Each dataset with its names, source and licence in both languages, and its last update: a date for
    shipped reference data, the latest change for what editors keep up to date."""
    live = {
        "cases": _aware(db.session.scalar(sa.select(sa.func.max(CaseRecord.updated_at)))),
        "instructions": _aware(db.session.scalar(sa.select(sa.func.max(Instruction.updated_at)))),
    }
    out = []
    for row in _shipped():
        updated: dt.date | dt.datetime | None = (
            live.get(row["dataset"]) if row["updated"] == "live" else dt.date.fromisoformat(row["updated"])
        )
        out.append({**row, "updated": updated})
    return out


def case_sources() -> dict[str, dict[str, Any]]:
    """Per area: the sources of its stored days (demo, import:<file>, staff, pull) and its latest change."""
    query = sa.select(CaseRecord.region_code, CaseRecord.source, sa.func.max(CaseRecord.updated_at)).group_by(
        CaseRecord.region_code, CaseRecord.source
    )
    out: dict[str, dict[str, Any]] = {}
    for code, source, latest in db.session.execute(query):
        area = out.setdefault(code, {"sources": [], "updated": None})
        area["sources"].append(source)
        moment = _aware(latest)
        if moment is not None and (area["updated"] is None or moment > area["updated"]):
            area["updated"] = moment
    for area in out.values():
        area["sources"].sort()
    return out
