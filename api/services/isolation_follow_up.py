"""What the task force does to an episode: close it with an outcome, add a note, lower a flag (each audited)."""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa

from api.clock import local_date, utcnow
from api.extensions import db
from api.models import IsolationEpisode, StaffUser
from api.services import outbox
from api.services.exceptions import Conflict, InvalidInput
from api.services.isolation_records import INVALID, event, scoped_episode
from api.services.isolation_views import FLAG_COLUMNS, flag_raised
from api.services.scope import Scope
from api.transactions import unit_of_work
from screening import isolation as rules
from screening import isolation_events as events
from screening.text import bilingual


@unit_of_work()
def close_episode(
    episode_id: uuid.UUID,
    staff: StaffUser,
    scope: Scope,
    outcome: str,
    note: str | None,
    early_reason: str | None = None,
) -> IsolationEpisode:
    """Close with an outcome (audited). Completing before the release date needs `early_reason`.

    Raises NotFound (outside scope), Conflict (already closed) or InvalidInput (an early completion without
    a reason: a resident let out early may still be infectious, so it is never done by a slip).
    """
    episode = scoped_episode(episode_id, scope)
    if episode.status != "active":
        raise Conflict(bilingual("Episode ini sudah ditutup.", "This episode is already closed."))
    today = local_date(utcnow())
    early = rules.days_early(outcome, episode.end_date, today)
    if early and not early_reason:
        raise InvalidInput(INVALID, {"json": {"early_reason": [_early_text(episode, today, early)]}})
    episode.status = outcome
    episode.closed_at = episode.updated_at = utcnow()
    episode.flag_urgent = episode.flag_silent = episode.flag_escalated = False
    written = " · ".join(text for text in (early_reason, note) if text) or None
    event(episode, f"close:{outcome}", "staff", written, staff, details=events.closed_early(early))
    outbox.isolation_ended(episode)
    return episode


def _early_text(episode: IsolationEpisode, today: dt.date, early: int) -> dict[str, str]:
    day, total = (
        rules.day_of_isolation(episode.start_date, today),
        rules.total_days(episode.start_date, episode.end_date),
    )
    end = episode.end_date.isoformat()
    return bilingual(
        f"Wajib diisi: isolasi ini baru hari ke-{day} dari {total}. Menutupnya sebagai selesai sekarang melepas "
        f"warga {early} hari sebelum tanggal selesai ({end}); tulis alasannya (mis. hasil PCR negatif, arahan dokter).",
        f"Required: this isolation is only on day {day} of {total}. Closing it as completed now releases the "
        f"resident {early} days before the release date ({end}); say why (e.g. a negative PCR, a doctor's advice).",
    )


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
