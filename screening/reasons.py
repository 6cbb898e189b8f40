"""Reason codes (kept in records and replies) as sentences a resident or an officer can read, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable

from screening.questionnaire import Questionnaire
from screening.text import Text, bilingual

# Symptoms, danger signs and risk factors by their answer keys (self-screening and isolation check-ins).
SIGNS: dict[str, Text] = {
    "fever": bilingual("demam", "fever"),
    "cough": bilingual("batuk", "cough"),
    "sore_throat": bilingual("sakit tenggorokan", "sore throat"),
    "runny_nose": bilingual("pilek", "runny nose"),
    "shortness_of_breath": bilingual("sesak napas", "shortness of breath"),
    "loss_of_smell_or_taste": bilingual("hilang penciuman atau perasa", "loss of smell or taste"),
    "fatigue": bilingual("lemas", "fatigue"),
    "headache": bilingual("sakit kepala", "headache"),
    "muscle_ache": bilingual("nyeri otot", "muscle ache"),
    "diarrhea": bilingual("diare", "diarrhoea"),
    "nausea_vomiting": bilingual("mual atau muntah", "nausea or vomiting"),
    "severe_breathing_difficulty": bilingual("sangat sulit bernapas", "severe difficulty breathing"),
    "chest_pain": bilingual("nyeri dada", "chest pain"),
    "confusion": bilingual("bingung atau sulit dibangunkan", "confusion or hard to wake"),
    "bluish_lips": bilingual("bibir atau wajah kebiruan", "bluish lips or face"),
    "unable_to_drink": bilingual("tidak bisa minum", "unable to drink"),
}


def _sign(key: str) -> Text:
    return SIGNS.get(key, bilingual(key.replace("_", " "), key.replace("_", " ")))


# Each pattern turns a family of codes (thresholds are part of the code) into its sentence.
PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], Text]]] = [
    (
        re.compile(r"danger_sign:(\w+)"),
        lambda m: bilingual(f"Tanda bahaya: {_sign(m[1])['id']}.", f"Danger sign: {_sign(m[1])['en']}."),
    ),
    (
        re.compile(r"spo2_below_(\d+)"),
        lambda m: bilingual(f"Saturasi oksigen (SpO2) di bawah {m[1]}%.", f"Oxygen saturation (SpO2) below {m[1]}%."),
    ),
    (
        re.compile(r"spo2_at_most_(\d+)"),
        lambda m: bilingual(
            f"Saturasi oksigen (SpO2) {m[1]}% atau kurang.", f"Oxygen saturation (SpO2) {m[1]}% or less."
        ),
    ),
    (
        re.compile(r"spo2_fell_(\d+)_points_in_24h"),
        lambda m: bilingual(
            f"Saturasi oksigen turun {m[1]} poin dalam 24 jam.",
            f"Oxygen saturation fell {m[1]} points within 24 hours.",
        ),
    ),
    (
        re.compile(r"respiratory_rate_above_(\d+)"),
        lambda m: bilingual(f"Napas lebih dari {m[1]} kali per menit.", f"Breathing faster than {m[1]} per minute."),
    ),
    (
        re.compile(r"no_checkin_(\d+)h"),
        lambda m: bilingual(
            f"Tidak ada laporan isolasi selama {m[1]} jam.", f"No isolation check-in for {m[1]} hours."
        ),
    ),
    (
        re.compile(r"fever_three_days"),
        lambda _m: bilingual(
            "Demam 38 °C atau lebih tiga hari berturut-turut.", "Fever of 38 °C or more three days running."
        ),
    ),
    (
        re.compile(r"age_(\d+)_or_over"),
        lambda m: bilingual(f"Usia {m[1]} tahun atau lebih.", f"Aged {m[1]} or over."),
    ),
    (
        re.compile(r"comorbidity"),
        lambda _m: bilingual("Ada penyakit penyerta (komorbid).", "A chronic condition (comorbidity)."),
    ),
    (re.compile(r"pregnant"), lambda _m: bilingual("Sedang hamil.", "Pregnant.")),
    (
        re.compile(r"respiratory_infection_with_travel"),
        lambda _m: bilingual(
            "Demam dan gejala pernapasan setelah berada di wilayah dengan transmisi lokal.",
            "Fever and a respiratory symptom after being in an area with local transmission.",
        ),
    ),
    (
        re.compile(r"respiratory_sign_with_contact"),
        lambda _m: bilingual(
            "Demam atau gejala pernapasan setelah kontak dengan kasus COVID-19.",
            "Fever or a respiratory symptom after contact with a COVID-19 case.",
        ),
    ),
    (
        re.compile(r"contact_with_case"),
        lambda _m: bilingual(
            "Kontak dengan kasus COVID-19 dalam 14 hari terakhir.", "Contact with a COVID-19 case in the last 14 days."
        ),
    ),
    (
        re.compile(r"contact_outside_window"),
        lambda _m: bilingual(
            "Kontak terakhir lebih dari 14 hari lalu: tidak lagi dihitung kontak erat.",
            "The last contact was over 14 days ago: no longer a close contact.",
        ),
    ),
]


def reason_text(code: str, questionnaire: Questionnaire | None = None) -> Text:
    """The sentence for a reason code. Symptom keys name the symptom; a risk test's question key repeats the
    question answered "yes"; a code nobody wrote a sentence for is shown as it is, never dropped."""
    for pattern, text in PATTERNS:
        match = pattern.fullmatch(code)
        if match:
            return text(match)
    if code in SIGNS:
        return bilingual(f"Gejala: {SIGNS[code]['id']}.", f"Symptom: {SIGNS[code]['en']}.")
    question = questionnaire.question(code) if questionnaire else None
    if question is not None:
        return bilingual(f"Ya: {question.text['id']}", f"Yes: {question.text.get('en') or question.text['id']}")
    return bilingual(code, code)
