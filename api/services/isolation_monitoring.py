"""Isolation monitoring jobs: reminders after 12 quiet hours, silence flags at 24, escalation at 48, completion."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from api.clock import local_today, utcnow
from api.extensions import db
from api.models import IsolationEpisode
from api.services import outbox
from api.services.alerts import open_monitoring_alert
from api.services.isolation_records import event, open_alert_for
from api.services.isolation_views import flags_of
from api.transactions import unit_of_work
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.monitoring_alerts import SILENCE, silence_note, silence_reasons


def _active() -> list[uuid.UUID]:
    """The active episodes' ids: each is then handled in a unit of work of its own, so the writer lock is taken
    for one episode at a time and every episode's changes are written under it."""
    return list(db.session.scalars(sa.select(IsolationEpisode.id).where(IsolationEpisode.status == "active")))


def _still_active(episode_id: uuid.UUID) -> IsolationEpisode | None:
    """The episode as stored now, inside the unit of work (another run or a staff action may have closed it)."""
    episode = db.session.get(IsolationEpisode, episode_id, populate_existing=True)
    return episode if episode is not None and episode.status == "active" else None


def send_checkin_reminders() -> int:
    """Remind residents whose last check-in (or registration) is 12 hours old; at most one reminder per 12 hours."""
    now = utcnow()

    @unit_of_work()
    def remind(episode_id: uuid.UUID) -> bool:
        episode = _still_active(episode_id)
        if episode is None:
            return False
        quiet_since = episode.last_checkin_at or episode.created_at
        if not monitoring.reminder_due(now, quiet_since, episode.last_reminder_at):
            return False
        episode.last_reminder_at = now
        quiet_hours = int((now - quiet_since).total_seconds() // 3600)
        event(episode, "reminder", "system", details=events.quiet(quiet_hours, quiet_since))
        # Queued with the reminder's record, so a failed write never reminds twice.
        outbox.checkin_reminder(episode, quiet_hours)
        return True

    return sum(remind(episode_id) for episode_id in _active())


def flag_silent_episodes() -> dict[str, int]:
    """Flag episodes silent for 24 hours; escalate those silent for 48 hours to the alert queue (once each)."""
    now = utcnow()
    counts = {"silent": 0, "escalated": 0}

    @unit_of_work()
    def flag(episode_id: uuid.UUID) -> None:
        episode = _still_active(episode_id)
        if episode is None:
            return
        quiet_for = now - (episode.last_checkin_at or episode.created_at)
        hours = int(quiet_for.total_seconds() // 3600)
        decision = monitoring.silence(quiet_for)
        if decision.flag_silent and not episode.flag_silent:
            episode.flag_silent = True
            event(episode, "flag_silent", "system", details=events.quiet(hours))
            counts["silent"] += 1
        if decision.escalate and not episode.flag_escalated:
            episode.flag_escalated = True
            if open_alert_for(episode) is None:
                open_monitoring_alert(
                    region_code=episode.region_code,
                    cause=SILENCE,
                    reasons=silence_reasons(hours),
                    note=silence_note(hours),
                    phone=episode.phone,
                    episode_id=episode.id,
                    device_id=episode.device_id,
                )
            event(episode, "escalated", "system", details=events.quiet(hours))
            counts["escalated"] += 1

    for episode_id in _active():
        flag(episode_id)
    return counts


def complete_finished_episodes() -> int:
    """Episodes past their release date with no open flag end as completed."""
    today = local_today()

    @unit_of_work()
    def complete(episode_id: uuid.UUID) -> bool:
        episode = _still_active(episode_id)
        if episode is None:
            return False
        if today >= episode.end_date and not flags_of(episode):
            episode.status, episode.closed_at, episode.updated_at = "completed", utcnow(), utcnow()
            event(episode, "close:completed", "system", details=events.because(events.RELEASE_DATE_REACHED))
            outbox.isolation_ended(episode)
            return True
        return False

    return sum(complete(episode_id) for episode_id in _active())
