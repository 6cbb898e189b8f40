"""The stored case records as the statistics read them: the areas, each area's days, and the data version."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa

from api.caching import forget_per_request, forget_recent, per_request, recent
from api.clock import local_today
from api.extensions import cache, db
from api.models import PROVINCE_CODE, CaseRecord, Region
from surveillance import province
from surveillance.case_files import FIELDS, FIRST_DAY, latest_allowed_day
from surveillance.cases import Day

GENERATION_KEY = "cases:generation"
VERSION_MEMO = "case_data_version"
VERSION_MAX_AGE_SECONDS = 1.0


@dataclass(frozen=True)
class Areas:
    """The province and its kabupaten/kota: names, 2020 census population, and per area whether its
    stored series is demo data and when it last changed."""

    names: dict[str, str]
    populations: dict[str, int]
    demo: frozenset[str]
    last_updated: dict[str, dt.datetime]


def read_areas() -> Areas:
    rows = db.session.execute(sa.select(Region.code, Region.name, Region.population_2020).order_by(Region.code))
    names, populations = {PROVINCE_CODE: province.NAME["id"]}, {PROVINCE_CODE: 0}
    for code, name, population in rows:
        names[code], populations[code] = name, population
        populations[PROVINCE_CODE] += population
    demo: set[str] = set()
    updated: dict[str, dt.datetime] = {}
    query = sa.select(
        CaseRecord.region_code,
        sa.func.max(CaseRecord.updated_at),
        sa.func.max(sa.case((CaseRecord.source == "demo", 1), else_=0)),
    ).group_by(CaseRecord.region_code)
    for code, latest, any_demo in db.session.execute(query):
        if latest is not None:
            updated[code] = latest if latest.tzinfo else latest.replace(tzinfo=dt.UTC)
        if any_demo:
            demo.add(code)
    return Areas(names, populations, frozenset(demo), updated)


def stored_days(region: str | None = None) -> dict[str, list[Day]]:
    """Each area's stored days (or one area's), only those a case day may have: older or future rows
    (entered before the dates were checked) are left out, so no series ever spans more than the epidemic."""
    columns = [getattr(CaseRecord, name) for name in FIELDS]
    last = latest_allowed_day(local_today())
    query = (
        sa.select(CaseRecord.region_code, CaseRecord.date, *columns)
        .where(CaseRecord.date.between(FIRST_DAY, last))
        .order_by(CaseRecord.region_code, CaseRecord.date)
    )
    if region is not None:
        query = query.where(CaseRecord.region_code == region)
    found: dict[str, list[Day]] = {}
    # Columns in FIELDS order, which is Day's; the three daily counts are never null in storage.
    for code, date, *values in db.session.execute(query):
        found.setdefault(code, []).append(Day(date, *values))
    return found


def regions_version() -> str:
    """Changes whenever the reference table of kabupaten/kota changes (19 rows: read whole)."""
    rows = db.session.execute(sa.select(*Region.__table__.columns).order_by(Region.code))
    return f"{db.engine.url}|" + "|".join(str(tuple(row)) for row in rows)


def data_version() -> str:
    """Changes whenever any case record or population changes (and on every write through the services).

    Read once per request (the validators and the statistics of one request ask for it several times), and at
    most once a VERSION_MAX_AGE_SECONDS per process: each reading counts and scans the case table, and every
    dashboard request needs it. `forget_version` drops both after a change made through this process; other
    processes see a change within that age. api/caching.py maps it.
    """
    return per_request(VERSION_MEMO, lambda: recent((VERSION_MEMO,), VERSION_MAX_AGE_SECONDS, _read_version))


def forget_version() -> None:
    forget_per_request(VERSION_MEMO)
    forget_recent()


def _read_version() -> str:
    query = sa.select(
        sa.select(sa.func.count()).select_from(CaseRecord).scalar_subquery(),
        sa.select(sa.func.max(CaseRecord.updated_at)).scalar_subquery(),
        sa.select(sa.func.max(CaseRecord.id)).scalar_subquery(),
        sa.select(sa.func.sum(Region.population_2020)).scalar_subquery(),
    )
    count, latest, last_id, people = db.session.execute(query).one()
    # The generation token tells apart two states of the data that happen to agree on the figures above.
    generation = cache.get(GENERATION_KEY)
    return f"{db.engine.url}|{count}|{latest}|{last_id}|{people}|{generation}"
