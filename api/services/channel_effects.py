"""What a conversation asks for, done through the same use cases as the JSON API: store a screening, start an
isolation, check in, press for help, stop, erase."""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import ChannelContact, IsolationEpisode
from api.services import alerts, isolation, privacy, screening
from api.services.channel_contacts import drop_queued, queue_goodbye
from api.services.exceptions import ServiceError
from api.transactions import unit_of_work
from screening.conversation.model import (
    CheckIn,
    Effect,
    Erase,
    Export,
    Panic,
    Reply,
    Resume,
    StartIsolation,
    Stop,
    Submit,
)
from screening.conversation.texts import ERASED
from screening.evaluate import InvalidAnswers
from screening.isolation import ADVICE
from screening.outcome import localized_hotlines
from screening.reasons import reason_text
from screening.text import Text, localize


def active_episode(contact: ChannelContact) -> IsolationEpisode | None:
    episode: IsolationEpisode | None = db.session.scalar(
        sa.select(IsolationEpisode)
        .where(IsolationEpisode.device_id == contact.device_id, IsolationEpisode.status == "active")
        .order_by(IsolationEpisode.created_at.desc())
        .limit(1)
    )
    return episode


def _first_message(errors: Any) -> Text | None:
    """The first bilingual message in a nest of per-field errors."""
    if isinstance(errors, dict) and "id" in errors and isinstance(errors["id"], str):
        return errors
    values = errors.values() if isinstance(errors, dict) else errors if isinstance(errors, list) else []
    for value in values:
        found = _first_message(value)
        if found is not None:
            return found
    return None


def perform(contact: ChannelContact, effect: Effect, key: str, lang: str) -> dict[str, Any]:
    """Carry out one effect; `key` (the channel and the provider's message id) makes a repeat do nothing new.
    A refusal of the use case comes back as {"error": text} for the resident, never as a failure of the turn."""
    try:
        return _perform(contact, effect, key, lang)
    except InvalidAnswers as error:
        return {"error": _first_message(error.errors)}
    except ServiceError as error:
        return {"error": _first_message(error.errors) or error.message}


def _perform(contact: ChannelContact, effect: Effect, key: str, lang: str) -> dict[str, Any]:
    device = contact.device
    if isinstance(effect, Export):
        return {"export": _summary(privacy.export(device))}
    if isinstance(effect, Submit):
        reply = screening.submit_screening(
            effect.questionnaire_id,
            effect.answers,
            lang=lang,
            represent=lambda row: {"id": str(row.id), "result": row.result},
            device=device,
            idempotency_key=key,
        )
        return {"result": reply.body["result"], "response_id": reply.body["id"]}
    if isinstance(effect, StartIsolation):
        # The number is the episode's phone: a monitoring alert it raises carries it as the callback number.
        data = {
            "screening_response_id": uuid.UUID(effect.response_id),
            "region": effect.region_code,
            "phone": f"+{contact.address}",
        }
        episode = isolation.start_episode(device, data)
        return {"end_date": episode.end_date.isoformat()}
    if isinstance(effect, CheckIn):
        return _check_in(contact, effect, key, lang)
    if isinstance(effect, Panic):
        data = {
            "category": effect.category,
            "lat": effect.lat,
            "lon": effect.lon,
            "accuracy_m": None,
            "located_at": None,
            "region": None,
            "note": None,
            # The number is the callback number.
            "phone": f"+{contact.address}",
        }
        alerts.raise_alert(device, data, lambda alert, _joined: {"id": str(alert.id)}, key)
        return {}
    return _switch(contact, effect, lang)


def _check_in(contact: ChannelContact, effect: CheckIn, key: str, lang: str) -> dict[str, Any]:
    episode = active_episode(contact)
    if episode is None:
        return {"error": {"id": "Anda tidak sedang dalam isolasi.", "en": "You are not in home isolation."}}
    item = {
        "measured_at": utcnow(),
        "temperature_c": effect.temperature_c,
        "spo2": effect.spo2,
        "respiratory_rate": None,
        "pulse": None,
        "symptoms": list(effect.symptoms),
        "danger_signs": list(effect.danger_signs),
        "note": None,
        "client_id": key,
    }
    [stored] = isolation.add_checkins(episode.id, contact.device, [item], single=True)
    # The same words as the API's check-in reply (api/schemas/isolation.py), in the conversation's language.
    return {
        "triage": stored.checkin.triage,
        "advice": localize(ADVICE[stored.checkin.triage], lang),
        "reason_texts": [localize(reason_text(code), lang) for code in stored.checkin.reasons],
        "alert": stored.checkin.alert_id is not None,
        "hotlines": localized_hotlines(lang),
    }


def _switch(contact: ChannelContact, effect: Effect, lang: str) -> dict[str, Any]:
    if isinstance(effect, Stop):
        with unit_of_work():
            contact.stopped_at = utcnow()
            drop_queued(contact)
    elif isinstance(effect, Resume):
        with unit_of_work():
            contact.stopped_at = None
    elif isinstance(effect, Erase):
        channel, address = contact.channel, contact.address
        with unit_of_work():
            drop_queued(contact)
            privacy.erase(contact.device)
            # The device's removal takes the contact and its messages with it (ON DELETE CASCADE).
            queue_goodbye(channel, address, Reply(localize(ERASED, lang)), lang)
        return {"erased": True}
    return {}


def _summary(data: privacy.DeviceData) -> dict[str, Any]:
    """The export in a few lines: how many of each, and dates; no answers, places or notes (a message is not the
    place for them, and the full export is the device's own)."""
    last_response = data.screening_responses[-1] if data.screening_responses else None
    active = [e for e in data.episodes if e.status == "active"]
    return {
        "since": data.device.created_at.date().isoformat(),
        "screenings": len(data.screening_responses),
        "last_screening": (
            {"date": last_response.created_at.date().isoformat(), "what": str(last_response.result.get("title"))}
            if last_response
            else None
        ),
        "episodes": len(data.episodes),
        "isolation_until": active[-1].end_date.isoformat() if active else None,
        "checkins": sum(len(found) for found in data.checkins.values()),
        "alerts": len(data.alerts),
        "last_alert": data.alerts[-1].created_at.date().isoformat() if data.alerts else None,
    }
