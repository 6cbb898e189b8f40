"""What an officer answering an alert needs from the resident's isolation: where, who (age, risk factors), how."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from api.clock import local_date, utcnow
from api.extensions import db
from api.models import Alert, Checkin, IsolationEpisode, ScreeningResponse
from screening import isolation as rules


@dataclass(frozen=True)
class LastReading:
    """The latest check-in's measurements (any of them may be missing) and its triage."""

    measured_at: dt.datetime
    temperature_c: float | None
    spo2: int | None
    respiratory_rate: int | None
    triage: str


@dataclass(frozen=True)
class AlertIsolation:
    """The isolation episode behind an alert, as codes and numbers (the console puts them in words)."""

    episode_id: uuid.UUID
    day: int
    total_days: int
    address: str | None
    lat: float | None
    lon: float | None
    age: int | None
    pregnant: bool | None
    # Comorbidity codes of the self-screening that started the episode (its question's option values).
    risk_factors: list[str] = field(default_factory=list)
    last_reading: LastReading | None = None


def alert_isolations(alerts: Sequence[Alert]) -> dict[uuid.UUID, AlertIsolation]:
    """The episodes a page of alerts came from (monitoring alerts, and presses by a resident in isolation), by
    alert id, in three queries whatever the page's size; alerts without one, or whose personal data (or their
    episode's) is removed, are left out."""
    episode_ids = {a.episode_id for a in alerts if a.episode_id is not None and a.personal_data_removed_at is None}
    if not episode_ids:
        return {}
    episodes = {
        episode.id: episode
        for episode in db.session.scalars(
            sa.select(IsolationEpisode).where(
                IsolationEpisode.id.in_(episode_ids), IsolationEpisode.personal_data_removed_at.is_(None)
            )
        )
    }
    response_ids = {e.screening_response_id for e in episodes.values() if e.screening_response_id is not None}
    answers_by_response: dict[uuid.UUID, dict[str, Any]] = {}
    if response_ids:
        rows = db.session.execute(
            sa.select(ScreeningResponse.id, ScreeningResponse.answers).where(ScreeningResponse.id.in_(response_ids))
        )
        answers_by_response = {row.id: dict(row.answers or {}) for row in rows}
    today = local_date(utcnow())
    latest = _latest_checkins(set(episodes))
    found: dict[uuid.UUID, AlertIsolation] = {}
    for alert in alerts:
        episode = episodes.get(alert.episode_id) if alert.episode_id is not None else None
        if episode is None or alert.personal_data_removed_at is not None:
            continue
        answers = answers_by_response.get(episode.screening_response_id, {}) if episode.screening_response_id else {}
        found[alert.id] = _isolation(episode, answers, latest.get(episode.id), today)
    return found


def _latest_checkins(episode_ids: set[uuid.UUID]) -> dict[uuid.UUID, Checkin]:
    """Each episode's latest check-in, in one query."""
    if not episode_ids:
        return {}
    ranked = (
        sa.select(
            Checkin.id,
            sa.func.row_number()
            .over(partition_by=Checkin.episode_id, order_by=(Checkin.measured_at.desc(), Checkin.id.desc()))
            .label("rank"),
        )
        .where(Checkin.episode_id.in_(episode_ids))
        .subquery()
    )
    rows = db.session.scalars(sa.select(Checkin).join(ranked, ranked.c.id == Checkin.id).where(ranked.c.rank == 1))
    return {checkin.episode_id: checkin for checkin in rows}


def _isolation(
    episode: IsolationEpisode, answers: dict[str, Any], latest: Checkin | None, today: dt.date
) -> AlertIsolation:
    age = answers.get("age")
    pregnant = answers.get("pregnant")
    return AlertIsolation(
        episode_id=episode.id,
        day=rules.day_of_isolation(episode.start_date, today),
        total_days=rules.total_days(episode.start_date, episode.end_date),
        address=episode.address,
        lat=episode.lat,
        lon=episode.lon,
        age=age if isinstance(age, int) and not isinstance(age, bool) else None,
        pregnant=pregnant if isinstance(pregnant, bool) else None,
        risk_factors=[str(code) for code in answers.get("comorbidities") or [] if isinstance(code, str)],
        last_reading=(
            LastReading(latest.measured_at, latest.temperature_c, latest.spo2, latest.respiratory_rate, latest.triage)
            if latest is not None
            else None
        ),
    )
