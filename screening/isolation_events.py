"""An isolation episode's audit events as words: an action code and its details, in either language (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from screening.reasons import reason_text
from screening.text import Text, bilingual, localize

# Why the system did something, when the action alone does not say (details["cause"]).
CHECKIN_RECEIVED, RELEASE_DATE_REACHED = "checkin_received", "release_date_reached"

REASON_TEXT: dict[str, Text] = {
    "confirmed_asymptomatic": bilingual("Konfirmasi tanpa gejala", "Confirmed, no symptoms"),
    "confirmed_symptomatic": bilingual("Konfirmasi bergejala", "Confirmed, symptomatic"),
    "suspect": bilingual("Suspek", "Suspect"),
    "symptomatic": bilingual("Bergejala, menunggu tes", "Symptomatic, awaiting a test"),
    "close_contact": bilingual("Kontak erat", "Close contact"),
}
OUTCOME_TEXT: dict[str, Text] = {
    "completed": bilingual("Selesai isolasi", "Completed"),
    "referred": bilingual("Dirujuk", "Referred"),
    "hospitalized": bilingual("Dirawat di rumah sakit", "Hospitalised"),
    "died": bilingual("Meninggal", "Died"),
    "lost_to_follow_up": bilingual("Tidak dapat dipantau lagi", "Lost to follow-up"),
}
HEADLINES: dict[str, Text] = {
    "start": bilingual("Episode dimulai ({reason}, mulai {date})", "Episode started ({reason}, from {date})"),
    "note": bilingual("Catatan", "Note"),
    "flag_urgent": bilingual("Ditandai perlu diperiksa hari ini", "Flagged: check today"),
    "flag_silent": bilingual("Ditandai tidak melapor 24 jam", "Flagged: silent 24 h"),
    "escalated": bilingual("Dieskalasi ke antrean peringatan", "Escalated to the alert queue"),
    "alert_opened": bilingual("Peringatan darurat dibuka", "Emergency alert opened"),
    "unflag_urgent": bilingual("Tanda 'perlu diperiksa' diturunkan", "'Check today' flag lowered"),
    "unflag_silent": bilingual("Tanda 'tidak melapor' diturunkan", "'Silent' flag lowered"),
    "unflag_escalated": bilingual("Tanda 'dieskalasi' diturunkan", "'Escalated' flag lowered"),
    "reminder": bilingual("Pengingat dikirim", "Reminder sent"),
    "end_date_moved": bilingual("Tanggal selesai berubah", "Release date moved"),
    "place_changed": bilingual("Alamat isolasi diubah oleh warga", "Isolation address changed by the resident"),
    "close": bilingual("Ditutup: {outcome}", "Closed: {outcome}"),
}
CAUSES: dict[str, Text] = {
    CHECKIN_RECEIVED: bilingual("laporan diterima", "check-in received"),
    RELEASE_DATE_REACHED: bilingual("tanggal selesai tercapai", "release date reached"),
}
DAYS_EARLY = bilingual("{n} hari sebelum tanggal selesai", "{n} days before the release date")
QUIET_HOURS = bilingual("tidak ada laporan selama {n} jam", "no check-in for {n} hours")
MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
MISSING = "–"


def started(reason: str, start: dt.date) -> dict[str, Any]:
    """Details of "start": the reason isolated under and the official first day."""
    return {"reason": reason, "from": start.isoformat()}


def moved(old_end: dt.date, new_end: dt.date) -> dict[str, Any]:
    """Details of "end_date_moved": the release date before and after."""
    return {"from": old_end.isoformat(), "to": new_end.isoformat()}


def found(reasons: Sequence[str]) -> dict[str, Any]:
    """Details of "flag_urgent" and "alert_opened": the triage reason codes of the check-in that caused it."""
    return {"reasons": list(reasons)}


def quiet(hours: int, since: dt.datetime | None = None) -> dict[str, Any]:
    """Details of "reminder", "flag_silent" and "escalated": whole hours without a check-in (and since when)."""
    return {"hours": hours} | ({"since": since.isoformat()} if since else {})


def closed_early(days: int) -> dict[str, Any] | None:
    """Details of a close that released the resident `days` before the release date (None when not early)."""
    return {"days_early": days} if days > 0 else None


def because(cause: str) -> dict[str, Any]:
    """Details of an event the system made for a reason its action does not say (CAUSES)."""
    return {"cause": cause}


def day_text(day: str | None, lang: str) -> str:
    """31 Des 2022 / 31 Dec 2022, from an ISO date; a dash when it is missing."""
    if not day:
        return MISSING
    date = dt.date.fromisoformat(day)
    return f"{date.day} {MONTHS.get(lang, MONTHS['id'])[date.month - 1]} {date.year}"


def _named(table: Mapping[str, Text], code: Any, lang: str) -> str:
    if not code:
        return MISSING
    return localize(table[code], lang) if code in table else str(code)


def _headline(action: str, details: Mapping[str, Any], lang: str) -> str:
    if action.startswith("close:"):
        return localize(HEADLINES["close"], lang).format(outcome=_named(OUTCOME_TEXT, action[len("close:") :], lang))
    if action == "start":
        reason, day = _named(REASON_TEXT, details.get("reason"), lang), day_text(details.get("from"), lang)
        return localize(HEADLINES["start"], lang).format(reason=reason, date=day)
    return localize(HEADLINES[action], lang) if action in HEADLINES else action


def _clause(details: Mapping[str, Any], lang: str) -> str:
    """What the details add to the headline: the reasons found, the quiet hours, the dates moved, the cause."""
    reasons: Sequence[str] = details.get("reasons") or []
    if reasons:
        return " ".join(localize(reason_text(code), lang) for code in reasons)
    if details.get("hours") is not None:
        return localize(QUIET_HOURS, lang).format(n=details["hours"])
    if details.get("days_early"):
        return localize(DAYS_EARLY, lang).format(n=details["days_early"])
    if details.get("to"):
        return f"{day_text(details.get('from'), lang)} → {day_text(details['to'], lang)}"
    cause = details.get("cause")
    return _named(CAUSES, cause, lang) if cause else ""


def event_text(action: str, details: Mapping[str, Any] | None, lang: str) -> str:
    """One audit event in words ("Flagged: silent 24 h — no check-in for 25 hours"); a staff note is not part
    of it. An action or cause nobody wrote words for is shown as its code, never dropped."""
    details = details or {}
    headline = _headline(action, details, lang)
    clause = "" if action == "start" else _clause(details, lang)
    return f"{headline} — {clause}" if clause else headline
