"""What the task force does to an episode: close it with an outcome, add a note, lower a flag (each audited)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import IsolationEpisode, StaffUser
from api.services import outbox
from api.services.exceptions import Conflict
from api.services.isolation_records import event, scoped_episode
from api.services.isolation_views import FLAG_COLUMNS, flag_raised
from api.services.scope import Scope
from api.transactions import unit_of_work
from screening.text import bilingual


@unit_of_work()
def close_episode(
    episode_id: uuid.UUID, staff: StaffUser, scope: Scope, outcome: str, note: str | None
) -> IsolationEpisode:
    episode = scoped_episode(episode_id, scope)
    if episode.status != "active":
        raise Conflict(bilingual("Episode ini sudah ditutup.", "This episode is already closed."))
    episode.status = outcome
    episode.closed_at = episode.updated_at = utcnow()
    episode.flag_urgent = episode.flag_silent = episode.flag_escalated = False
    event(episode, f"close:{outcome}", "staff", note, staff)
    outbox.isolation_ended(episode)
    return episode


@unit_of_work()
def add_note(episode_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str) -> IsolationEpisode:
    episode = scoped_episode(episode_id, scope)
    event(episode, "note", "staff", note, staff)
    episode.updated_at = utcnow()
    return episode


@unit_of_work()
def clear_flag(episode_id: uuid.UUID, staff: StaffUser, scope: Scope, flag: str, note: str | None) -> IsolationEpisode:
    """A responder has followed up (e.g. phoned the resident): the flag is lowered, with a note."""
    episode = scoped_episode(episode_id, scope)
    if not flag_raised(episode, flag):
        raise Conflict(bilingual(f"Tanda '{flag}' tidak aktif.", f"The '{flag}' flag is not raised."))
    db.session.execute(
        sa.update(IsolationEpisode)
        .where(IsolationEpisode.id == episode.id)
        .values({FLAG_COLUMNS[flag]: False})
        .execution_options(synchronize_session="fetch")
    )
    episode.updated_at = utcnow()
    event(episode, f"unflag_{flag}", "staff", note, staff)
    return episode
