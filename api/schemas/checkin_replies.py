"""Check-in replies written field by field: the same JSON as CheckinReplySchema's and CheckinBatchReplySchema's dump."""

# Why: a check-in is the resident request sent most often (twice a day by everyone in isolation), and dumping its
# reply through the schemas (21 nested dumps: the check-in, the episode, its adherence grid, today's reports) took
# a tenth of its time. The schemas stay the contract: they document the replies in the OpenAPI spec, and
# tests/api/test_checkin_replies.py compares what is written here with their dump, reply by reply.

from __future__ import annotations

import datetime as dt
from typing import Any

from api.schemas.hospitals import HospitalSchema
from api.services.isolation_views import CheckinBatchReply, CheckinReply, CheckinView, EpisodeView
from screening import isolation_monitoring as monitoring
from screening.isolation import ADVICE
from screening.reasons import reason_text
from screening.text import localize

_HOSPITALS = HospitalSchema(many=True)


def checkin_reply_body(reply: CheckinReply, lang: str) -> dict[str, Any]:
    """One check-in's reply (CheckinReplySchema)."""
    assert reply.episode is not None  # a reply is always made with the episode as it stands
    return {
        **_checkin(reply, lang),
        "hotlines": _hotlines(reply.hotlines),
        "episode": _progress(reply.episode, lang),
        "hospitals": _hospitals(reply.hospitals),
    }


def checkin_batch_reply_body(reply: CheckinBatchReply, lang: str) -> dict[str, Any]:
    """An offline queue's reply (CheckinBatchReplySchema)."""
    return {
        "checkins": [_checkin(view, lang) for view in reply.checkins],
        "stored": int(reply.stored),
        "hotlines": _hotlines(reply.hotlines),
        "episode": _progress(reply.episode, lang),
        "hospitals": _hospitals(reply.hospitals),
    }


def _checkin(view: CheckinView, lang: str) -> dict[str, Any]:
    """A check-in with its triage in words and whether it was stored before (CheckinResultSchema)."""
    c = view.checkin
    return {
        "client_id": _text(c.client_id),
        "measured_at": c.measured_at.isoformat(),
        "temperature_c": None if c.temperature_c is None else float(c.temperature_c),
        "spo2": _integer(c.spo2),
        "respiratory_rate": _integer(c.respiratory_rate),
        "pulse": _integer(c.pulse),
        "symptoms": _codes(c.symptoms),
        "danger_signs": _codes(c.danger_signs),
        "note": _text(c.note),
        "triage": str(c.triage),
        "reasons": _codes(c.reasons),
        "reason_texts": [localize(reason_text(code), lang) for code in c.reasons],
        "advice": localize(ADVICE[c.triage], lang),
        "alert_id": None if c.alert_id is None else str(c.alert_id),
        "duplicate": bool(view.duplicate),
    }


def _progress(view: EpisodeView, lang: str) -> dict[str, Any]:
    """The episode as it stands after a check-in (EpisodeProgressSchema)."""
    e = view.episode
    return {
        "id": str(e.id),
        "reason": str(e.reason),
        "status": str(e.status),
        "region": str(e.region_code),
        "start_date": e.start_date.isoformat(),
        "end_date": e.end_date.isoformat(),
        "day": int(view.day),
        "total_days": int(view.total_days),
        "flags": [str(flag) for flag in view.flags],
        "last_checkin_at": _moment(e.last_checkin_at),
        "created_at": e.created_at.isoformat(),
        "adherence": {
            "days_reported": int(view.adherence.days_reported),
            "days_missed": int(view.adherence.days_missed),
            "grid": [
                {"date": day.date.isoformat(), "day": int(day.day), "state": str(day.state)}
                for day in view.adherence.grid
            ],
        },
        "emergency": bool(view.emergency),
        "reminders_today": [
            {
                "slot": str(reminder.slot),
                "text": localize(monitoring.SLOT_TEXT[reminder.slot], lang),
                "done": bool(reminder.done),
            }
            for reminder in view.reminders_today
        ],
    }


def _hotlines(hotlines: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"name": str(line["name"]), "number": str(line["number"])} for line in hotlines]


def _hospitals(hospitals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Urgent replies only (one in many), and nested further: the schema's own dump is worth it here.
    return _HOSPITALS.dump(hospitals) if hospitals else []


def _codes(values: list[str] | None) -> list[str] | None:
    return None if values is None else [str(code) for code in values]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _integer(value: Any) -> int | None:
    return None if value is None else int(value)


def _moment(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()
