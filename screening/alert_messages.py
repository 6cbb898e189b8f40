"""What a resident reads about their alert: one sentence per state, never more than has happened (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from screening.alert_workflow import ACKNOWLEDGED, CANCELLED, DISPATCHED, EXPIRED, NEW, RESOLVED
from screening.text import bilingual, localize

# A press from outside Sumatera Barat: the provincial task force cannot send anyone in time.
OUTSIDE_PROVINCE = bilingual(
    "Lokasi Anda di luar Sumatera Barat. Telepon 112 sekarang juga untuk pertolongan darurat di tempat Anda. "
    "Permintaan Anda tetap tercatat di Satgas Sumatera Barat.",
    "Your location is outside Sumatera Barat. Call 112 now for emergency help where you are. "
    "Your call is still recorded with the Sumatera Barat task force.",
)
# Said of an open alert when the task force has no number to call back: no promise of a call.
NO_NUMBER = bilingual(
    "Satgas belum punya nomor telepon Anda dan tidak dapat menelepon balik: isi nomor Anda di bawah, "
    "atau telepon sendiri nomor darurat yang tertera.",
    "The task force has no phone number for you and cannot call you back: enter your number below, "
    "or call one of the emergency numbers shown yourself.",
)
WORSE = bilingual("Bila keadaan memburuk, telepon 119 atau 112.", "If things get worse, call 119 or 112.")
AGAIN = bilingual(
    "Bila Anda masih butuh pertolongan, tekan tombol darurat lagi atau telepon 119 atau 112.",
    "If you still need help, press the emergency button again or call 119 or 112.",
)
OFFICER = bilingual("petugas Satgas", "a task-force officer")

STATE_TEXT = {
    NEW: bilingual(
        "Panggilan darurat Anda sudah terkirim dan menunggu petugas Satgas menerimanya "
        "(target: dalam {minutes} menit).",
        "Your emergency call has been sent and is waiting for a task-force officer to take it "
        "(target: within {minutes} minutes).",
    ),
    ACKNOWLEDGED: bilingual("Diterima oleh {officer} pukul {time} WIB.", "Taken by {officer} at {time} WIB."),
    DISPATCHED: bilingual(
        "Petugas dalam perjalanan sejak pukul {time} WIB.", "An officer has been on the way since {time} WIB."
    ),
    RESOLVED: bilingual(
        "Panggilan darurat ini selesai pukul {time} WIB.", "This emergency call was closed at {time} WIB."
    ),
    CANCELLED: bilingual(
        "Panggilan darurat ini dibatalkan pukul {time} WIB.", "This emergency call was cancelled at {time} WIB."
    ),
    EXPIRED: bilingual(
        "Panggilan darurat ini ditutup pukul {time} WIB karena lama tidak ada kegiatan.",
        "This emergency call was closed at {time} WIB after a long time without activity.",
    ),
}
# A monitoring alert was opened by the resident's report, not by a press.
MONITORING_NEW = bilingual(
    "Laporan Anda sudah dikirim sebagai peringatan ke Satgas dan menunggu petugas menerimanya.",
    "Your report has been sent to the task force as an alert and is waiting for an officer to take it.",
)
# What the officer does next, said only when the task force holds a number to call.
WILL_CALL = {
    NEW: bilingual("Biarkan ponsel menyala dan bisa dihubungi.", "Keep your phone on and reachable."),
    ACKNOWLEDGED: bilingual(
        "Petugas akan menelepon Anda; biarkan ponsel menyala.", "The officer will call you; keep your phone on."
    ),
}


@dataclass(frozen=True)
class AlertState:
    """What has happened to an alert, with times already in the province's time zone."""

    status: str
    created_at: dt.datetime
    acknowledged_at: dt.datetime | None = None
    dispatched_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    has_phone: bool = False
    outside_province: bool = False
    monitoring: bool = False
    officer: str | None = None


def clock_time(moment: dt.datetime | None, lang: str) -> str:
    """A time of day as each language writes it: 14.05 in Indonesian, 14:05 in English."""
    if moment is None:
        return ""
    return moment.strftime("%H:%M" if lang == "en" else "%H.%M")


def status_message(state: AlertState, lang: str, minutes: int) -> str:
    """The sentence for the alert as it stands: sent and waiting, taken by whom and when, on the way, closed."""
    is_open = state.status in (NEW, ACKNOWLEDGED, DISPATCHED)
    if is_open and state.outside_province:
        return localize(OUTSIDE_PROVINCE, lang)
    moment = {
        NEW: state.created_at,
        ACKNOWLEDGED: state.acknowledged_at,
        DISPATCHED: state.dispatched_at,
    }.get(state.status, state.closed_at)
    officer = state.officer or localize(OFFICER, lang)
    text = MONITORING_NEW if state.monitoring and state.status == NEW else STATE_TEXT[state.status]
    parts = [localize(text, lang).format(minutes=minutes, officer=officer, time=clock_time(moment, lang))]
    if is_open:
        if state.status in WILL_CALL:
            parts.append(localize(WILL_CALL[state.status] if state.has_phone else NO_NUMBER, lang))
        parts.append(localize(WORSE, lang))
    else:
        parts.append(localize(AGAIN, lang))
    return " ".join(parts)
