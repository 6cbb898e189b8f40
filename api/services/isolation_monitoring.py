"""Isolation monitoring jobs: reminders after 12 quiet hours, silence flags at 24, escalation at 48, completion."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from api.clock import local_today, utcnow
from api.extensions import db
from api.models import IsolationEpisode
from api.notify import Notification, notify
from api.services.alerts import open_monitoring_alert
from api.services.isolation import event, flags_of, open_alert_for
from api.transactions import begin_write
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.monitoring_alerts import SILENCE, silence_note, silence_reasons


def _active() -> Sequence[IsolationEpisode]:
    return db.session.scalars(sa.select(IsolationEpisode).where(IsolationEpisode.status == "active")).all()


def send_checkin_reminders() -> int:
    """Remind residents whose last check-in (or registration) is 12 hours old; at most one reminder per 12 hours."""
    now, sent = utcnow(), 0
    begin_write()
    for episode in _active():
        quiet_since = episode.last_checkin_at or episode.created_at
        if not monitoring.reminder_due(now, quiet_since, episode.last_reminder_at):
            continue
        episode.last_reminder_at = now
        quiet_hours = int((now - quiet_since).total_seconds() // 3600)
        event(episode, "reminder", "system", details=events.quiet(quiet_hours, quiet_since))
        db.session.commit()
        notify(
            Notification(
                kind="checkin_reminder",
                subject="Waktunya laporan isolasi harian / Time for your daily isolation check-in",
                body=f"Episode {episode.id}: no check-in for {quiet_hours} h.",
                audience="resident",
                region_code=episode.region_code,
                data={"episode_id": str(episode.id), "device_id": str(episode.device_id)},
            )
        )
        sent += 1
    return sent


def flag_silent_episodes() -> dict[str, int]:
    """Flag episodes silent for 24 hours; escalate those silent for 48 hours to the alert queue (once each)."""
    now = utcnow()
    counts = {"silent": 0, "escalated": 0}
    begin_write()
    for episode in _active():
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
        db.session.commit()
    return counts


def complete_finished_episodes() -> int:
    """Episodes past their release date with no open flag end as completed."""
    today, done = local_today(), 0
    begin_write()
    for episode in _active():
        if today >= episode.end_date and not flags_of(episode):
            episode.status, episode.closed_at, episode.updated_at = "completed", utcnow(), utcnow()
            event(episode, "close:completed", "system", details=events.because(events.RELEASE_DATE_REACHED))
            done += 1
    db.session.commit()
    return done
