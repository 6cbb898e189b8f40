"""Home isolation: episodes, offline-safe check-ins with triage, staff follow-up, and the monitoring jobs."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import IntegrityError

from api.clock import utcnow
from api.extensions import db
from api.models import Alert, Checkin, Device, IsolationEpisode, IsolationEvent, ScreeningResponse, StaffUser
from api.notify import Notification, notify
from api.services.alerts import open_monitoring_alert
from api.services.exceptions import Conflict, InvalidInput, NotFound
from api.services.regions import check_region
from api.services.scope import Scope
from screening import isolation as rules
from screening.alert_workflow import OPEN_STATUSES
from screening.text import bilingual, localize

EPISODE_NOT_FOUND = bilingual("Episode isolasi tidak ditemukan.", "Isolation episode not found.")
INVALID = bilingual("Isian tidak valid.", "Invalid input.")
REMINDER_AFTER = dt.timedelta(hours=12)
SILENT_AFTER = dt.timedelta(hours=24)
ESCALATE_AFTER = dt.timedelta(hours=48)
FUTURE_TOLERANCE = dt.timedelta(minutes=10)
MAX_BACKDATE = dt.timedelta(days=30)
FLAGS = ("urgent", "silent", "escalated")


def local_zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(local_zone()).date()


def _field_error(field: str, id_text: str, en_text: str) -> InvalidInput:
    return InvalidInput(INVALID, {"json": {field: [bilingual(id_text, en_text)]}})


def _event(
    episode: IsolationEpisode, action: str, actor: str, note: str | None = None, staff: StaffUser | None = None
) -> None:
    db.session.add(
        IsolationEvent(
            episode_id=episode.id,
            action=action,
            actor=actor,
            staff_id=staff.id if staff else None,
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
    screened_on = local_date(response.created_at)
    if response.category in ("suspect", "symptomatic"):
        onset = response.answers.get("symptom_onset_date")
        start = dt.date.fromisoformat(onset) if onset else screened_on
        return ScreeningStart(response.category, start, response.region_code)
    if response.category == "close_contact":
        last_contact = response.answers.get("last_contact_date")
        start = dt.date.fromisoformat(last_contact) if last_contact else screened_on
        return ScreeningStart("close_contact", start, response.region_code)
    raise _field_error(
        "screening_response_id",
        f"Hasil '{response.category}' tidak memerlukan isolasi mandiri di rumah.",
        f"A '{response.category}' result does not call for home isolation.",
    )


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
    today = local_date(utcnow())
    if start > today:
        raise _field_error("start_date", "Tanggal tidak boleh di masa depan.", "The date cannot be in the future.")
    if today - start > MAX_BACKDATE:
        raise _field_error("start_date", "Lebih dari 30 hari yang lalu.", "More than 30 days ago.")
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
    _event(episode, "start", "resident", f"{reason} from {start.isoformat()}")
    db.session.commit()
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


def checkins_of(episode: IsolationEpisode) -> Sequence[Checkin]:
    return db.session.scalars(
        sa.select(Checkin).where(Checkin.episode_id == episode.id).order_by(Checkin.measured_at, Checkin.id)
    ).all()


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


def _check_times(episode: IsolationEpisode, items: list[dict[str, Any]]) -> None:
    now = utcnow()
    earliest = dt.datetime.combine(episode.start_date - dt.timedelta(days=1), dt.time(), tzinfo=local_zone())
    errors: dict[str, Any] = {}
    for index, item in enumerate(items):
        if item["measured_at"] > now + FUTURE_TOLERANCE:
            errors[str(index)] = {
                "measured_at": [bilingual("Waktu tidak boleh di masa depan.", "The time cannot be in the future.")]
            }
        elif item["measured_at"] < earliest:
            errors[str(index)] = {"measured_at": [bilingual("Sebelum awal isolasi.", "Before the isolation started.")]}
    if errors:
        raise InvalidInput(INVALID, {"json": errors})


@dataclass(frozen=True)
class StoredCheckin:
    checkin: Checkin
    duplicate: bool


def add_checkins(episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]]) -> list[StoredCheckin]:
    """Store a check-in or an offline batch: each is triaged against those measured before it.

    A client_id already stored for this episode is reported as a duplicate and stored nothing.
    """
    episode = own_episode(episode_id, device)
    if episode.status != "active":
        raise Conflict(bilingual("Episode isolasi ini sudah ditutup.", "This isolation episode is closed."))
    _check_times(episode, items)
    try:
        return _store_checkins(episode, items)
    except IntegrityError:
        # A concurrent upload of the same queue stored some of these first: store the rest.
        db.session.rollback()
        return _store_checkins(own_episode(episode_id, device), items)


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
    db.session.commit()
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
        _event(episode, "unflag_silent", "system", "check-in received")
    if episode.reason in rules.SYMPTOM_BASED_REASONS:
        new_end = rules.planned_end(episode.reason, episode.start_date, rules.last_symptom_day(readings, local_zone()))
        if new_end != episode.end_date:
            _event(episode, "end_date_moved", "system", f"{episode.end_date.isoformat()} -> {new_end.isoformat()}")
            episode.end_date = new_end
    if urgent or emergencies:
        if not episode.flag_urgent:
            _event(episode, "flag_urgent", "system", ", ".join((urgent or emergencies)[-1].reasons))
        episode.flag_urgent = True
    if emergencies:
        alert = _open_alert_for(episode)
        if alert is None:
            reasons = ", ".join(emergencies[-1].reasons)
            alert = open_monitoring_alert(
                region_code=episode.region_code,
                note=f"Isolation check-in emergency: {reasons}",
                phone=episode.phone,
                episode_id=episode.id,
                device_id=episode.device_id,
            )
            _event(episode, "alert_opened", "system", reasons)
        for checkin in emergencies:
            checkin.alert_id = alert.id


def _open_alert_for(episode: IsolationEpisode) -> Alert | None:
    alert: Alert | None = db.session.scalar(
        sa.select(Alert).where(Alert.episode_id == episode.id, Alert.status.in_(OPEN_STATUSES)).limit(1)
    )
    return alert


# --- views ----------------------------------------------------------------------------------------------


def adherence(episode: IsolationEpisode, checkin_days: set[dt.date], today: dt.date, days: int = 14) -> dict[str, Any]:
    """Days reported and missed so far, and a grid of the first `days` days: reported, missed, today, future."""
    last_day = episode.end_date - dt.timedelta(days=1)
    grid = []
    for offset in range(min(days, rules.total_days(episode.start_date, episode.end_date))):
        day = episode.start_date + dt.timedelta(days=offset)
        if day in checkin_days:
            state = "reported"
        elif day < today:
            state = "missed"
        elif day == today:
            state = "today"
        else:
            state = "future"
        grid.append({"date": day.isoformat(), "day": offset + 1, "state": state})
    elapsed_end = min(today - dt.timedelta(days=1), last_day)
    elapsed = max(0, (elapsed_end - episode.start_date).days + 1)
    reported = len([d for d in checkin_days if episode.start_date <= d <= min(today, last_day)])
    missed = len([n for n in range(elapsed) if episode.start_date + dt.timedelta(days=n) not in checkin_days])
    return {"days_reported": reported, "days_missed": missed, "grid": grid}


def flags_of(episode: IsolationEpisode) -> list[str]:
    return [name for name in FLAGS if getattr(episode, f"flag_{name}")]


def _episode_basics(episode: IsolationEpisode, today: dt.date) -> dict[str, Any]:
    return {
        "id": str(episode.id),
        "reason": episode.reason,
        "status": episode.status,
        "region": episode.region_code,
        "start_date": episode.start_date.isoformat(),
        "end_date": episode.end_date.isoformat(),
        "day": rules.day_of_isolation(episode.start_date, today),
        "total_days": rules.total_days(episode.start_date, episode.end_date),
        "flags": flags_of(episode),
        "last_checkin_at": episode.last_checkin_at.isoformat() if episode.last_checkin_at else None,
    }


def episode_view(episode: IsolationEpisode, *, lang: str, personal: bool) -> dict[str, Any]:
    """The episode as the resident's app or the task force sees it; names and phones only when `personal`."""
    today = local_date(utcnow())
    history = list(checkins_of(episode))
    days = {local_date(c.measured_at) for c in history}
    zone = local_zone()
    today_slots = {"morning": False, "evening": False}
    for c in history:
        local = c.measured_at.astimezone(zone)
        if local.date() == today:
            today_slots["morning" if local.hour < 12 else "evening"] = True
    slot_text = {
        "morning": bilingual("Laporan pagi", "Morning check-in"),
        "evening": bilingual("Laporan sore", "Evening check-in"),
    }
    view: dict[str, Any] = {
        **_episode_basics(episode, today),
        "reminders_today": [
            {"slot": slot, "text": localize(slot_text[slot], lang), "done": done} for slot, done in today_slots.items()
        ]
        if episode.status == "active"
        else [],
        "adherence": adherence(episode, days, today),
        "history": [checkin_view(c, lang) for c in history],
        "created_at": episode.created_at.isoformat(),
    }
    if personal:
        view["name"], view["phone"] = episode.name, episode.phone
    return view


def checkin_view(checkin: Checkin, lang: str) -> dict[str, Any]:
    return {
        "client_id": checkin.client_id,
        "measured_at": checkin.measured_at.isoformat(),
        "temperature_c": checkin.temperature_c,
        "spo2": checkin.spo2,
        "respiratory_rate": checkin.respiratory_rate,
        "pulse": checkin.pulse,
        "symptoms": checkin.symptoms,
        "danger_signs": checkin.danger_signs,
        "note": checkin.note,
        "triage": checkin.triage,
        "reasons": checkin.reasons,
        "advice": localize(rules.ADVICE[checkin.triage], lang),
        "alert_id": str(checkin.alert_id) if checkin.alert_id else None,
    }


def list_episodes(
    scope: Scope, *, region_code: str | None, flag: str | None, status: str | None
) -> list[IsolationEpisode]:
    query = sa.select(IsolationEpisode)
    regions = scope.narrow(region_code)
    if regions is not None:
        query = query.where(IsolationEpisode.region_code.in_(regions))
    if flag:
        query = query.where(getattr(IsolationEpisode, f"flag_{flag}").is_(True))
    if status:
        query = query.where(IsolationEpisode.status == status)
    rows = db.session.scalars(query.order_by(IsolationEpisode.created_at.desc()).limit(500)).all()
    # Escalated, urgent and silent first, then by how long ago they last reported.
    return sorted(
        rows, key=lambda e: (-e.flag_escalated, -e.flag_urgent, -e.flag_silent, e.last_checkin_at or e.created_at)
    )


def staff_summary(episode: IsolationEpisode) -> dict[str, Any]:
    today = local_date(utcnow())
    days = {
        local_date(m)
        for m in db.session.scalars(sa.select(Checkin.measured_at).where(Checkin.episode_id == episode.id))
    }
    figures = adherence(episode, days, today)
    return {
        **_episode_basics(episode, today),
        "name": episode.name,
        "phone": episode.phone,
        "days_reported": figures["days_reported"],
        "days_missed": figures["days_missed"],
        "grid": figures["grid"],
    }


def episode_events(episode: IsolationEpisode) -> list[dict[str, Any]]:
    rows = db.session.scalars(
        sa.select(IsolationEvent).where(IsolationEvent.episode_id == episode.id).order_by(IsolationEvent.id)
    ).all()
    return [
        {
            "action": e.action,
            "actor": e.actor,
            "staff": e.staff.username if e.staff else None,
            "note": e.note,
            "at": e.at.isoformat(),
        }
        for e in rows
    ]


# --- staff actions -------------------------------------------------------------------------------------


def close_episode(
    episode_id: uuid.UUID, staff: StaffUser, scope: Scope, outcome: str, note: str | None
) -> IsolationEpisode:
    episode = scoped_episode(episode_id, scope)
    if episode.status != "active":
        raise Conflict(bilingual("Episode ini sudah ditutup.", "This episode is already closed."))
    episode.status = outcome
    episode.closed_at = episode.updated_at = utcnow()
    episode.flag_urgent = episode.flag_silent = episode.flag_escalated = False
    _event(episode, f"close:{outcome}", "staff", note, staff)
    db.session.commit()
    return episode


def add_note(episode_id: uuid.UUID, staff: StaffUser, scope: Scope, note: str) -> IsolationEpisode:
    episode = scoped_episode(episode_id, scope)
    _event(episode, "note", "staff", note, staff)
    episode.updated_at = utcnow()
    db.session.commit()
    return episode


def clear_flag(episode_id: uuid.UUID, staff: StaffUser, scope: Scope, flag: str, note: str | None) -> IsolationEpisode:
    """A responder has followed up (e.g. phoned the resident): the flag is lowered, with a note."""
    episode = scoped_episode(episode_id, scope)
    if not getattr(episode, f"flag_{flag}"):
        raise Conflict(bilingual(f"Tanda '{flag}' tidak aktif.", f"The '{flag}' flag is not raised."))
    setattr(episode, f"flag_{flag}", False)
    episode.updated_at = utcnow()
    _event(episode, f"unflag_{flag}", "staff", note, staff)
    db.session.commit()
    return episode


# --- jobs ----------------------------------------------------------------------------------------------


def _active() -> Sequence[IsolationEpisode]:
    return db.session.scalars(sa.select(IsolationEpisode).where(IsolationEpisode.status == "active")).all()


def send_checkin_reminders() -> int:
    """A reminder is due when nothing arrived for 12 hours (and none was sent in those 12 hours)."""
    now, sent = utcnow(), 0
    for episode in _active():
        quiet_since = episode.last_checkin_at or episode.created_at
        if now - quiet_since < REMINDER_AFTER:
            continue
        if episode.last_reminder_at and now - episode.last_reminder_at < REMINDER_AFTER:
            continue
        episode.last_reminder_at = now
        _event(episode, "reminder", "system", f"no check-in since {quiet_since.isoformat()}")
        db.session.commit()
        notify(
            Notification(
                kind="checkin_reminder",
                subject="Waktunya laporan isolasi harian / Time for your daily isolation check-in",
                body=f"Episode {episode.id}: no check-in for {int((now - quiet_since).total_seconds() // 3600)} h.",
                audience="resident",
                region_code=episode.region_code,
                data={"episode_id": str(episode.id), "device_id": str(episode.device_id)},
            )
        )
        sent += 1
    return sent


def flag_silent_episodes() -> dict[str, int]:
    """24 hours without a check-in flags the episode silent; 48 hours escalates it to the alert queue."""
    now = utcnow()
    counts = {"silent": 0, "escalated": 0}
    for episode in _active():
        quiet_for = now - (episode.last_checkin_at or episode.created_at)
        if quiet_for >= SILENT_AFTER and not episode.flag_silent:
            episode.flag_silent = True
            _event(episode, "flag_silent", "system", f"no check-in for {int(quiet_for.total_seconds() // 3600)} h")
            counts["silent"] += 1
        if quiet_for >= ESCALATE_AFTER and not episode.flag_escalated:
            episode.flag_escalated = True
            if _open_alert_for(episode) is None:
                open_monitoring_alert(
                    region_code=episode.region_code,
                    note=f"No isolation check-in for {int(quiet_for.total_seconds() // 3600)} h",
                    phone=episode.phone,
                    episode_id=episode.id,
                    device_id=episode.device_id,
                )
            _event(episode, "escalated", "system", "no check-in for 48 h")
            counts["escalated"] += 1
        db.session.commit()
    return counts


def complete_finished_episodes() -> int:
    """Episodes past their release date with no open flag end as completed."""
    today, done = local_date(utcnow()), 0
    for episode in _active():
        if today >= episode.end_date and not flags_of(episode):
            episode.status, episode.closed_at, episode.updated_at = "completed", utcnow(), utcnow()
            _event(episode, "close:completed", "system", "release date reached")
            done += 1
    db.session.commit()
    return done
