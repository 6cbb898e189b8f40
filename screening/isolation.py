"""Home isolation under KMK 413/2020: the planned period, day counting, and triage of daily check-ins (pure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from screening.text import bilingual

# "symptomatic": symptoms without the contact or travel that make a suspect; isolates like one while awaiting a test.
REASONS = ("confirmed_asymptomatic", "confirmed_symptomatic", "suspect", "symptomatic", "close_contact")
# Periods counted from symptom onset, which move with the last day of fever or respiratory symptoms.
SYMPTOM_BASED_REASONS = ("confirmed_symptomatic", "suspect", "symptomatic")
CLOSING_OUTCOMES = ("completed", "referred", "hospitalized", "died", "lost_to_follow_up")
STATUSES = ("active", *CLOSING_OUTCOMES)
SYMPTOMS = (
    "fever",
    "cough",
    "sore_throat",
    "runny_nose",
    "shortness_of_breath",
    "loss_of_smell_or_taste",
    "fatigue",
    "headache",
    "muscle_ache",
    "diarrhea",
    "nausea_vomiting",
)
DANGER_SIGNS = ("severe_breathing_difficulty", "chest_pain", "confusion", "bluish_lips", "unable_to_drink")
RESPIRATORY = ("cough", "sore_throat", "runny_nose", "shortness_of_breath")

ASYMPTOMATIC_DAYS = 10  # from the specimen date
SYMPTOMATIC_MIN_DAYS = 13  # 10 days from onset plus at least 3 days without symptoms
SYMPTOM_FREE_DAYS = 3
CONTACT_QUARANTINE_DAYS = 14  # from the last contact
FEVER_C = 38.0

EMERGENCY, URGENT, STABLE = "emergency", "urgent", "stable"
TRIAGE_LEVELS = (EMERGENCY, URGENT, STABLE)

# The self-screening results that call for home isolation: the reason each isolates under, and the answer
# its period counts from (KMK 413/2020: symptom onset for those with symptoms, the last contact for contacts).
FROM_SELF_SCREENING = {
    "suspect": ("suspect", "symptom_onset_date"),
    "symptomatic": ("symptomatic", "symptom_onset_date"),
    "close_contact": ("close_contact", "last_contact_date"),
}


def isolation_reason(category: str) -> str | None:
    """The reason a self-screening result isolates under, or None when it does not call for home isolation."""
    found = FROM_SELF_SCREENING.get(category)
    return found[0] if found else None


def start_from_self_screening(
    category: str, answers: dict[str, object], screened_on: dt.date
) -> tuple[str, dt.date] | None:
    """Reason and official start of the isolation a stored self-screening result calls for, or None.

    The start is the onset or last-contact date the resident gave, else the day of the screening.
    """
    found = FROM_SELF_SCREENING.get(category)
    if found is None:
        return None
    reason, counted_from = found
    given = answers.get(counted_from)
    return reason, dt.date.fromisoformat(given) if isinstance(given, str) else screened_on


def planned_end(reason: str, start: dt.date, last_symptom_day: dt.date | None = None) -> dt.date:
    """The release date: the first day out of isolation.

    Confirmed without symptoms: specimen date + 10. Confirmed with symptoms, and suspects or
    symptomatic residents awaiting a result: the later of onset + 13 and the last day with fever or
    respiratory symptoms + 3, so it moves as symptoms are reported. Close contacts: last contact + 14.
    """
    if reason == "confirmed_asymptomatic":
        return start + dt.timedelta(days=ASYMPTOMATIC_DAYS)
    if reason == "close_contact":
        return start + dt.timedelta(days=CONTACT_QUARANTINE_DAYS)
    end = start + dt.timedelta(days=SYMPTOMATIC_MIN_DAYS)
    if last_symptom_day is not None:
        end = max(end, last_symptom_day + dt.timedelta(days=SYMPTOM_FREE_DAYS))
    return end


def day_of_isolation(start: dt.date, today: dt.date) -> int:
    """Day N counted from the official start (day 1), never from the first check-in."""
    return (today - start).days + 1


def total_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days


def days_early(outcome: str, end: dt.date, today: dt.date) -> int:
    """How many days before its release date a close as `outcome` lets the resident out (0: not early).

    Only "completed" releases the resident; referral, admission, death and loss to follow-up end the home
    isolation for a reason of their own, whatever the day.
    """
    return max(0, (end - today).days) if outcome == "completed" else 0


@dataclass(frozen=True)
class Reading:
    """One check-in as the rules see it."""

    measured_at: dt.datetime
    temperature_c: float | None = None
    spo2: int | None = None
    respiratory_rate: int | None = None
    symptoms: tuple[str, ...] = ()
    danger_signs: tuple[str, ...] = ()

    @property
    def feverish(self) -> bool:
        return (self.temperature_c is not None and self.temperature_c >= FEVER_C) or "fever" in self.symptoms

    @property
    def fever_measured(self) -> bool:
        return self.temperature_c is not None and self.temperature_c >= FEVER_C

    @property
    def has_fever_or_respiratory_symptoms(self) -> bool:
        return self.feverish or any(s in RESPIRATORY for s in self.symptoms)


@dataclass(frozen=True)
class Triage:
    level: str
    reasons: tuple[str, ...] = field(default_factory=tuple)


def _fever_three_days(reading: Reading, earlier: Sequence[Reading], local: dt.tzinfo) -> bool:
    """A measured temperature of 38 °C or more on this day and each of the two days before."""
    if not reading.fever_measured:
        return False
    today = reading.measured_at.astimezone(local).date()
    fever_days = {r.measured_at.astimezone(local).date() for r in earlier if r.fever_measured}
    return all(today - dt.timedelta(days=n) in fever_days for n in (1, 2))


def _spo2_drop(reading: Reading, earlier: Sequence[Reading]) -> int:
    """How far SpO2 fell from the highest reading of the previous 24 hours (0 when it did not)."""
    if reading.spo2 is None:
        return 0
    window_start = reading.measured_at - dt.timedelta(hours=24)
    recent = [r.spo2 for r in earlier if r.spo2 is not None and window_start <= r.measured_at < reading.measured_at]
    return max(0, max(recent) - reading.spo2) if recent else 0


def triage(reading: Reading, earlier: Iterable[Reading], local: dt.tzinfo = dt.UTC) -> Triage:
    """emergency: SpO2 < 90, respiratory rate > 30 or any danger sign; urgent: SpO2 <= 94, rate > 24,
    fever of 38 °C or more on three consecutive days, or SpO2 down 3 points or more within 24 hours;
    otherwise stable. `earlier` are the check-ins measured before this one (any order)."""
    before = [r for r in earlier if r.measured_at < reading.measured_at]
    emergency = [f"danger_sign:{s}" for s in reading.danger_signs]
    if reading.spo2 is not None and reading.spo2 < 90:
        emergency.append("spo2_below_90")
    if reading.respiratory_rate is not None and reading.respiratory_rate > 30:
        emergency.append("respiratory_rate_above_30")
    if emergency:
        return Triage(EMERGENCY, tuple(emergency))
    urgent = []
    if reading.spo2 is not None and reading.spo2 <= 94:
        urgent.append("spo2_at_most_94")
    if reading.respiratory_rate is not None and reading.respiratory_rate > 24:
        urgent.append("respiratory_rate_above_24")
    if _fever_three_days(reading, before, local):
        urgent.append("fever_three_days")
    drop = _spo2_drop(reading, before)
    if drop >= 3:
        urgent.append(f"spo2_fell_{drop}_points_in_24h")
    return Triage(URGENT, tuple(urgent)) if urgent else Triage(STABLE)


def last_symptom_day(readings: Iterable[Reading], local: dt.tzinfo = dt.UTC) -> dt.date | None:
    # The local day of the latest such reading: one conversion, not one per reading (every check-in asks this of
    # all the episode's readings).
    latest = max((r.measured_at for r in readings if r.has_fever_or_respiratory_symptoms), default=None)
    return None if latest is None else latest.astimezone(local).date()


ADVICE = {
    EMERGENCY: bilingual(
        "Tanda bahaya! Hubungi 119 atau segera ke IGD rumah sakit terdekat. Peringatan sudah dikirim ke Satgas, "
        "tetapi jangan menunggu petugas: telepon sekarang.",
        "Danger signs! Call 119 or go to the nearest hospital emergency department now. An alert has been sent to "
        "the task force, but do not wait for an officer: call now.",
    ),
    URGENT: bilingual(
        "Perlu diperiksa hari ini: datanglah ke fasilitas kesehatan (puskesmas atau rumah sakit) hari ini. "
        "Petugas juga akan menghubungi Anda.",
        "You need to be examined today: go to a health facility (puskesmas or hospital) today. "
        "Staff will also contact you.",
    ),
    STABLE: bilingual(
        "Kondisi Anda stabil. Lanjutkan isolasi, ukur lagi pagi dan sore, dan laporkan bila ada perubahan.",
        "You are stable. Keep isolating, measure again morning and evening, and report any change.",
    ),
}
