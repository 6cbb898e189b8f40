"""The screens a new resident walks: the symptom checklists, the header, my data, a closed isolation, times."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask

from tests.factories import staff_headers
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, settle

pytestmark = [pytest.mark.browser, needs_browser]
RESPONSES = "/api/v1/questionnaires/self-screening/responses"
SYMPTOMS = {
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
}
DANGER_SIGNS = {"severe_breathing_difficulty", "chest_pain", "confusion", "bluish_lips", "unable_to_drink"}


def open_screening(browser: Browser) -> None:
    browser.open("/app#/q/self-screening")
    browser.wait("#questionnaire")
    browser.choose("#region", "13.71")
    for key in ("contact_with_case", "travel_local_transmission"):
        browser.tap(f"#q-{key}-no")


def sent_answers(browser: Browser) -> dict[str, object]:
    return dict(json.loads(browser.requests("POST", RESPONSES)[-1]["body"])["answers"])


def test_no_symptoms_and_no_danger_signs_send_every_one_of_them_as_an_explicit_no(
    server: Server, browser: Browser
) -> None:
    open_screening(browser)
    assert len(browser.find_all("fieldset.field-boolean")) == 3  # contact, travel, pregnancy: one by one
    browser.tap("#checklist-symptoms-none")
    browser.tap("#checklist-danger_signs-none")
    browser.tap("#submit-answers")
    browser.wait('#result[data-category="low_risk"]')
    answers = sent_answers(browser)
    assert {key: answers[key] for key in SYMPTOMS | DANGER_SIGNS} == dict.fromkeys(SYMPTOMS | DANGER_SIGNS, False)


def test_ticked_symptoms_are_yes_the_unticked_no_and_an_untouched_checklist_is_asked_for_before_sending(
    server: Server, browser: Browser
) -> None:
    open_screening(browser)
    browser.tap("#checklist-symptoms-none")
    browser.tap("#q-fever")  # a symptom ticked after "no symptoms" takes that back
    assert not browser.find("#checklist-symptoms-none").is_selected()
    browser.tap("#q-cough")
    assert browser.visible("#q-symptom_onset_date")  # asked once a symptom is ticked, as with a "yes"
    browser.tap("#submit-answers")
    assert "tidak ada" in browser.wait("#checklist-danger_signs-none-error").text
    settle()
    assert browser.requests("POST", RESPONSES) == []  # nothing sent while a checklist is unanswered
    browser.tap("#checklist-danger_signs-none")
    browser.tap("#submit-answers")
    browser.wait("#result")
    answers = sent_answers(browser)
    assert {key for key in SYMPTOMS if answers[key] is True} == {"fever", "cough"}
    assert all(answers[key] is False for key in (SYMPTOMS - {"fever", "cough"}) | DANGER_SIGNS)


@pytest.mark.parametrize(
    ("lang", "unit", "none"), [("id", "tahun", "Tidak ada gejala"), ("en", "years", "No symptoms")]
)
def test_the_form_speaks_one_language(server: Server, browser: Browser, lang: str, unit: str, none: str) -> None:
    browser.open()
    browser.keep("lang", lang)
    browser.open("/app#/q/self-screening")
    browser.wait("#questionnaire")
    assert browser.texts('[data-key="age"] .unit') == [unit]
    assert browser.texts('label[for="checklist-symptoms-none"]') == [none]


def test_the_risk_test_result_names_its_level_once_and_gives_its_score_once(server: Server, browser: Browser) -> None:
    browser.open("/app#/q/risk-workplace")
    browser.wait("#questionnaire")
    browser.choose("#region", "13.71")
    browser.answer(yes={"visited_public_places", "close_contact_with_case", "had_respiratory_symptoms"})
    browser.tap("#submit-answers")
    result = browser.wait('#result[data-category="high"]')
    assert "Risiko tinggi" in browser.texts("#result .badge")[0]
    assert browser.texts("#result .result-title") == ["Risiko tinggi"]
    assert len(re.findall(r"Skor", result.text)) == 1


def test_the_waiting_badge_shows_only_while_something_waits(server: Server, browser: Browser) -> None:
    browser.open()
    isolate(browser, server)
    browser.open()
    browser.wait_until(lambda: browser.find("#queue-badge").get_attribute("data-count") == "0")
    assert not browser.visible("#queue-badge")


def test_my_data_is_in_words_with_the_isolation_number_shortened(server: Server, browser: Browser) -> None:
    browser.open()
    episode = isolate(browser, server)
    browser.open()
    browser.wait_text("#isolation-card", "Hari ke-1")  # the home screen keeps the episode's summary
    browser.go("#/data")
    summary = browser.wait_text("#server-summary", "Jawaban periksa mandiri")
    assert "Isolasi mandiri dan laporan hariannya" in summary
    assert not re.search(r"[a-z]+_[a-z]+", summary)  # no export keys such as screening_responses
    phone = browser.wait_text("#on-phone", "Status: berjalan")
    assert episode not in phone
    assert browser.texts("#episode-short") == [episode[:8]]
    browser.tap("#lang-switch")
    assert "Self-screening and risk test answers" in browser.wait_text("#server-summary", "Home isolations")
    assert "Status: ongoing" in browser.texts("#on-phone")[0]


def test_a_closed_isolation_says_why_it_ended_and_what_to_do_next(app: Flask, server: Server, browser: Browser) -> None:
    browser.open()
    episode = isolate(browser, server)
    status, _ = server.api("POST", f"/api/v1/isolations/{episode}/close", {"outcome": "referred"}, staff_headers())
    assert status == 200
    browser.open()
    assert "merujuk Anda ke fasilitas kesehatan" in browser.wait_text("#isolation-closed-why", "merujuk")
    assert "puskesmas" in browser.texts("#isolation-next")[0]
    browser.tap("#lang-switch")
    assert "referred you to a health facility" in browser.wait_text("#isolation-closed-why", "referred")
    assert "puskesmas" in browser.texts("#isolation-next")[0]


def test_times_are_written_as_the_page_language_writes_them(server: Server, browser: Browser) -> None:
    browser.open()
    moment = "2026-01-05T05:01:00Z"  # 12:01 WIB
    script = f"const {{ wibTime }} = await import('/app/static/js/format.js'); done(wibTime('{moment}'));"
    assert browser.run_module(script) == "12.01"
    browser.keep("lang", "en")
    assert browser.run_module(script) == "12:01"
