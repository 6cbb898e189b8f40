"""Submitting and reading questionnaire responses."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import sqlalchemy as sa

from api.caching import recent
from api.clock import local_today, utcnow
from api.extensions import db
from api.models import Device, ScreeningResponse
from api.services.exceptions import NotFound
from api.services.hospitals import as_json, nearest_free
from api.services.idempotency import Reply, run_once
from api.services.intelligence import region_situation
from api.services.regions import check_region
from api.services.scope import Scope
from screening.evaluate import evaluate
from screening.questionnaire import Questionnaire, UnknownQuestionnaire, get_questionnaire
from screening.text import bilingual
from surveillance.situation import Situation, advice_with_situation, situation_reply

log = logging.getLogger(__name__)
# A screening's reply may show the region's situation as it was this long ago (a new case file shows
# at once in the process that imported it, within this time in the others).
SITUATION_MAX_AGE_SECONDS = 10.0
RESPONSE_NOT_FOUND = bilingual("Jawaban kuesioner tidak ditemukan.", "Questionnaire response not found.")


def find_questionnaire(questionnaire_id: str) -> Questionnaire:
    try:
        return get_questionnaire(questionnaire_id)
    except UnknownQuestionnaire:
        raise NotFound(
            bilingual(f"Kuesioner {questionnaire_id} tidak ada.", f"There is no questionnaire {questionnaire_id}.")
        ) from None


def _json_ready(answers: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, dt.date) else value for key, value in answers.items()}


def _situation(region_code: str | None) -> Situation | None:
    """The region's situation for the result; a failure to read the statistics never costs the resident the reply."""
    if region_code is None:
        return None
    try:
        # The day is in the key: whether the figures are current depends on it.
        key = ("situation", region_code, local_today())
        return recent(key, SITUATION_MAX_AGE_SECONDS, partial(region_situation, region_code))
    except Exception:  # the response is what matters; the situation is a courtesy
        log.exception("region situation unavailable for %s", region_code)
        return None


def _hospitals_for(region_code: str | None) -> list[dict[str, Any]]:
    """An urgent result names the hospitals of the region with a free bed, as they stood when it was answered
    (within SITUATION_MAX_AGE_SECONDS in other processes: reading every hospital's latest report took a third of
    an urgent reply's time; a report made through this process is seen at once)."""
    if region_code is None:
        return []
    try:
        return recent(("hospitals", region_code), SITUATION_MAX_AGE_SECONDS, partial(_free_hospitals, region_code))
    except Exception:  # the response is what matters; the hospitals are a courtesy, like the situation
        log.exception("hospitals unavailable for %s", region_code)
        return []


def _free_hospitals(region_code: str) -> list[dict[str, Any]]:
    return [as_json(hospital) for hospital in nearest_free(None, region_code)]


def submit_screening(
    questionnaire_id: str,
    answers: dict[str, Any],
    *,
    lang: str,
    represent: Callable[[ScreeningResponse], dict[str, Any]],
    region_code: str | None = None,
    device: Device | None = None,
    idempotency_key: str | None = None,
) -> Reply:
    """Evaluate and store one response; `represent` turns the stored row into the reply body.

    An Idempotency-Key is bound to the device (when there is one), the questionnaire and the body: only a
    retry of the same answers replays the first reply, and the key sent with other answers is refused (422),
    never answered with another resident's result. Anonymous keys are not bound to the client address, which
    many residents share behind one network and a phone changes between retries; an anonymous response's id
    opens nothing (reading it needs the device token that sent it).
    Raises NotFound (unknown questionnaire), InvalidInput (unknown region) or InvalidAnswers.
    """
    questionnaire = find_questionnaire(questionnaire_id)
    check_region(region_code)
    evaluation = evaluate(questionnaire, answers, today=local_today(), lang=lang)
    # Read before the write: the statistics come from the shared cache, not from this transaction.
    situation = _situation(region_code)
    # Stored with the response in the resident's language, as it was shown when answered.
    result = {**evaluation.result, "region_situation": None}
    if situation is not None:
        result["region_situation"] = situation_reply(situation, lang, local_today())
        result["advice"] = advice_with_situation(result["advice"], situation, lang, local_today())
    if evaluation.outcome.urgent:
        result["hospitals"] = _hospitals_for(region_code)

    outcome = evaluation.outcome
    values = {
        "id": uuid.uuid4(),
        "questionnaire_id": questionnaire.id,
        "questionnaire_version": questionnaire.version,
        "answers": _json_ready(evaluation.answers),
        "result": result,
        "category": outcome.category,
        "urgent": outcome.urgent,
        "score": outcome.score,
        "lang": lang,
        "region_code": region_code,
        "device_id": device.id if device else None,
        "is_demo": False,
        "created_at": utcnow(),
    }
    # The reply is made before the transaction: on SQLite every writer waits while one holds the write lock,
    # so the lock is held for the INSERT and the commit only.
    body = represent(ScreeningResponse(**values))

    def create() -> tuple[dict[str, Any], int]:
        # One plain INSERT, not the ORM's unit of work: the busiest write of a wave, and a new row with no
        # relations needs none of its bookkeeping (it was the largest share of the request's time).
        db.session.connection().execute(sa.insert(ScreeningResponse), [values])
        return body, 201

    caller = f"device:{device.id}" if device else "anonymous"
    scope = f"{caller}:responses:{questionnaire.id}"
    payload = {"questionnaire": questionnaire_id, "answers": answers, "region": region_code, "lang": lang}
    return run_once(scope, idempotency_key, payload, create)


def get_own_response(response_id: uuid.UUID, device: Device, questionnaire_id: str) -> ScreeningResponse:
    """A device reads only its own responses; anything else is 'not found', never 'forbidden'."""
    response = db.session.get(ScreeningResponse, response_id)
    if response is None or response.device_id != device.id or response.questionnaire_id != questionnaire_id:
        raise NotFound(RESPONSE_NOT_FOUND)
    return response


def list_responses(
    scope: Scope,
    *,
    region_code: str | None = None,
    questionnaire_id: str | None = None,
    category: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[Sequence[ScreeningResponse], int]:
    """Responses in the caller's scope, newest first, with the total count before paging."""
    query = sa.select(ScreeningResponse)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(ScreeningResponse.region_code.in_(regions))
    if questionnaire_id:
        query = query.where(ScreeningResponse.questionnaire_id == questionnaire_id)
    if category:
        query = query.where(ScreeningResponse.category == category)
    if since:
        query = query.where(ScreeningResponse.created_at >= since)
    if until:
        query = query.where(ScreeningResponse.created_at < until)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(ScreeningResponse.created_at.desc()).limit(limit).offset(offset)).all()
    return rows, total


def get_scoped_response(response_id: uuid.UUID, scope: Scope) -> ScreeningResponse:
    response = db.session.get(ScreeningResponse, response_id)
    if response is None or not scope.allows(response.region_code):
        raise NotFound(RESPONSE_NOT_FOUND)
    return response
