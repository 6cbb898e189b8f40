"""The KMK 328/2020 workplace form and the 21-item personal checklist: order, weights, bands."""

from __future__ import annotations

import datetime as dt

import pytest

from screening.evaluate import evaluate
from screening.questionnaire import get_questionnaire
from scripts.answers import risk_answers

TODAY = dt.date(2020, 6, 1)


def assess(questionnaire_id: str, answers: dict[str, bool]) -> dict[str, object]:
    return evaluate(get_questionnaire(questionnaire_id), answers, today=TODAY, lang="id").result


@pytest.mark.parametrize(
    ("yes", "category"), [(0, "low"), (7, "low"), (8, "medium"), (14, "medium"), (15, "high"), (21, "high")]
)
def test_personal_checklist_scores_one_point_per_yes(yes: int, category: str) -> None:
    result = assess("risk-personal", risk_answers("risk-personal", yes))
    assert (result["score"], result["category"], result["max_score"]) == (yes, category, 21)


def test_personal_checklist_has_21_items_in_published_order() -> None:
    questions = get_questionnaire("risk-personal").questions
    assert len(questions) == 21
    assert questions[0].text["id"] == "Saya pergi keluar rumah"
    assert questions[9].section == "outside_home"
    assert questions[10].section == "inside_home"
    assert questions[20].text["id"].startswith("Saya mempunyai penyakit")


def test_workplace_form_weights_and_order_follow_kmk_328() -> None:
    questions = get_questionnaire("risk-workplace").questions
    assert [q.weight for q in questions] == [1, 1, 1, 1, 5, 5]
    assert questions[0].text["id"].startswith("Apakah pernah keluar rumah")


@pytest.mark.parametrize(
    ("yes_keys", "score", "category"),
    [
        ([], 0, "low"),
        (["visited_public_places"], 1, "medium"),
        (
            ["visited_public_places", "used_public_transport", "travelled_out_of_town", "attended_mass_gathering"],
            4,
            "medium",
        ),
        (["close_contact_with_case"], 5, "high"),
        (["had_respiratory_symptoms"], 5, "high"),
        (["visited_public_places", "close_contact_with_case", "had_respiratory_symptoms"], 11, "high"),
    ],
)
def test_workplace_form_bands(yes_keys: list[str], score: int, category: str) -> None:
    answers = {q.key: q.key in yes_keys for q in get_questionnaire("risk-workplace").questions}
    result = assess("risk-workplace", answers)
    assert (result["score"], result["category"]) == (score, category)
    assert f"Skor Anda {score} dari 14" in str(result["advice"])
