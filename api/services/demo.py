"""Demo data for a local run: staff accounts for each role and a spread of screening responses."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator

import sqlalchemy as sa
from flask import current_app

from api.clock import utcnow
from api.extensions import db
from api.models import Region, ScreeningResponse, StaffUser
from api.services.accounts import create_staff_user
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
    password = current_app.config.get("DEMO_PASSWORD", "sumbar-demo-2020")
    for username, role, region in DEMO_USERS:
        exists = db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username))
        if exists is None:
            create_staff_user(username, role, password, region)
            yield f"demo user {username} ({role}) created"
    regions = db.session.scalars(sa.select(Region.code).order_by(Region.code)).all()
    if not regions:
        yield "no regions loaded; run `flask --app api reference load` first"
        return
    questionnaire = get_questionnaire("self-screening")
    rng = random.Random(2020)
    now = utcnow()
    created = 0
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
                created_at=at,
            )
        )
        created += 1
    db.session.commit()
    yield f"demo screening responses: {created} created"
