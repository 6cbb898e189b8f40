"""Demo data for a local run: staff accounts for each role, a spread of screening responses, a synthetic
case series per area and bed reports from its hospitals; and its removal."""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections.abc import Iterator

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import (
    PROVINCE_CODE,
    Alert,
    AlertTransition,
    CaseAudit,
    CaseRecord,
    IsolationEpisode,
    IsolationEvent,
    Region,
    ScreeningResponse,
    StaffToken,
    StaffUser,
)
from api.services import case_stats
from api.services.accounts import create_demo_user, demo_password
from api.services.demo_beds import clear_demo_beds, load_demo_beds
from api.transactions import unit_of_work
from screening.evaluate import evaluate
from screening.questionnaire import get_questionnaire

DEMO_USERS = (
    ("admin", "admin", None),
    ("satgas-provinsi", "satgas_provinsi", None),
    ("satgas-padang", "satgas_kabkota", "13.71"),
    ("satgas-agam", "satgas_kabkota", "13.06"),
    ("editor", "editor", None),
)
DEMO_NAMESPACE = uuid.UUID("6f1c2b8e-3f44-4d6b-9a51-5b0f2d1a7c10")
DEMO_RESPONSES = 120


def _demo_answers(rng: random.Random) -> dict[str, object]:
    questionnaire = get_questionnaire("self-screening")
    answers: dict[str, object] = {}
    for question in questionnaire.questions:
        if question.type != "boolean" or question.key == "pregnant":
            continue
        rare = question.section == "danger_signs"
        answers[question.key] = rng.random() < (0.01 if rare else 0.12)
    if rng.random() < 0.5:
        answers["age"] = rng.randint(5, 85)
    if rng.random() < 0.3:
        answers["spo2"] = rng.choice([91, 93, 95, 96, 97, 98, 99])
    return answers


def load_demo_data() -> Iterator[str]:
    """Demo accounts (with the demo password, which real accounts may not use) and demo data; only the explicit
    demo step (`flask --app api demo load`, which `make run` calls) makes them, wherever the server listens."""
    password = demo_password()
    for username, role, region in DEMO_USERS:
        exists = db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username))
        if exists is None:
            create_demo_user(username, role, password, region)
            yield f"demo user {username} ({role}) created"
    regions = db.session.scalars(sa.select(Region.code).order_by(Region.code)).all()
    if not regions:
        yield "no regions loaded; run `flask --app api reference load` first"
        return
    questionnaire = get_questionnaire("self-screening")
    rng = random.Random(2020)
    now = utcnow()
    created = 0
    with unit_of_work():
        for index in range(DEMO_RESPONSES):
            answers = _demo_answers(rng)
            region = rng.choice(regions)
            at = now - dt.timedelta(minutes=rng.randint(0, 14 * 24 * 60))
            # Fixed ids make a second load a no-op.
            response_id = uuid.uuid5(DEMO_NAMESPACE, str(index))
            if db.session.get(ScreeningResponse, response_id) is not None:
                continue
            evaluation = evaluate(questionnaire, answers, today=at.date(), lang="id")
            db.session.add(
                ScreeningResponse(
                    id=response_id,
                    questionnaire_id=questionnaire.id,
                    questionnaire_version=questionnaire.version,
                    answers=evaluation.answers,
                    result=evaluation.result,
                    category=evaluation.outcome.category,
                    urgent=evaluation.outcome.urgent,
                    score=None,
                    lang="id",
                    region_code=region,
                    is_demo=True,
                    created_at=at,
                )
            )
            created += 1
    yield f"demo screening responses: {created} created"
    yield load_demo_cases()
    yield from load_demo_beds(password)


DEMO_START = dt.date(2020, 3, 26)
DEMO_END = dt.date(2022, 12, 31)
# Waves (peak date, new cases per 100,000 per day at the peak, width in days), shaped on the province's record.
DEMO_WAVES = (
    (dt.date(2020, 10, 20), 3.0, 45),
    (dt.date(2021, 1, 25), 2.2, 30),
    (dt.date(2021, 8, 2), 13.5, 32),
    (dt.date(2022, 2, 20), 6.0, 22),
)


def _expected_cases(day: dt.date, population: int, scale: float) -> float:
    rate = sum(peak * math.exp(-(((day - at).days / width) ** 2)) for at, peak, width in DEMO_WAVES)
    return max(0.05, rate * scale) * population / 100_000


# Each day's cases resolve as one cohort: its deaths RECOVERY_DAYS - DEATH_DAYS earlier than its recoveries.
DEATH_DAYS, RECOVERY_DAYS = 10, 14
FATALITY = 0.023


def _cohort_deaths(cases: int, rng: random.Random) -> int:
    """How many of one day's cases die: about FATALITY of them, never more than there were."""
    return min(cases, max(0, round(cases * FATALITY + rng.uniform(-0.4, 0.4))))


def demo_case_rows() -> list[dict[str, object]]:
    """A synthetic but plausible daily series for every region (waves, noise, deaths and recoveries lagging),
    and the province's as their sum (the province is a series of its own, like any area).

    Every day's cases leave the active count as one cohort: some die DEATH_DAYS later, the rest recover
    RECOVERY_DAYS later, so active cases (cases - recovered - deaths, cumulative) are never negative and fall
    back towards zero between waves, as an epidemic's do.
    """
    rng = random.Random(1303)
    now = utcnow()
    rows: list[dict[str, object]] = []
    province: dict[dt.date, dict[str, int]] = {}
    for region in db.session.scalars(sa.select(Region).order_by(Region.code)):
        # Cities were hit harder than the islands.
        scale = (1.6 if region.type == "Kota" else 0.8) * rng.uniform(0.7, 1.3)
        history: list[int] = []
        cohort_deaths: list[int] = []
        day = DEMO_START
        while day <= DEMO_END:
            expected = _expected_cases(day, region.population_2020, scale)
            cases = max(0, round(rng.gauss(expected, math.sqrt(expected) + 0.5)))
            history.append(cases)
            cohort_deaths.append(_cohort_deaths(cases, rng))
            deaths = cohort_deaths[-1 - DEATH_DAYS] if len(history) > DEATH_DAYS else 0
            recovered = (
                history[-1 - RECOVERY_DAYS] - cohort_deaths[-1 - RECOVERY_DAYS] if len(history) > RECOVERY_DAYS else 0
            )
            tested = round(cases * rng.uniform(6, 14)) + rng.randint(5, 40)
            counts = {
                "new_cases": cases,
                "new_recovered": recovered,
                "new_deaths": deaths,
                "specimens_tested": tested,
                "positive_specimens": min(cases, tested),
            }
            rows.append(_demo_row(region.code, day, counts, now))
            total = province.setdefault(day, dict.fromkeys(counts, 0))
            for name, value in counts.items():
                total[name] += value
            day += dt.timedelta(days=1)
    rows += [_demo_row(PROVINCE_CODE, day, counts, now) for day, counts in sorted(province.items())]
    return rows


def _demo_row(code: str, day: dt.date, counts: dict[str, int], now: dt.datetime) -> dict[str, object]:
    return {
        **{"region_code": code, "date": day, **counts, "beds_occupied": None, "beds_available": None},
        **{"correction": False, "source": "demo", "note": None, "updated_at": now, "updated_by_id": None},
    }


def load_demo_cases() -> str:
    """Demo series for the areas that have no figures yet (real figures are never mixed with demo ones)."""
    present = set(db.session.scalars(sa.select(CaseRecord.region_code).distinct()))
    rows = [row for row in demo_case_rows() if row["region_code"] not in present]
    if not rows:
        return "every area has case figures: no demo series loaded"
    with unit_of_work():
        db.session.execute(sa.insert(CaseRecord), rows)
    case_stats.refresh()
    return f"demo case series: {len(rows)} daily records for {len({r['region_code'] for r in rows})} areas"


# Where staff accounts are named in the record of what happened.
STAFF_REFERENCES = (
    Alert.acknowledged_by_id,
    AlertTransition.staff_id,
    IsolationEvent.staff_id,
    CaseRecord.updated_by_id,
    CaseAudit.staff_id,
)


def _count(condition: sa.ColumnElement[bool]) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(condition)) or 0


def clear_demo_data() -> Iterator[str]:
    """Remove the demo case series, demo screening responses and demo staff accounts.

    A demo account named in an audit trail (it acted on an alert, an episode or case figures) is kept
    there but deactivated, so the record of who did what stays whole and the published password opens
    nothing.
    """
    with unit_of_work():
        cases = _count(CaseRecord.source == "demo")
        db.session.execute(sa.delete(CaseRecord).where(CaseRecord.source == "demo"))
        yield f"demo case records removed: {cases}"
        yield f"demo bed reports removed: {clear_demo_beds()}"
        demo_responses = sa.select(ScreeningResponse.id).where(ScreeningResponse.is_demo.is_(True))
        db.session.execute(
            sa.update(IsolationEpisode)
            .where(IsolationEpisode.screening_response_id.in_(demo_responses))
            .values(screening_response_id=None)
        )
        responses = _count(ScreeningResponse.is_demo.is_(True))
        db.session.execute(sa.delete(ScreeningResponse).where(ScreeningResponse.is_demo.is_(True)))
        yield f"demo screening responses removed: {responses}"
        removed, deactivated = [], []
        for user in db.session.scalars(
            sa.select(StaffUser).where(StaffUser.is_demo.is_(True)).order_by(StaffUser.username)
        ):
            db.session.execute(sa.delete(StaffToken).where(StaffToken.user_id == user.id))
            if any(db.session.scalar(sa.select(sa.exists().where(column == user.id))) for column in STAFF_REFERENCES):
                user.is_active = False
                deactivated.append(user.username)
            else:
                db.session.delete(user)
                removed.append(user.username)
    case_stats.refresh()
    yield f"demo staff accounts removed: {len(removed)}{' (' + ', '.join(removed) + ')' if removed else ''}"
    if deactivated:
        yield f"demo staff accounts named in audit trails, deactivated instead: {', '.join(deactivated)}"
