"""Home isolation: episodes, offline-safe check-ins with triage, staff follow-up (what is read: isolation_views)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from api.clock import local_date, local_zone, utcnow
from api.extensions import db
from api.models import Alert, Checkin, Device, IsolationEpisode, IsolationEvent, ScreeningResponse, StaffUser
from api.services import outbox
from api.services.alerts import open_monitoring_alert
from api.services.exceptions import Conflict, InvalidInput, NotFound
from api.services.hospitals import nearest_free
from api.services.isolation_views import (
    FLAG_COLUMNS,
    CheckinBatchReply,
    CheckinReply,
    CheckinView,
    EpisodeListing,
    EpisodeView,
    FlaggedCounts,
    checkin_view,
    checkins_of,
    count_flagged,
    episode_events,
    episode_view,
    flag_raised,
    flags_of,
    list_episodes,
)
from api.services.regions import check_region
from api.services.scope import Scope
from api.transactions import unit_of_work
from screening import isolation as rules
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.alert_workflow import OPEN_STATUSES
from screening.monitoring_alerts import EMERGENCY_CHECKIN, emergency_note
from screening.outcome import localized_hotlines
from screening.text import bilingual

__all__ = [
    "CheckinBatchReply",
    "CheckinReply",
    "CheckinView",
    "EpisodeListing",
    "EpisodeView",
    "FlaggedCounts",
    "add_checkins",
    "add_note",
    "checkin_replies",
    "checkin_view",
    "checkins_of",
    "clear_flag",
    "close_episode",
    "count_flagged",
    "episode_events",
    "episode_view",
    "event",
    "flags_of",
    "list_episodes",
    "open_alert_for",
    "own_episode",
    "scoped_episode",
    "start_episode",
]

EPISODE_NOT_FOUND = bilingual("Episode isolasi tidak ditemukan.", "Isolation episode not found.")
INVALID = bilingual("Isian tidak valid.", "Invalid input.")


def _field_error(field: str, id_text: str, en_text: str) -> InvalidInput:
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


@dataclass(frozen=True)
class ScreeningStart:
    """What a self-screening result implies for an episode: reason, start date and region."""

    reason: str
    start: dt.date
    region_code: str | None


def _from_screening(device: Device, response_id: uuid.UUID) -> ScreeningStart:
    """Reason, start date and region implied by one of this device's self-screening results.

    Suspect and symptomatic results count from the symptom onset the resident gave (KMK 413/2020 counts
    from onset), else from the screening date; close contacts from the last contact, else the screening date.
    """
    response = db.session.get(ScreeningResponse, response_id)
    if response is None or response.device_id != device.id or response.questionnaire_id != "self-screening":
        raise _field_error(
            "screening_response_id",
            "Hasil periksa mandiri tidak ditemukan untuk perangkat ini.",
            "No self-screening result of this device has that id.",
        )
    implied = rules.start_from_self_screening(response.category, response.answers, local_date(response.created_at))
    if implied is not None:
        reason, start = implied
        return ScreeningStart(reason, start, response.region_code)
    raise _field_error(
        "screening_response_id",
        "Hasil periksa mandiri ini tidak memerlukan isolasi mandiri di rumah.",
        "This self-screening result does not call for home isolation.",
    )


@unit_of_work()
def start_episode(device: Device, data: dict[str, Any]) -> IsolationEpisode:
    """Start an episode; a screening result fills reason, start date and region the body leaves out.

    Raises InvalidInput when the reason, start date or region is unknown, or the start date is out of range.
    """
    reason, start, region = data.get("reason"), data.get("start_date"), data.get("region")
    if data.get("screening_response_id"):
        implied = _from_screening(device, data["screening_response_id"])
        reason, start, region = reason or implied.reason, start or implied.start, region or implied.region_code
    if reason is None:
        raise _field_error(
            "reason", "Wajib diisi (atau kirim screening_response_id).", "Required (or send screening_response_id)."
        )
    if start is None:
        raise _field_error(
            "start_date", "Wajib diisi (atau kirim screening_response_id).", "Required (or send screening_response_id)."
        )
    if region is None:
        # Without a region no kabupaten/kota task force would ever see the episode.
        raise _field_error(
            "region",
            "Wajib diisi: kode kabupaten/kota tempat isolasi (atau kirim hasil periksa mandiri yang memuatnya).",
            "Required: the code of the kabupaten/kota where you isolate (or a screening result that has it).",
        )
    problem = monitoring.start_date_problem(start, local_date(utcnow()))
    if problem is not None:
        raise InvalidInput(INVALID, {"json": {"start_date": [problem]}})
    check_region(region)
    now = utcnow()
    episode = IsolationEpisode(
        id=uuid.uuid4(),
        device_id=device.id,
        reason=reason,
        start_date=start,
        end_date=rules.planned_end(reason, start),
        region_code=region,
        name=data.get("name"),
        phone=data.get("phone"),
        screening_response_id=data.get("screening_response_id"),
        status="active",
        created_at=now,
        updated_at=now,
    )
    db.session.add(episode)
    db.session.flush()
    event(episode, "start", "resident", details=events.started(reason, start))
    return episode


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


def open_alert_for(episode: IsolationEpisode) -> Alert | None:
    alert: Alert | None = db.session.scalar(
        sa.select(Alert).where(Alert.episode_id == episode.id, Alert.status.in_(OPEN_STATUSES)).limit(1)
    )
    return alert


def checkin_replies(
    episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], lang: str, *, single: bool
) -> tuple[CheckinReply | CheckinBatchReply, bool]:
    """Store a check-in (or an offline batch) and build the reply; the flag says whether anything was new."""
    stored = add_checkins(episode_id, device, items, single=single)
    own = own_episode(episode_id, device)
    episode = episode_view(own, lang=lang, personal=False, with_history=False)
    hotlines = localized_hotlines(lang)
    views = [checkin_view(s.checkin, lang, s.duplicate) for s in stored]
    stored_any = not all(s.duplicate for s in stored)
    # Urgent or emergency: where a bed is free near the resident's region, with the phones to call first.
    needs_care = any(view.checkin.triage in (rules.EMERGENCY, rules.URGENT) for view in views)
    beds = nearest_free(None, own.region_code) if needs_care else []
    if single:
        [view] = views
        reply = CheckinReply(view.checkin, view.advice, view.reason_texts, view.duplicate, hotlines, episode, beds)
        return reply, stored_any
    return CheckinBatchReply(views, sum(not s.duplicate for s in stored), hotlines, episode, beds), stored_any


# --- staff actions -------------------------------------------------------------------------------------


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
