"""What an officer answering an alert needs from the resident's isolation: where, who (age, risk factors), how."""

from __future__ import annotations

import datetime as dt
import uuid
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


def alert_isolation(alert: Alert) -> AlertIsolation | None:
    """The episode an alert came from (a monitoring alert, or a press by a resident in isolation); None without
    one, or once the alert's personal data is removed."""
    if alert.episode_id is None or alert.personal_data_removed_at is not None:
        return None
    episode = db.session.get(IsolationEpisode, alert.episode_id)
    if episode is None or episode.personal_data_removed_at is not None:
        return None
    answers: dict[str, Any] = {}
    if episode.screening_response_id is not None:
        response = db.session.get(ScreeningResponse, episode.screening_response_id)
        answers = dict(response.answers) if response is not None else {}
    latest = db.session.scalar(
        sa.select(Checkin)
        .where(Checkin.episode_id == episode.id)
        .order_by(Checkin.measured_at.desc(), Checkin.id.desc())
        .limit(1)
    )
    age = answers.get("age")
    pregnant = answers.get("pregnant")
    return AlertIsolation(
        episode_id=episode.id,
        day=rules.day_of_isolation(episode.start_date, local_date(utcnow())),
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
