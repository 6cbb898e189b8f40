"""The Satgas console in a real browser: sign in, see a new alert arrive without reloading and wake the officer,
act on its card, resolve it with a chosen outcome."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from flask import Flask
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.wait import WebDriverWait

from scripts.live import request, running_server
from tests.dashboard.conftest import needs_browser
from tests.factories import PASSWORD, device_headers, staff, staff_headers

pytestmark = [pytest.mark.browser, needs_browser]


@pytest.fixture
def site(app: Flask, database_url: str) -> Iterator[tuple[str, int]]:
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    with running_server(database_url, workers=2, STREAM_MAX_SECONDS="20") as address:
        yield address


def sign_in(browser: Any, base: str) -> None:
    browser.driver.get(base + "/satgas")
    browser.wait_for_element("#login-username").send_keys("satgas-padang")
    browser.find_element("#login-password").send_keys(PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_contains_text("#alert-queue", "Tidak ada peringatan", timeout=10)


def test_a_responder_sees_a_new_alert_live_and_claims_it(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    base = f"http://{host}:{port}"
    sign_in(dash_br, base)

    body = {"category": "breathing", "region": "13.71", "phone": "0812 0000 1111", "note": "ibu sesak napas"}
    status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    assert status == 201
    # The console's timer refreshes every 10 s; seeing the alert sooner proves the live stream delivered it.
    dash_br.wait_for_contains_text("#alert-queue", "ibu sesak napas", timeout=6)
    dash_br.wait_for_contains_text(f"#alert-{alert['id']}", "Baru", timeout=2)

    claim = dash_br.find_element(f"#alert-{alert['id']} .alert-actions button")
    assert claim.text == "Ambil"
    claim.click()
    dash_br.wait_for_contains_text("#action-message", "Berhasil", timeout=6)
    dash_br.wait_for_contains_text(f"#alert-{alert['id']}", "Diambil", timeout=6)

    _, seen = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=staff_headers("satgas_provinsi"))
    assert (seen["status"], seen["acknowledged_by"]) == ("acknowledged", "satgas-padang")


def test_a_claim_is_confirmed_though_a_new_alert_redraws_the_queue_while_it_is_on_its_way(
    dash_br: Any, site: tuple[str, int], database_url: str
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite has one writer: the new alert would wait for the held claim")
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    first = {"category": "medical", "region": "13.71", "note": "demam tinggi"}
    _, alert = request(host, port, "POST", "/api/v1/alerts", first, device_headers())
    claim = dash_br.wait_for_element(f"#alert-{alert['id']} .alert-actions button", timeout=12)
    # Another transaction holds the alert's row, so the claim waits on the server until the block ends (a few
    # seconds at most: the server's statement timeout is 10 s).
    with psycopg.connect(database_url.replace("postgresql+psycopg://", "postgresql://", 1)) as holder:
        holder.execute("SELECT id FROM alerts WHERE id = %s FOR UPDATE", (alert["id"],))
        claim.click()
        # Meanwhile another resident's alert comes in on the live stream and its card is put in the queue.
        second = {"category": "breathing", "region": "13.71", "note": "sesak napas"}
        status, other = request(host, port, "POST", "/api/v1/alerts", second, device_headers())
        assert status == 201
        dash_br.wait_for_element(f"#alert-{other['id']}", timeout=6)
        holder.rollback()
    dash_br.wait_for_contains_text("#action-message", "Berhasil", timeout=10)
    dash_br.wait_for_contains_text(f"#alert-{alert['id']}", "Diambil", timeout=6)
    _, seen = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=staff_headers("satgas_provinsi"))
    assert (seen["status"], seen["acknowledged_by"]) == ("acknowledged", "satgas-padang")


def test_a_wrong_password_is_refused_with_a_message(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    dash_br.driver.get(f"http://{host}:{port}/satgas")
    dash_br.wait_for_element("#login-username").send_keys("satgas-padang")
    dash_br.find_element("#login-password").send_keys("not-the-password")
    dash_br.find_element("#login-submit").click()
    dash_br.wait_for_contains_text(".login", "Wrong username or password", timeout=10)


def until(browser: Any, condition: Any, timeout: float = 6) -> Any:
    return WebDriverWait(browser.driver, timeout, poll_frequency=0.1).until(lambda _driver: condition())


def alarm(browser: Any) -> tuple[str | None, int]:
    panel = browser.find_element("#console-alarm")
    return panel.get_attribute("data-state"), int(panel.get_attribute("data-rings") or 0)


def test_an_alert_from_the_stream_sounds_the_alarm_and_counts_in_the_title(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    dash_br.find_element("#alarm-enable").click()
    # Only the live stream may deliver the alert in this test: the periodic refresh is switched off.
    dash_br.driver.execute_script("window.dash_clientside.set_props('console-tick', {disabled: true});")
    until(dash_br, lambda: alarm(dash_br)[0] == "quiet")
    assert dash_br.driver.title == "Konsol Satgas"
    rings_before = alarm(dash_br)[1]

    body = {
        "category": "medical",
        "region": "13.71",
        "phone": "0812 0000 2222",
        "lat": -0.95,
        "lon": 100.36,
        "accuracy_m": 30,
    }
    status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    assert status == 201
    until(dash_br, lambda: dash_br.driver.title == "(1) Konsol Satgas")
    until(dash_br, lambda: alarm(dash_br)[0] == "ringing")
    assert alarm(dash_br)[1] > rings_before
    assert "belum diambil" in dash_br.find_element("#alarm-status").text

    card = f"#alert-{alert['id']}"
    assert dash_br.find_element(f"{card} a.tel").get_attribute("href") == "tel:081200002222"
    assert dash_br.find_element(f"{card} a.maps").get_attribute("href").startswith("https://")
    assert dash_br.find_element(f"{card} a.geo").get_attribute("href") == "geo:-0.950000,100.360000"
    assert "± 30 m" in dash_br.find_element(f"{card} .alert-location").text

    dash_br.find_element("#alarm-mute").click()
    until(dash_br, lambda: alarm(dash_br)[0] == "muted")
    dash_br.find_element("#alarm-mute").click()
    dash_br.find_element(f"{card} .alert-actions button").click()
    until(dash_br, lambda: dash_br.driver.title == "Konsol Satgas")
    assert alarm(dash_br)[0] == "quiet"


def card_order(browser: Any) -> list[str]:
    # Read in one script: the list is redrawn while the test waits for it.
    found: list[str] = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('#alert-list > li.alert-card')).map(card => card.id);"
    )
    return found


def test_live_events_place_cards_in_queue_order_move_claimed_ones_and_take_closed_ones_out(
    dash_br: Any, site: tuple[str, int]
) -> None:
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    # Only the live stream moves the cards here: the periodic refresh is switched off.
    dash_br.driver.execute_script("window.dash_clientside.set_props('console-tick', {disabled: true});")
    ids = {}
    for category in ("other", "breathing", "medical"):
        status, alert = request(
            host, port, "POST", "/api/v1/alerts", {"category": category, "region": "13.71"}, device_headers()
        )
        assert status == 201
        ids[category] = f"alert-{alert['id']}"
    expected = [ids["breathing"], ids["medical"], ids["other"]]
    until(dash_br, lambda: card_order(dash_br) == expected)
    until(dash_br, lambda: dash_br.driver.title == "(3) Konsol Satgas")

    officer = staff_headers("satgas_provinsi")
    breathing = ids["breathing"].removeprefix("alert-")
    assert request(host, port, "POST", f"/api/v1/alerts/{breathing}/claim", {}, officer)[0] == 200
    until(dash_br, lambda: card_order(dash_br) == [ids["medical"], ids["other"], ids["breathing"]])
    until(dash_br, lambda: dash_br.driver.title == "(2) Konsol Satgas")
    resolved = {"outcome": "helped"}
    assert request(host, port, "POST", f"/api/v1/alerts/{breathing}/resolve", resolved, officer)[0] == 200
    until(dash_br, lambda: card_order(dash_br) == [ids["medical"], ids["other"]])


def test_resolving_needs_a_chosen_outcome_and_a_confirmation_then_the_alert_is_history(
    dash_br: Any, site: tuple[str, int]
) -> None:
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    body = {"category": "other", "region": "13.71", "note": "pintu terkunci"}
    _, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    card = f"#alert-{alert['id']}"
    dash_br.wait_for_element(f"{card} .alert-actions button", timeout=12).click()
    dash_br.wait_for_contains_text(f"{card}", "Diambil", timeout=6)
    resolve = f"{card} .alert-actions > button:last-of-type"
    dash_br.wait_for_text_to_equal(resolve, "Selesaikan", timeout=6)
    assert dash_br.driver.find_elements("css selector", f"{card} .outcome input:checked") == []
    dash_br.find_element(resolve).click()
    dash_br.wait_for_contains_text("#action-message", "Pilih hasil", timeout=6)

    dash_br.driver.find_elements("css selector", f"{card} .outcome label")[1].click()  # referred
    dash_br.find_element(resolve).click()
    confirm = until(dash_br, lambda: _open_dialog(dash_br))
    assert "Dirujuk" in confirm.text
    confirm.accept()
    dash_br.wait_for_contains_text("#action-message", "Berhasil", timeout=6)
    _, seen = request(host, port, "GET", f"/api/v1/alerts/{alert['id']}", headers=staff_headers("satgas_provinsi"))
    assert (seen["status"], seen["outcome"]) == ("resolved", "referred")

    dash_br.find_element("#queue-tabs .tab:nth-child(2)").click()
    dash_br.wait_for_contains_text(card, "Hasil: Dirujuk", timeout=6)


def _open_dialog(browser: Any) -> Any:
    try:
        return browser.driver.switch_to.alert
    except Exception:
        return None


def severe_messages(browser: Any) -> list[str]:
    return [entry["message"] for entry in browser.driver.get_log("browser") if entry["level"] == "SEVERE"]


def test_the_map_draws_the_boundaries_offline_and_a_marker_selects_its_card(
    dash_br: Any, site: tuple[str, int]
) -> None:
    host, port = site
    body = {"category": "breathing", "region": "13.71", "lat": -0.93, "lon": 100.37, "accuracy_m": 15}
    _, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    sign_in_with_alerts(dash_br, f"http://{host}:{port}")
    # The kabupaten/kota are drawn as SVG shapes (no tiles, no WebGL: the browser has no network and no GPU).
    dash_br.wait_for_element("#alert-map .choroplethlayer path", timeout=10)
    assert len(dash_br.find_elements("#alert-map .choroplethlayer path")) >= 19
    assert dash_br.find_elements("#alert-map canvas") == []
    marker = dash_br.wait_for_element("#alert-map .scattergeo path.point", timeout=10)
    ActionChains(dash_br.driver).move_to_element(marker).pause(0.3).click().perform()
    until(dash_br, lambda: "selected" in dash_br.find_element(f"#alert-{alert['id']}").get_attribute("class"))
    # A public page after the console: no callback of the console fires there.
    dash_br.driver.get(f"http://{host}:{port}/")
    dash_br.wait_for_element("#nav a", timeout=10)
    dash_br.driver.get(f"http://{host}:{port}/satgas")
    dash_br.wait_for_element("#alert-map .choroplethlayer path", timeout=10)
    assert severe_messages(dash_br) == []


def sign_in_with_alerts(browser: Any, base: str) -> None:
    browser.driver.get(base + "/satgas")
    browser.wait_for_element("#login-username").send_keys("satgas-padang")
    browser.find_element("#login-password").send_keys(PASSWORD)
    browser.find_element("#login-submit").click()
    browser.wait_for_element(".alert-card", timeout=10)


def test_a_press_from_outside_the_province_is_marked_on_the_officers_card(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    body = {"category": "medical", "region": "13.71", "lat": -6.2, "lon": 106.8}  # Jakarta, declared Padang
    status, alert = request(host, port, "POST", "/api/v1/alerts", body, device_headers())
    assert status == 201
    card = f"#alert-{alert['id']}"
    dash_br.wait_for_contains_text(card, "Lokasi di luar Sumatera Barat", timeout=12)
    assert "Dialihkan ke antrean" in dash_br.find_element(card).text


def test_a_console_that_cannot_sound_yet_says_so_until_the_page_is_clicked(dash_br: Any, site: tuple[str, int]) -> None:
    host, port = site
    sign_in(dash_br, f"http://{host}:{port}")
    banner = dash_br.find_element("#sound-off")
    until(dash_br, lambda: banner.is_displayed())
    assert "Suara belum aktif — ketuk di mana saja untuk menyalakannya" in banner.text
    assert "aktifkan notifikasi ponsel" in banner.text  # the way to be woken with the page closed
    dash_br.find_element("#console-title").click()  # anywhere on the page, not the enable button
    until(dash_br, lambda: not dash_br.find_element("#sound-off").is_displayed())
