"""The app shows what the API's replies carry: the privacy notice, my data, and the fields added for residents."""

from __future__ import annotations

import json
import re
import uuid

import pytest
import sqlalchemy as sa
from flask import Flask

from api.extensions import db
from api.models import ScreeningResponse
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, screen_as_suspect, settle

pytestmark = [pytest.mark.browser, needs_browser]
CODE = r"^[a-z0-9_:]+$"  # a reason code such as spo2_at_most_94, which a resident should never have to read


def test_the_privacy_notice_comes_from_the_api_in_the_chosen_language_and_its_version_is_recorded(
    server: Server, browser: Browser
) -> None:
    browser.open()
    browser.device_headers()  # registered
    status, notice = server.api("GET", "/api/v1/privacy?lang=id")
    assert status == 200
    registration = json.loads(browser.requests("POST", "/api/v1/devices")[-1]["body"])
    assert registration["privacy_notice_version"] == notice["version"]
    browser.tap("#privacy-link")
    browser.wait_text("main h1", notice["title"])
    for section in notice["sections"]:
        assert section["heading"] in browser.texts("main")[0]
    browser.tap("#lang-switch")
    _, english = server.api("GET", "/api/v1/privacy?lang=en")
    browser.wait_text("main h1", english["title"])


def test_my_data_lists_downloads_and_erases_everything_this_device_left(
    app: Flask, server: Server, browser: Browser
) -> None:
    browser.open()
    device = browser.device_headers()
    device_id = uuid.UUID(browser.stored("device")["id"])
    screen_as_suspect(browser)
    browser.go("#/data")
    browser.wait("#server-summary")
    status, data = server.api("GET", "/api/v1/devices/me/data", headers=device)
    assert status == 200
    # The download is the server's export as it came, offered as a JSON file.
    assert json.loads(browser.find("#server-json").get_attribute("textContent")) == data
    download = browser.find("#download-data")
    assert download.get_attribute("href").startswith("blob:")
    assert download.get_attribute("download").endswith(".json")
    assert "Kota Padang" in browser.texts("#on-phone")[0]  # what the phone itself keeps is listed too

    browser.tap("#delete-all")
    browser.tap("#delete-all-yes")
    browser.wait("#data-deleted")
    assert browser.stored("token") is None
    assert browser.stored("results") is None
    assert server.api("GET", "/api/v1/devices/me/data", headers=device)[0] == 401  # the token no longer works
    assert db.session.scalars(sa.select(ScreeningResponse).where(ScreeningResponse.device_id == device_id)).all() == []


def test_the_call_screen_shows_the_replys_message_numbers_and_expected_minutes(
    server: Server, browser: Browser
) -> None:
    browser.open()
    browser.hold("#panic-button", 2.0)
    browser.wait('#alert-steps [data-step="sent"].done')
    reply = browser.stored("alert")
    assert reply["message"]
    assert reply["hotlines"]
    assert reply["expected_response_minutes"]
    assert browser.texts("#alert-message") == [reply["message"]]
    numbers = browser.texts("#alert-status .tel-link strong")
    assert numbers == [line["number"] for line in reply["hotlines"]]
    browser.wait_text("#alert-status", f"{reply['expected_response_minutes']} menit")
    settle(4)  # after the status has been read again, the message is still there
    assert browser.texts("#alert-message") == [reply["message"]]


def test_a_checkin_reply_shows_its_reasons_in_words_and_its_numbers(server: Server, browser: Browser) -> None:
    browser.open()
    isolate(browser, server)
    browser.open("/app#/checkin")
    browser.type("#spo2", "92")
    browser.tap("#send-checkin")
    browser.wait('#triage[data-triage="urgent"]')
    reasons = browser.texts("#triage .reasons li")
    assert reasons
    assert all(text.strip() and not re.match(CODE, text) for text in reasons)
    assert browser.find_all("#triage .tel-link")


def test_a_result_shows_the_regions_situation_and_the_reasons_in_words(server: Server, browser: Browser) -> None:
    browser.open()
    screen_as_suspect(browser)
    situation = browser.wait_text("#region-situation", "Kota Padang")
    assert "Tingkat penularan" in situation
    reasons = browser.texts("#reasons li")
    assert reasons
    assert all(text.strip() and not re.match(CODE, text) for text in reasons)


def test_every_section_has_its_title_and_the_last_contact_date_is_asked_only_after_a_contact(
    server: Server, browser: Browser
) -> None:
    browser.open("/app#/q/self-screening")
    browser.wait("#questionnaire")
    sections = browser.find_all(".q-section")
    assert sections
    assert all(section.find_elements("css selector", "h2") for section in sections)
    assert not browser.visible("#q-last_contact_date")
    browser.tap("#q-contact_with_case-yes")
    assert browser.visible("#q-last_contact_date")
    browser.set_value("#q-last_contact_date", "2020-01-01")
    browser.tap("#q-contact_with_case-no")
    assert not browser.visible("#q-last_contact_date")
    browser.choose("#region", "13.71")
    browser.answer(yes={"cough"})
    browser.tap("#submit-answers")
    browser.wait("#result")  # accepted: the hidden date was not sent
    sent = json.loads(browser.requests("POST", "/api/v1/questionnaires/self-screening/responses")[-1]["body"])
    assert "last_contact_date" not in sent["answers"]
    assert sent["answers"]["contact_with_case"] is False
