"""Home isolation's shared pieces: finding an episode for its resident or staff, its audit events, its open alert."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, Device, IsolationEpisode, IsolationEvent, StaffUser
from api.services.exceptions import InvalidInput, NotFound
from api.services.scope import Scope
from screening.alert_workflow import OPEN_STATUSES
from screening.text import bilingual

EPISODE_NOT_FOUND = bilingual("Episode isolasi tidak ditemukan.", "Isolation episode not found.")
INVALID = bilingual("Isian tidak valid.", "Invalid input.")


def field_error(field: str, id_text: str, en_text: str) -> InvalidInput:
    return InvalidInput(INVALID, {"json": {field: [bilingual(id_text, en_text)]}})


def event(
    episode: IsolationEpisode,
    action: str,
    actor: str,
    note: str | None = None,
    staff: StaffUser | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """One audit event: the system's and the resident's say what happened in `details`; `note` is staff text."""
    db.session.add(
        IsolationEvent(
            episode_id=episode.id,
            action=action,
            actor=actor,
            staff_id=staff.id if staff else None,
            details=details,
            note=note,
            at=utcnow(),
        )
    )


def own_episode(episode_id: uuid.UUID, device: Device) -> IsolationEpisode:
    episode = db.session.get(IsolationEpisode, episode_id)
    if episode is None or episode.device_id != device.id:
        raise NotFound(EPISODE_NOT_FOUND)
    return episode


def scoped_episode(episode_id: uuid.UUID, scope: Scope) -> IsolationEpisode:
    episode = db.session.get(IsolationEpisode, episode_id)
    if episode is None or not scope.allows(episode.region_code):
        raise NotFound(EPISODE_NOT_FOUND)
    return episode


def open_alert_for(episode: IsolationEpisode) -> Alert | None:
    alert: Alert | None = db.session.scalar(
        sa.select(Alert).where(Alert.episode_id == episode.id, Alert.status.in_(OPEN_STATUSES)).limit(1)
    )
    return alert


def active_episode_of(device: Device) -> IsolationEpisode | None:
    """The device's isolation still running (the latest, should there be two), whose alerts the officer links to."""
    episode: IsolationEpisode | None = db.session.scalar(
        sa.select(IsolationEpisode)
        .where(IsolationEpisode.device_id == device.id, IsolationEpisode.status == "active")
        .order_by(IsolationEpisode.created_at.desc())
        .limit(1)
    )
    return episode
