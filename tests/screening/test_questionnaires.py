"""The questionnaire definitions themselves: complete, bilingual, and keyed as the app expects."""

from __future__ import annotations

import pytest

from screening.questionnaire import all_questionnaires, get_questionnaire

SELF_SCREENING_KEYS = {
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
    "symptom_onset_date",
    "severe_breathing_difficulty",
    "chest_pain",
    "confusion",
    "bluish_lips",
    "unable_to_drink",
    "contact_with_case",
    "travel_local_transmission",
    "pregnant",
    "age",
    "temperature_c",
    "spo2",
    "respiratory_rate",
    "last_contact_date",
    "comorbidities",
}


def test_three_questionnaires_with_ids_and_versions() -> None:
    assert [(q.id, bool(q.version)) for q in all_questionnaires()] == [
        ("self-screening", True),
        ("risk-workplace", True),
        ("risk-personal", True),
    ]


def test_self_screening_answer_keys_are_the_public_contract() -> None:
    questionnaire = get_questionnaire("self-screening")
    assert {q.key for q in questionnaire.questions} == SELF_SCREENING_KEYS
    comorbidities = questionnaire.question("comorbidities")
    assert comorbidities is not None
    assert [o.value for o in comorbidities.options] == [
        "diabetes",
        "hypertension",
        "heart",
        "lung",
        "kidney",
        "immunocompromised",
        "cancer",
        "obesity",
    ]


@pytest.mark.parametrize("questionnaire", all_questionnaires(), ids=lambda q: q.id)
def test_every_text_exists_in_indonesian_and_english(questionnaire: object) -> None:
    from screening.questionnaire import Questionnaire

    assert isinstance(questionnaire, Questionnaire)
    texts = [questionnaire.title, questionnaire.description]
    for question in questionnaire.questions:
        texts.append(question.text)
        texts.extend(option.text for option in question.options)
    for result in questionnaire.results.values():
        texts.extend([result.title, result.advice])
        assert len(result.next_steps["id"]) == len(result.next_steps["en"]) > 0
    assert all(text.get("id") and text.get("en") for text in texts)


def test_every_category_the_rules_can_return_has_texts() -> None:
    assert set(get_questionnaire("self-screening").results) == {
        "emergency",
        "suspect",
        "close_contact",
        "symptomatic",
        "low_risk",
    }
    for questionnaire_id in ("risk-workplace", "risk-personal"):
        questionnaire = get_questionnaire(questionnaire_id)
        assert {band["category"] for band in questionnaire.rules["bands"]} == set(questionnaire.results)


def test_no_question_speaks_of_odp_or_pdp_which_kmk_413_2020_replaced() -> None:
    texts = [q.text[lang] for questionnaire in all_questionnaires() for q in questionnaire.questions for lang in q.text]
    assert not [text for text in texts if "ODP" in text or "PDP" in text]


def test_a_risk_level_has_one_name_in_every_risk_test() -> None:
    titles: dict[tuple[str, str], set[str]] = {}
    for questionnaire in all_questionnaires():
        if questionnaire.kind != "score":
            continue
        for category, result in questionnaire.results.items():
            for lang, title in result.title.items():
                titles.setdefault((category, lang), set()).add(title)
    assert {key: names for key, names in titles.items() if len(names) > 1} == {}
    assert titles[("high", "id")] == {"Risiko tinggi"}


def test_the_symptoms_and_danger_signs_are_checklists_of_yes_no_questions_with_short_labels() -> None:
    questions = get_questionnaire("self-screening").questions
    listed = {q.key: q.checklist for q in questions if q.checklist}
    assert set(listed.values()) == {"symptoms", "danger_signs"}
    assert {q.key for q in questions if q.checklist == "danger_signs"} == {
        "severe_breathing_difficulty",
        "chest_pain",
        "confusion",
        "bluish_lips",
        "unable_to_drink",
    }
    assert len(listed) == 16
    for question in questions:
        if question.checklist:
            assert (question.type, question.required) == ("boolean", True)
            assert set(question.label or {}) == {"id", "en"}
