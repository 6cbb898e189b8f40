"""What is read of home isolation: episodes with adherence and reminders, check-ins with advice, staff listings."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from api.clock import local_date, local_zone, utcnow
from api.extensions import db
from api.models import Alert, Checkin, IsolationEpisode, IsolationEvent
from api.services.scope import Scope
from screening import isolation as rules
from screening import isolation_monitoring as monitoring
from screening.alert_workflow import OPEN_STATUSES

# Flag names (as in the API) and the columns that hold them.
FLAG_COLUMNS = {
    "urgent": IsolationEpisode.flag_urgent,
    "silent": IsolationEpisode.flag_silent,
    "escalated": IsolationEpisode.flag_escalated,
}


def checkins_of(episode: IsolationEpisode) -> Sequence[Checkin]:
    return db.session.scalars(
        sa.select(Checkin).where(Checkin.episode_id == episode.id).order_by(Checkin.measured_at, Checkin.id)
    ).all()


@dataclass(frozen=True)
class Reminder:
    """One of today's reports (slot code; its words are the reader's, chosen at the edge) and whether it is done."""

    slot: str
    done: bool


@dataclass(frozen=True)
class CheckinView:
    """A stored check-in (its triage and reason codes say what it means; the edge puts them in words)."""

    checkin: Checkin
    duplicate: bool = False


@dataclass(frozen=True)
class EpisodeView:
    """An episode as its resident or the task force reads it; `personal` adds name and phone."""

    episode: IsolationEpisode
    day: int
    total_days: int
    flags: list[str]
    adherence: monitoring.Adherence
    reminders_today: list[Reminder] = field(default_factory=list)
    history: list[CheckinView] = field(default_factory=list)
    events: list[IsolationEvent] | None = None
    personal: bool = False
    # An alert raised for this episode is still open (an emergency check-in, or 48 hours without one).
    emergency: bool = False


def flags_of(episode: IsolationEpisode) -> list[str]:
    return [name for name in monitoring.FLAGS if flag_raised(episode, name)]


def flag_raised(episode: IsolationEpisode, name: str) -> bool:
    return {"urgent": episode.flag_urgent, "silent": episode.flag_silent, "escalated": episode.flag_escalated}[name]


def checkin_view(checkin: Checkin, duplicate: bool = False) -> CheckinView:
    return CheckinView(checkin, duplicate=duplicate)


def _adherence(episode: IsolationEpisode, measured: Sequence[dt.datetime], today: dt.date) -> monitoring.Adherence:
    zone = local_zone()
    return _adherence_of_days(episode, {m.astimezone(zone).date() for m in measured}, today)


def _adherence_of_days(episode: IsolationEpisode, days: set[dt.date], today: dt.date) -> monitoring.Adherence:
    """Adherence from the local days with a report."""
    return monitoring.adherence(
        episode.start_date, episode.end_date, days, today, registered_on=local_date(episode.created_at)
    )


def episode_view(
    episode: IsolationEpisode, *, personal: bool, with_history: bool = True, with_events: bool = False
) -> EpisodeView:
    """What the resident's app shows (today's reports due, adherence, history) or, with events, the staff view."""
    history = list(checkins_of(episode))
    return _with_reminders(
        episode,
        [c.measured_at for c in history],
        history=[checkin_view(c) for c in history] if with_history else [],
        events=episode_events(episode) if with_events else None,
        personal=personal,
        emergency=bool(_emergencies([episode.id])),
    )


def progress_view(episode: IsolationEpisode, measured: Sequence[dt.datetime], *, emergency: bool) -> EpisodeView:
    """The episode as a check-in's reply shows it (no history), from the measurement times of all its check-ins
    and whether an alert of it is open, which the caller has just read."""
    return _with_reminders(episode, measured, history=[], events=None, personal=False, emergency=emergency)


def _with_reminders(
    episode: IsolationEpisode,
    measured: Sequence[dt.datetime],
    *,
    history: list[CheckinView],
    events: list[IsolationEvent] | None,
    personal: bool,
    emergency: bool,
) -> EpisodeView:
    today = local_date(utcnow())
    zone = local_zone()
    # Each time converted once, for today's reports and for the days reported.
    local_times = [m.astimezone(zone) for m in measured]
    done = monitoring.slots_done(local_times, today)
    reminders = [Reminder(slot, done[slot]) for slot in monitoring.SLOTS] if episode.status == "active" else []
    return EpisodeView(
        episode,
        day=rules.day_of_isolation(episode.start_date, today),
        total_days=rules.total_days(episode.start_date, episode.end_date),
        flags=flags_of(episode),
        adherence=_adherence_of_days(episode, {t.date() for t in local_times}, today),
        reminders_today=reminders,
        history=history,
        events=events,
        personal=personal,
        emergency=emergency,
    )


def _emergencies(episode_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Those of the episodes with an open alert."""
    if not episode_ids:
        return set()
    found = db.session.scalars(
        sa.select(Alert.episode_id).where(Alert.episode_id.in_(episode_ids), Alert.status.in_(OPEN_STATUSES))
    ).all()
    return {episode_id for episode_id in found if episode_id is not None}


@dataclass(frozen=True)
class EpisodeListing:
    """One page of episodes and how many the whole list holds."""

    rows: list[EpisodeView]
    total: int


@dataclass(frozen=True)
class FlaggedCounts:
    """Active episodes in scope needing the task force: emergency (an open alert) and urgent (flagged, no alert)."""

    emergency: int
    urgent: int


def _with_open_alert() -> Any:
    return sa.exists().where(Alert.episode_id == IsolationEpisode.id, Alert.status.in_(OPEN_STATUSES))


def count_flagged(scope: Scope) -> FlaggedCounts:
    """How many active episodes in scope are emergencies and how many are flagged urgent (counted once each)."""
    query = sa.select(sa.func.count()).select_from(IsolationEpisode).where(IsolationEpisode.status == "active")
    if scope.regions is not None:
        query = query.where(IsolationEpisode.region_code.in_(scope.regions))
    emergency = int(db.session.scalar(query.where(_with_open_alert())) or 0)
    urgent = int(db.session.scalar(query.where(IsolationEpisode.flag_urgent.is_(True), ~_with_open_alert())) or 0)
    return FlaggedCounts(emergency=emergency, urgent=urgent)


def list_episodes(
    scope: Scope,
    *,
    region_code: str | None,
    flag: str | None,
    status: str | None,
    limit: int = 100,
    offset: int = 0,
) -> EpisodeListing:
    """Episodes in scope with adherence: emergencies (an open alert), escalated, urgent and silent first, then
    those that reported longest ago.

    Raises PermissionDenied for a region outside the caller's scope.
    """
    query = sa.select(IsolationEpisode)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(IsolationEpisode.region_code.in_(regions))
    if flag:
        query = query.where(FLAG_COLUMNS[flag].is_(True))
    if status:
        query = query.where(IsolationEpisode.status == status)
    total = int(db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0)
    ordered = query.order_by(
        _with_open_alert().desc(),
        IsolationEpisode.flag_escalated.desc(),
        IsolationEpisode.flag_urgent.desc(),
        IsolationEpisode.flag_silent.desc(),
        sa.func.coalesce(IsolationEpisode.last_checkin_at, IsolationEpisode.created_at),
        IsolationEpisode.id,
    )
    episodes = db.session.scalars(ordered.offset(offset).limit(limit)).all()
    measured: dict[uuid.UUID, list[dt.datetime]] = {e.id: [] for e in episodes}
    if episodes:
        for episode_id, at in db.session.execute(
            sa.select(Checkin.episode_id, Checkin.measured_at).where(Checkin.episode_id.in_(measured))
        ):
            measured[episode_id].append(at)
    emergencies = _emergencies(list(measured))
    today = local_date(utcnow())
    rows = [
        EpisodeView(
            e,
            day=rules.day_of_isolation(e.start_date, today),
            total_days=rules.total_days(e.start_date, e.end_date),
            flags=flags_of(e),
            adherence=_adherence(e, measured[e.id], today),
            personal=True,
            emergency=e.id in emergencies,
        )
        for e in episodes
    ]
    return EpisodeListing(rows, total)


@dataclass(frozen=True)
class CheckinReply(CheckinView):
    """The reply to one check-in: its triage, the numbers to call, and the episode as it stands now."""

    hotlines: list[dict[str, str]] = field(default_factory=list)
    episode: EpisodeView | None = None
    hospitals: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class CheckinBatchReply:
    checkins: list[CheckinView]
    stored: int
    hotlines: list[dict[str, str]]
    episode: EpisodeView
    hospitals: list[dict[str, Any]] = field(default_factory=list)


def episode_events(episode: IsolationEpisode) -> list[IsolationEvent]:
    return list(
        db.session.scalars(
            sa.select(IsolationEvent).where(IsolationEvent.episode_id == episode.id).order_by(IsolationEvent.id)
        ).all()
    )
