"""Check-ins from an isolating resident: stored once each, triaged in the order measured, replied to."""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from api.caching import recent
from api.clock import local_zone, utcnow
from api.extensions import db
from api.models import Alert, Checkin, Device, IsolationEpisode
from api.services import outbox
from api.services.alerts import open_monitoring_alert
from api.services.exceptions import Conflict, InvalidInput, NotFound
from api.services.hospitals import nearest_free
from api.services.isolation_records import EPISODE_NOT_FOUND, INVALID, event, open_alert_for
from api.services.isolation_views import CheckinBatchReply, CheckinReply, checkin_view, progress_view
from api.transactions import unit_of_work
from screening import isolation as rules
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.alert_workflow import OPEN_STATUSES
from screening.monitoring_alerts import EMERGENCY_CHECKIN, emergency_note
from screening.outcome import localized_hotlines
from screening.text import bilingual

# An urgent reply without the resident's pin names the region's hospitals with a free bed as they stood this long
# ago at most, as a screening's reply does (a bed report made through this process is seen at once).
HOSPITALS_MAX_AGE_SECONDS = 10.0

# The episode is read as a plain row, and changed with a plain UPDATE (see _save_changes); whether an alert of it
# is open comes with it, for the reply.
_ALERT_OPEN = "sumbar_alert_open"
_EPISODE = sa.select(
    *IsolationEpisode.__table__.columns,
    sa.exists().where(Alert.episode_id == IsolationEpisode.id, Alert.status.in_(OPEN_STATUSES)).label(_ALERT_OPEN),
).where(IsolationEpisode.id == sa.bindparam("episode_id"))
# What triage and the duplicate check read of the episode's earlier check-ins, as plain rows: loading them as
# objects was the largest share of the time the write transaction (on SQLite, the write lock) was held.
_EARLIER = sa.select(
    Checkin.client_id,
    Checkin.measured_at,
    Checkin.temperature_c,
    Checkin.spo2,
    Checkin.respiratory_rate,
    Checkin.symptoms,
    Checkin.danger_signs,
).where(Checkin.episode_id == sa.bindparam("episode_id"))
# New check-ins are stored with one plain INSERT, as screening responses are: new rows with no relations need
# none of the ORM's bookkeeping.
_INSERT = sa.insert(Checkin)


@functools.cache
def _checkin_columns() -> tuple[str, ...]:
    return tuple(attribute.key for attribute in sa.inspect(Checkin).column_attrs)


def _copy(checkin: Checkin) -> Checkin:
    """The check-in as stored, in an object outside the session: the commit expires the session's objects, and
    the reply would read each again."""
    return Checkin(**{name: getattr(checkin, name) for name in _checkin_columns()})


def _reading(item: dict[str, Any]) -> rules.Reading:
    """A validated upload, as the triage rules see it."""
    return rules.Reading(
        measured_at=item["measured_at"],
        temperature_c=item.get("temperature_c"),
        spo2=item.get("spo2"),
        respiratory_rate=item.get("respiratory_rate"),
        symptoms=tuple(item.get("symptoms") or ()),
        danger_signs=tuple(item.get("danger_signs") or ()),
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


@dataclass(frozen=True)
class _Stored:
    """What a unit of check-ins left: each check-in, the episode as it was committed, when all of its check-ins
    were measured, and whether an alert of it is open (one was, or an emergency among them opened or joined one)."""

    checkins: list[StoredCheckin]
    episode: IsolationEpisode
    measured: list[dt.datetime]
    alert_open: bool


def add_checkins(
    episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], *, single: bool = False
) -> list[StoredCheckin]:
    """Store a check-in or an offline batch: each is triaged against those measured before it.

    A client_id already stored for this episode is reported as a duplicate and stored nothing. Raises
    NotFound (not this device's episode), Conflict (closed) or InvalidInput (a measurement time out of range).
    The check-ins returned are copies outside the session (their ids are not read back).
    """
    return _add(episode_id, device, items, single=single).checkins


def _add(episode_id: uuid.UUID, device: Device, items: list[dict[str, Any]], *, single: bool) -> _Stored:
    if not items:
        raise InvalidInput(INVALID, {"json": [bilingual("Kirim minimal satu laporan.", "Send at least one check-in.")]})
    # Read now: on SQLite the unit of work begins by ending this read transaction, which expires `device`.
    device_id = device.id
    try:
        return _add_checkins(episode_id, device_id, items, single=single)
    except IntegrityError:
        # A concurrent upload of the same queue stored some of these first: store the rest.
        return _add_checkins(episode_id, device_id, items, single=single)


@unit_of_work()
def _add_checkins(episode_id: uuid.UUID, device_id: uuid.UUID, items: list[dict[str, Any]], *, single: bool) -> _Stored:
    found = db.session.connection().execute(_EPISODE, {"episode_id": episode_id}).first()
    if found is None or found.device_id != device_id:
        raise NotFound(EPISODE_NOT_FOUND)
    read = dict(found._mapping)
    alert_open = bool(read.pop(_ALERT_OPEN))
    # Outside the session: changed here, written with one plain UPDATE, and shown in the reply as it is.
    episode = IsolationEpisode(**read)
    if episode.status != "active":
        raise Conflict(bilingual("Episode isolasi ini sudah ditutup.", "This isolation episode is closed."))
    _check_times(episode, items, single=single)
    return _store_checkins(episode, read, items, alert_open=alert_open)


def _store_checkins(
    episode: IsolationEpisode, read: dict[str, Any], items: list[dict[str, Any]], *, alert_open: bool
) -> _Stored:
    earlier = db.session.connection().execute(_EARLIER, {"episode_id": episode.id}).all()
    sent = {item["client_id"] for item in items if item.get("client_id")}
    # Only check-ins sent again are read whole, to be given back as they were stored.
    by_client_id = _stored_before(episode, sent & {row.client_id for row in earlier if row.client_id})
    readings = [
        rules.Reading(
            measured_at=row.measured_at,
            temperature_c=row.temperature_c,
            spo2=row.spo2,
            respiratory_rate=row.respiratory_rate,
            symptoms=tuple(row.symptoms or ()),
            danger_signs=tuple(row.danger_signs or ()),
        )
        for row in earlier
    ]
    results: dict[int, StoredCheckin] = {}
    fresh: list[Checkin] = []
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
        # Outside the session: stored below with one plain INSERT, and shown in the reply as it is.
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
            alert_id=None,
        )
        fresh.append(checkin)
        readings.append(reading)
        if client_id:
            by_client_id[client_id] = checkin
        results[index] = StoredCheckin(checkin, duplicate=False)
        (emergencies if verdict.level == rules.EMERGENCY else urgent if verdict.level == rules.URGENT else []).append(
            checkin
        )
    if fresh:
        _after_new_checkins(episode, fresh, readings, emergencies, urgent)
        _save_changes(read, episode)
        columns = [name for name in _checkin_columns() if name != "id"]
        db.session.connection().execute(_INSERT, [{name: getattr(c, name) for name in columns} for c in fresh])
    return _Stored(
        [results[index] for index in range(len(items))],
        episode,
        [reading.measured_at for reading in readings],
        alert_open=alert_open or bool(emergencies),
    )


def _save_changes(read: dict[str, Any], episode: IsolationEpisode) -> None:
    """Write what changed of the episode since it was `read` with one plain UPDATE: the ORM's flush of the one row
    cost more than the statement."""
    changed = tuple(name for name, value in read.items() if getattr(episode, name) != value)
    if changed:
        values = {f"new_{name}": getattr(episode, name) for name in changed}
        db.session.connection().execute(_update_of(changed), {"episode_id": episode.id, **values})


@functools.cache
def _update_of(names: tuple[str, ...]) -> sa.Update:
    """The UPDATE of these columns, built once per process (a check-in changes the same few, mostly two)."""
    columns = IsolationEpisode.__table__.c
    return (
        sa.update(IsolationEpisode)
        .where(columns.id == sa.bindparam("episode_id"))
        .values({name: sa.bindparam(f"new_{name}", type_=columns[name].type) for name in names})
    )


def _stored_before(episode: IsolationEpisode, client_ids: set[str]) -> dict[str, Checkin]:
    if not client_ids:
        return {}
    stored = db.session.scalars(
        sa.select(Checkin).where(Checkin.episode_id == episode.id, Checkin.client_id.in_(client_ids))
    )
    return {c.client_id: _copy(c) for c in stored if c.client_id}


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
    """Store a check-in (or an offline batch) and build the reply; the flag says whether anything was new.

    The reply is built after the commit from what the unit of work read and wrote, without reading the episode
    or its check-ins again."""
    stored = _add(episode_id, device, items, single=single)
    own = stored.episode
    episode = progress_view(own, stored.measured, emergency=stored.alert_open)
    hotlines = localized_hotlines(lang)
    views = [checkin_view(s.checkin, s.duplicate) for s in stored.checkins]
    stored_any = not all(s.duplicate for s in stored.checkins)
    # Urgent or emergency: where a bed is free near the resident's pin (else in their region), with phones to call.
    needs_care = any(view.checkin.triage in (rules.EMERGENCY, rules.URGENT) for view in views)
    beds = _free_beds(own) if needs_care else []
    if single:
        [view] = views
        reply = CheckinReply(view.checkin, view.duplicate, hotlines, episode, beds)
        return reply, stored_any
    new = sum(not s.duplicate for s in stored.checkins)
    return CheckinBatchReply(views, new, hotlines, episode, beds), stored_any


def _free_beds(episode: IsolationEpisode) -> list[dict[str, Any]]:
    if episode.lat is not None and episode.lon is not None:
        return nearest_free((episode.lat, episode.lon), episode.region_code)
    # Without a pin the list is the region's, the same for every resident there: read once in a while.
    region = episode.region_code
    return recent(("checkin hospitals", region), HOSPITALS_MAX_AGE_SECONDS, lambda: nearest_free(None, region))
