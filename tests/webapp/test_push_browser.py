"""Notifications in the residents' app, in Chromium: the reason asked before the permission, and pushes shown by the
app's own service worker, opening the right screen."""

from __future__ import annotations

import json

import pytest

from tests.webapp.conftest import Browser, screen_as_suspect, settle

pytestmark = pytest.mark.browser

NOTIFICATIONS = """
const registration = await navigator.serviceWorker.ready;
done((await registration.getNotifications()).map((n) => ({title: n.title, tag: n.tag, url: n.data.url})));
"""


def ask(browser: Browser) -> None:
    """Headless Chromium refuses notifications unless told to ask, as a phone's browser does."""
    browser.driver.execute_cdp_cmd(
        "Browser.setPermission",
        {"origin": browser.server.base, "permission": {"name": "notifications"}, "setting": "prompt"},
    )


def test_after_starting_isolation_the_app_says_why_before_asking_for_notifications(browser: Browser) -> None:
    browser.open()
    ask(browser)
    screen_as_suspect(browser)
    browser.tap("#start-isolation")
    browser.wait("#isolation-started")
    card = browser.wait("#push-offer")
    assert "laporan harian" in card.text
    assert browser.find("#push-enable").text == "Izinkan notifikasi"


def test_a_push_is_shown_once_by_the_apps_service_worker_with_its_title_and_screen(browser: Browser) -> None:
    browser.open()
    browser.run_module("await navigator.serviceWorker.ready; done(true);")
    browser.driver.execute_cdp_cmd(
        "Browser.grantPermissions", {"origin": browser.server.base, "permissions": ["notifications"]}
    )
    reminder = "Time for your daily isolation check-in"
    title = {"id": "Waktunya laporan isolasi harian", "en": reminder}
    payload = {"kind": "checkin_reminder", "id": 7, "url": "/app#/checkin", "title": title}
    browser.driver.execute_cdp_cmd("ServiceWorker.enable", {})
    for _ in range(2):  # delivered twice (at least once): shown once
        browser.driver.execute_cdp_cmd(
            "ServiceWorker.deliverPushMessage",
            {"origin": browser.server.base + "/", "registrationId": "0", "data": json.dumps(payload)},
        )
    settle()
    # The title in the phone's language (the test browser's is English): the service worker cannot read the app's.
    assert browser.run_module(NOTIFICATIONS) == [
        {"title": "Time for your daily isolation check-in", "tag": "sumbar-7", "url": "/app#/checkin"}
    ]
