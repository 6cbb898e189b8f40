"""Without a network: check-ins wait on the phone and are stored once later; the app opens from its service worker."""

from __future__ import annotations

import json
import socket

import pytest

from scripts.live import running_server
from tests.webapp.conftest import Browser, Server, isolate, needs_browser, new_browser

pytestmark = [pytest.mark.browser, needs_browser]

QUEUE = "const queue = await import('/app/static/js/queue.js');"


def badge(browser: Browser) -> tuple[str, str]:
    element = browser.find("#queue-badge")
    return str(element.get_attribute("data-count")), element.text if element.is_displayed() else ""


def test_checkins_made_offline_wait_on_the_phone_and_are_stored_once_when_the_network_returns(
    server: Server, browser: Browser
) -> None:
    browser.open()
    episode = isolate(browser, server)
    device = browser.device_headers()
    browser.open("/app#/checkin")
    browser.offline(True)
    for count, spo2 in enumerate(("97", "96"), start=1):
        browser.type("#spo2", spo2)
        browser.tap("#send-checkin")
        browser.wait_until(lambda n=count: badge(browser) == (str(n), f"Menunggu dikirim ({n})"))  # type: ignore[misc]
    assert "Laporan disimpan di ponsel" in browser.texts("#checkin-queued")[0]
    waiting = browser.run_module(f"{QUEUE} done(await queue.all());")
    assert [entry["checkin"]["spo2"] for entry in waiting] == [97, 96]
    for entry in waiting:
        assert entry["checkin"]["client_id"] == entry["client_id"]
        assert entry["checkin"]["measured_at"]
    assert server.api("GET", f"/api/v1/isolations/{episode}", headers=device)[1]["history"] == []

    browser.offline(False)  # the browser says "online"; the app sends the queue without being asked
    browser.wait_until(lambda: badge(browser)[0] == "0", timeout=15)
    assert not browser.visible("#queue-badge")  # nothing waits: nothing to say, even during home isolation
    browser.wait('#triage[data-triage="stable"]')  # a result drawn when the answer came, without a tap
    assert not browser.find_all("#checkin-queued")
    history = server.api("GET", f"/api/v1/isolations/{episode}", headers=device)[1]["history"]
    assert sorted(c["client_id"] for c in history) == sorted(e["client_id"] for e in waiting)
    assert sorted(c["spo2"] for c in history) == [96, 97]
    # The whole queue in one request: to /checkins/batch, or to /checkins on a server without it.
    lists = [
        json.loads(sent["body"])
        for path in (f"/api/v1/isolations/{episode}/checkins/batch", f"/api/v1/isolations/{episode}/checkins")
        for sent in browser.requests("POST", path)
        if sent["body"].startswith("[")
    ]
    assert [sorted(c["client_id"] for c in body) for body in lists][-1] == sorted(e["client_id"] for e in waiting)

    # A reply lost on the way means the same check-ins are sent again: stored once all the same.
    replay = browser.run_module(
        f"{QUEUE} const sync = await import('/app/static/js/sync.js');"
        f"for (const entry of {json.dumps(waiting)}) await queue.add(entry);"
        "const outcome = await sync.flush();"
        "done({error: outcome.error && String(outcome.error), left: (await queue.all()).length,"
        " duplicates: [...outcome.replies.values()].map((c) => c.duplicate)});"
    )
    assert replay == {"error": None, "left": 0, "duplicates": [True, True]}
    assert len(server.api("GET", f"/api/v1/isolations/{episode}", headers=device)[1]["history"]) == 2
    assert browser.problems() == []


def refused(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_the_app_opens_from_its_service_worker_once_the_server_is_gone(database_url: str) -> None:
    with running_server(database_url, workers=1) as (host, port):
        browser = new_browser(Server(host, port), geolocation=None)
        try:
            browser.open()
            browser.wait_until(lambda: browser.driver.execute_script("return !!navigator.serviceWorker.controller"))
            cached = browser.run_module(
                "const name = (await caches.keys()).find((key) => key.startsWith('sumbar-app-'));"
                "const cache = await caches.open(name);"
                "done((await cache.keys()).map((request) => new URL(request.url).pathname));"
            )
            assert {"/app/", "/app/static/js/main.js", "/app/static/app.css"} <= set(cached)
        except BaseException:
            browser.driver.quit()
            raise
    try:
        assert refused(port)
        browser.offline(True)
        browser.driver.get_log("performance")  # forget the first visit's requests
        browser.driver.get(f"http://{host}:{port}/app")
        panic = browser.wait("#panic-button")
        assert panic.is_displayed()
        assert panic.is_enabled()
        responses = [json.loads(e["message"])["message"] for e in browser.driver.get_log("performance")]
        pages = [
            m["params"]["response"]
            for m in responses
            if m["method"] == "Network.responseReceived"
            and m["params"]["type"] in ("Document", "Script", "Stylesheet")
            and m["params"]["response"]["url"].startswith("http")
        ]
        assert pages
        assert all(r["fromServiceWorker"] for r in pages), [(r["url"], r["fromServiceWorker"]) for r in pages]
        browser.go("#/checkin")  # other screens open too, and say what they need
        browser.wait_text("main", "Belum ada isolasi mandiri")
        assert browser.problems() == []
    finally:
        browser.driver.quit()
