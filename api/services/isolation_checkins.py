"""Check-ins from an isolating resident: stored once each, triaged in the order measured, replied to."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from api.clock import local_zone, utcnow
from api.extensions import db
from api.models import Checkin, Device, IsolationEpisode
from api.services import outbox
from api.services.alerts import open_monitoring_alert
from api.services.exceptions import Conflict, InvalidInput
from api.services.hospitals import nearest_free
from api.services.isolation_records import INVALID, event, open_alert_for, own_episode
from api.services.isolation_views import (
    CheckinBatchReply,
    CheckinReply,
    checkin_view,
    checkins_of,
    episode_view,
)
from api.transactions import unit_of_work
from screening import isolation as rules
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.monitoring_alerts import EMERGENCY_CHECKIN, emergency_note
from screening.outcome import localized_hotlines
from screening.text import bilingual


def _reading(item: Checkin | dict[str, Any]) -> rules.Reading:
    """A stored check-in or a validated upload, as the triage rules see it."""
    fields = ("measured_at", "temperature_c", "spo2", "respiratory_rate", "symptoms", "danger_signs")
    values: dict[str, Any] = {
        name: item.get(name) if isinstance(item, dict) else getattr(item, name) for name in fields
    }
    return rules.Reading(
        measured_at=values["measured_at"],
        temperature_c=values["temperature_c"],
        spo2=values["spo2"],
        respiratory_rate=values["respiratory_rate"],
        symptoms=tuple(values["symptoms"] or ()),
        danger_signs=tuple(values["danger_signs"] or ()),
    )


def _check_times(episode: IsolationEpisode, items: list[dict[str, Any]], *, single: bool) -> None:
    now, errors = utcnow(), {}
    for index, item in enumerate(items):
        problem = monitoring.measurement_time_problem(item["measured_at"], now, episode.start_date, local_zone())
        if problem is not None:
            errors[str(index)] = {"measured_at": [problem]}
    if errors:
        raise InvalidInput(INVALID, {"json": errors["0"] if single else errors})


@dataclass(frozen=True)
class StoredCheckin:
    checkin: Checkin
    duplicate: bool


def add_checkins(
    episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], *, single: bool = False
) -> list[StoredCheckin]:
    """Store a check-in or an offline batch: each is triaged against those measured before it.

    A client_id already stored for this episode is reported as a duplicate and stored nothing. Raises
    NotFound (not this device's episode), Conflict (closed) or InvalidInput (a measurement time out of range).
    """
    if not items:
        raise InvalidInput(INVALID, {"json": [bilingual("Kirim minimal satu laporan.", "Send at least one check-in.")]})
    try:
        return _add_checkins(episode_id, device, items, single=single)
    except IntegrityError:
        # A concurrent upload of the same queue stored some of these first: store the rest.
        return _add_checkins(episode_id, device, items, single=single)


@unit_of_work()
def _add_checkins(
    episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], *, single: bool
) -> list[StoredCheckin]:
    episode = own_episode(episode_id, device)
    if episode.status != "active":
        raise Conflict(bilingual("Episode isolasi ini sudah ditutup.", "This isolation episode is closed."))
    _check_times(episode, items, single=single)
    return _store_checkins(episode, items)


def _store_checkins(episode: IsolationEpisode, items: list[dict[str, Any]]) -> list[StoredCheckin]:
    existing = list(checkins_of(episode))
    by_client_id = {c.client_id: c for c in existing if c.client_id}
    readings = [_reading(c) for c in existing]
    results: dict[int, StoredCheckin] = {}
    emergencies: list[Checkin] = []
    urgent: list[Checkin] = []
    now = utcnow()
    for index, item in sorted(enumerate(items), key=lambda pair: pair[1]["measured_at"]):
        client_id = item.get("client_id")
        if client_id and client_id in by_client_id:
            results[index] = StoredCheckin(by_client_id[client_id], duplicate=True)
            continue
        reading = _reading(item)
        verdict = rules.triage(reading, readings, local_zone())
        checkin = Checkin(
            episode_id=episode.id,
            client_id=client_id,
            measured_at=item["measured_at"],
            received_at=now,
            temperature_c=item.get("temperature_c"),
            spo2=item.get("spo2"),
            respiratory_rate=item.get("respiratory_rate"),
            pulse=item.get("pulse"),
            symptoms=list(item.get("symptoms") or []),
            danger_signs=list(item.get("danger_signs") or []),
            note=item.get("note"),
            triage=verdict.level,
            reasons=list(verdict.reasons),
        )
        db.session.add(checkin)
        readings.append(reading)
        if client_id:
            by_client_id[client_id] = checkin
        results[index] = StoredCheckin(checkin, duplicate=False)
        (emergencies if verdict.level == rules.EMERGENCY else urgent if verdict.level == rules.URGENT else []).append(
            checkin
        )
    db.session.flush()
    fresh = [r.checkin for r in results.values() if not r.duplicate]
    if fresh:
        _after_new_checkins(episode, fresh, readings, emergencies, urgent)
    return [results[index] for index in range(len(items))]


def _after_new_checkins(
    episode: IsolationEpisode,
    fresh: list[Checkin],
    readings: list[rules.Reading],
    emergencies: list[Checkin],
    urgent: list[Checkin],
) -> None:
    latest = max(c.measured_at for c in fresh)
    episode.last_checkin_at = max(latest, episode.last_checkin_at or latest)
    episode.updated_at = utcnow()
    if episode.flag_silent:
        episode.flag_silent = False
        event(episode, "unflag_silent", "system", details=events.because(events.CHECKIN_RECEIVED))
    if episode.reason in rules.SYMPTOM_BASED_REASONS:
        new_end = rules.planned_end(episode.reason, episode.start_date, rules.last_symptom_day(readings, local_zone()))
        if new_end != episode.end_date:
            event(episode, "end_date_moved", "system", details=events.moved(episode.end_date, new_end))
            episode.end_date = new_end
            outbox.isolation_extended(episode)
    if urgent or emergencies:
        if not episode.flag_urgent:
            event(episode, "flag_urgent", "system", details=events.found((urgent or emergencies)[-1].reasons))
        episode.flag_urgent = True
    if emergencies:
        alert = open_alert_for(episode)
        if alert is None:
            reasons = emergencies[-1].reasons
            alert = open_monitoring_alert(
                region_code=episode.region_code,
                cause=EMERGENCY_CHECKIN,
                reasons=reasons,
                note=emergency_note(reasons),
                phone=episode.phone,
                episode_id=episode.id,
                device_id=episode.device_id,
            )
            event(episode, "alert_opened", "system", details=events.found(reasons))
        for checkin in emergencies:
            checkin.alert_id = alert.id


def checkin_replies(
    episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], lang: str, *, single: bool
) -> tuple[CheckinReply | CheckinBatchReply, bool]:
    """Store a check-in (or an offline batch) and build the reply; the flag says whether anything was new."""
    stored = add_checkins(episode_id, device, items, single=single)
    own = own_episode(episode_id, device)
    episode = episode_view(own, personal=False, with_history=False)
    hotlines = localized_hotlines(lang)
    views = [checkin_view(s.checkin, s.duplicate) for s in stored]
    stored_any = not all(s.duplicate for s in stored)
    # Urgent or emergency: where a bed is free near the resident's pin (else in their region), with phones to call.
    needs_care = any(view.checkin.triage in (rules.EMERGENCY, rules.URGENT) for view in views)
    pin = (own.lat, own.lon) if own.lat is not None and own.lon is not None else None
    beds = nearest_free(pin, own.region_code) if needs_care else []
    if single:
        [view] = views
        reply = CheckinReply(view.checkin, view.duplicate, hotlines, episode, beds)
        return reply, stored_any
    return CheckinBatchReply(views, sum(not s.duplicate for s in stored), hotlines, episode, beds), stored_any
