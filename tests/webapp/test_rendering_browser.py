"""What every screen must be: in both languages, drawn from the API's definitions, usable on a 360 px phone."""

from __future__ import annotations

import json
import re

import pytest

from tests.webapp.conftest import Browser, Server, needs_browser

pytestmark = [pytest.mark.browser, needs_browser]

SCREENS = ["#/", "#/q/self-screening", "#/q/risk-personal", "#/result", "#/checkin", "#/alert", "#/data", "#/privacy"]
# Elements a finger must hit; links inside a sentence are exempt, as WCAG 2.5.8 allows.
TARGETS = (
    "button, .button, select, input:not([type=radio]):not([type=checkbox]), .choice, .tel-link, "
    ".footer-nav a, .link-list a, .back a, .brand"
)

# Questions the app has never seen, added to the self-screening definition on its way to the app.
NEW_QUESTIONS = [
    {
        "key": "oxygen_at_home",
        "type": "integer",
        "section": "equipment",
        "section_title": "Peralatan di rumah",
        "required": False,
        "text": "Berapa liter oksigen per menit yang Anda pakai?",
        "min": 0,
        "max": 15,
        "unit": "L/menit",
        "options": [],
        "show_if": {"any": [{"question": "shortness_of_breath", "equals": True}]},
    },
    {
        "key": "weight_kg",
        "type": "number",
        "section": "equipment",
        "section_title": "Peralatan di rumah",
        "required": False,
        "text": "Berat badan Anda?",
        "min": 2,
        "max": 300,
        "unit": "kg",
        "options": [],
        "show_if": None,
    },
    {
        "key": "last_test_date",
        "type": "date",
        "section": "equipment",
        "section_title": "Peralatan di rumah",
        "required": False,
        "text": "Kapan tes terakhir Anda?",
        "min": None,
        "max": None,
        "unit": None,
        "options": [],
        "show_if": None,
    },
    {
        "key": "devices_owned",
        "type": "multi_choice",
        "section": "equipment",
        "section_title": "Peralatan di rumah",
        "required": False,
        "text": "Alat apa yang Anda punya?",
        "min": None,
        "max": None,
        "unit": None,
        "options": [{"value": "thermometer", "text": "Termometer"}, {"value": "oximeter", "text": "Oksimeter"}],
        "show_if": {"any": [{"question": "oxygen_at_home", "equals": 3}, {"question": "diarrhea", "equals": True}]},
    },
]
EXTEND_DEFINITION = """
window.__sent = [];
const realFetch = window.fetch.bind(window);
window.fetch = async (input, init = {}) => {
  const url = typeof input === 'string' ? input : input.url;
  if (url.startsWith('/api/v1/questionnaires/self-screening?')) {
    const definition = await (await realFetch(input, init)).json();
    definition.questions.push(...QUESTIONS);
    return new Response(JSON.stringify(definition), {status: 200, headers: {'Content-Type': 'application/json'}});
  }
  if (url === '/api/v1/questionnaires/self-screening/responses') window.__sent.push(JSON.parse(init.body));
  return realFetch(input, init);
};
"""


def test_every_text_exists_in_both_languages_with_the_same_placeholders(server: Server, browser: Browser) -> None:
    browser.open()
    strings = browser.run_module("const { STRINGS } = await import('/app/static/js/strings.js'); done(STRINGS);")
    assert set(strings) == {"id", "en"}
    assert set(strings["id"]) == set(strings["en"])
    for key, text in strings["id"].items():
        assert text.strip(), key
        assert strings["en"][key].strip(), key
        assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", strings["en"][key])), key
    translated = [key for key in strings["id"] if strings["id"][key] != strings["en"][key]]
    assert len(translated) > 0.9 * len(strings["id"])  # written in each language, not copied


def test_the_language_switch_changes_every_screen_and_is_remembered(server: Server, browser: Browser) -> None:
    browser.open()
    browser.wait_text("#questionnaire-list", "Periksa Mandiri COVID-19")
    assert "DARURAT" in browser.texts("#panic-button")[0]
    browser.tap("#lang-switch")
    assert browser.html_lang() == "en"
    assert "EMERGENCY" in browser.texts("#panic-button")[0]
    browser.wait_text("#questionnaire-list", "COVID-19 self-screening")  # the API's titles, asked for in English
    browser.open()  # the choice survives a reload
    assert browser.html_lang() == "en"
    assert browser.find("#lang-switch").text == "Bahasa Indonesia"
    browser.go("#/q/self-screening")
    browser.wait_text("#questionnaire", "have you been in close contact")  # a yes/no question asked on its own
    assert browser.texts('label[for="q-cough"]') == ["Cough"]  # a symptom in the checklist
    browser.tap("#q-cough")
    browser.tap("#lang-switch")  # mid-way through: the answers stay
    browser.wait_text("#questionnaire", "apakah Anda kontak erat")
    assert browser.texts('label[for="q-cough"]') == ["Batuk"]
    assert browser.find("#q-cough").is_selected()
    assert browser.html_lang() == "id"
    assert browser.stored("lang") == "id"


def test_a_question_added_to_a_definition_appears_with_its_type_unit_limits_section_and_condition(
    server: Server, browser: Browser
) -> None:
    script = EXTEND_DEFINITION.replace("QUESTIONS", json.dumps(NEW_QUESTIONS))
    browser.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})
    browser.open("/app#/q/self-screening")
    browser.wait("#questionnaire")
    assert "Peralatan di rumah" in browser.texts('.q-section[data-section="equipment"] h2')[0]
    oxygen = browser.find("#q-oxygen_at_home")
    assert [oxygen.get_attribute(a) for a in ("type", "min", "max", "step", "inputmode")] == [
        "number",
        "0",
        "15",
        "1",
        "numeric",
    ]
    assert browser.texts('[data-key="oxygen_at_home"] .unit') == ["L/menit"]
    assert browser.find("#q-weight_kg").get_attribute("step") == "any"
    assert browser.find("#q-last_test_date").get_attribute("type") == "date"
    assert len(browser.find_all('#q-devices_owned input[type="checkbox"]')) == 2
    assert browser.find('label[for="q-oxygen_at_home"]').get_attribute("textContent").startswith("Berapa liter")

    assert not browser.visible("#q-oxygen_at_home")
    assert not browser.visible("#q-devices_owned")
    browser.tap("#q-shortness_of_breath")  # ticked in the symptom checklist: a yes
    assert browser.visible("#q-oxygen_at_home")
    browser.type("#q-oxygen_at_home", "3")
    assert browser.visible("#q-devices_owned")  # its condition holds: oxygen_at_home equals 3
    browser.tap("#q-devices_owned-1")
    browser.tap("#q-shortness_of_breath")  # unticked again
    # Hiding oxygen_at_home hides what depended on it too, although the 3 is still typed in its field.
    assert not browser.visible("#q-oxygen_at_home")
    assert not browser.visible("#q-devices_owned")

    browser.choose("#region", "13.71")
    browser.answer(yes={"fever"}, weight_kg="61.5")
    browser.tap("#submit-answers")
    browser.wait_until(lambda: browser.driver.execute_script("return window.__sent.length") == 1)
    answers = browser.driver.execute_script("return window.__sent[0].answers")
    assert answers["weight_kg"] == 61.5
    assert "oxygen_at_home" not in answers
    assert "devices_owned" not in answers
    # The API does not know weight_kg: its message appears beside that question.
    assert browser.wait("#q-weight_kg-error").text


def test_every_screen_keeps_to_the_server_and_the_content_security_policy(server: Server, browser: Browser) -> None:
    browser.open()
    for screen in SCREENS:
        browser.go(screen)
        browser.wait("main h1")
        browser.wait_until(lambda: "Memuat" not in browser.texts("main")[0])
    urls = browser.all_request_urls()
    fetched = [url for url in urls if not url.startswith("data:")]  # data: URLs are the browser's own images
    assert fetched
    assert all(url.startswith(server.base + "/") for url in fetched), fetched
    assert browser.problems() == []


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_fits_360_px_with_labelled_inputs_and_44_px_targets(
    server: Server, browser: Browser, lang: str
) -> None:
    browser.open()
    browser.keep("lang", lang)
    browser.driver.refresh()
    for screen in [*SCREENS, "#/q/risk-workplace"]:
        browser.go(screen)
        browser.wait("main h1")
        browser.wait_until(lambda: "Memuat" not in browser.texts("main")[0])
        width = browser.driver.execute_script("return document.documentElement.scrollWidth")
        assert width <= 360, (screen, width)
        unlabelled = browser.driver.execute_script(
            "return [...document.querySelectorAll('input, select, textarea')]"
            ".filter((e) => !e.labels.length && !e.getAttribute('aria-label')).map((e) => e.id || e.name);"
        )
        assert unlabelled == [], screen
        small = browser.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].filter((e) => e.getClientRects().length)"
            ".map((e) => [e.id || e.className || e.textContent.trim().slice(0, 30), e.getBoundingClientRect()])"
            ".filter(([, r]) => r.height < 44 || r.width < 44).map(([name, r]) => `${name} ${r.width}x${r.height}`);",
            TARGETS,
        )
        assert small == [], screen
        assert browser.html_lang() == lang


def test_keyboard_focus_is_always_visible(server: Server, browser: Browser) -> None:
    browser.open()
    styles = browser.driver.execute_script(
        "const seen = [];"
        "for (const e of document.querySelectorAll('a[href], button, input, select')) {"
        "  if (!e.getClientRects().length) continue;"
        "  e.focus({ focusVisible: true });"
        "  const s = getComputedStyle(e);"
        "  seen.push([e.id || e.textContent.trim().slice(0, 20), s.outlineStyle, s.outlineWidth]); }"
        "return seen;"
    )
    assert styles
    assert all(style != "none" and width != "0px" for _, style, width in styles), styles
