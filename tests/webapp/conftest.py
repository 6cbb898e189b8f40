"""Chromium for the residents' app: headless, phone-sized, off the network, watching for policy violations."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select, WebDriverWait

from api.clock import local_zone
from scripts.live import request, running_server
from tests.dashboard.conftest import CHROMIUM, needs_browser
from tests.database import app, client, database_url, quick_password_hashing, runner  # noqa: F401  (fixtures for these tests)

__all__ = [
    "Browser",
    "Server",
    "app",
    "client",
    "database_url",
    "isolate",
    "needs_browser",
    "runner",
    "screen_as_suspect",
    "wib",
]

PHONE = {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": True}
PADANG = {"latitude": -0.9471, "longitude": 100.4172, "accuracy": 25}
# Recorded from the first script of every page: a blocked inline script or style, or an error nobody caught.
WATCH_PROBLEMS = """
window.__problems = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__problems.push(`policy: ${e.violatedDirective} ${e.blockedURI}`));
window.addEventListener('error', (e) => window.__problems.push(`error: ${e.message}`));
window.addEventListener('unhandledrejection',
  (e) => window.__problems.push(`unhandled: ${e.reason && e.reason.message || e.reason}`));
"""


def chromium() -> webdriver.Chrome:
    options = Options()
    options.binary_location = CHROMIUM or "chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        # Nothing but the test server answers: a request elsewhere fails instead of leaving the machine.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "chromedriver"), options=options)


def wib(iso: str, lang: str = "id") -> str:
    """The time in the province's time zone as the app writes it: HH.MM in Indonesian, HH:MM in English."""
    moment = dt.datetime.fromisoformat(iso).astimezone(local_zone())
    return moment.strftime("%H:%M" if lang == "en" else "%H.%M")


@dataclass(frozen=True)
class Server:
    host: str
    port: int

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def api(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
        return request(self.host, self.port, method, path, body, headers)


@dataclass
class Browser:
    driver: webdriver.Chrome
    server: Server
    log: list[dict[str, Any]] = field(default_factory=list)

    def open(self, path: str = "/app") -> None:
        self.driver.get(self.server.base + path)
        if path.startswith("/app"):
            self.wait("main h1")

    def go(self, route: str) -> None:
        """Follow an in-app link (#/...), as tapping one does."""
        self.driver.execute_script("location.hash = arguments[0]", route)

    def find(self, css: str) -> WebElement:
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str) -> list[WebElement]:
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def wait(self, css: str, timeout: float = 10) -> WebElement:
        return WebDriverWait(self.driver, timeout).until(lambda d: d.find_element(By.CSS_SELECTOR, css))

    def wait_until(self, condition: Callable[[], Any], timeout: float = 10, message: str = "") -> Any:
        return WebDriverWait(self.driver, timeout).until(lambda _: condition(), message)

    def texts(self, css: str) -> list[str]:
        """The text of every match, read in one go (screens that redraw leave no stale element behind)."""
        found = self.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.innerText)", css
        )
        return [str(text) for text in found]

    def attributes(self, css: str, name: str) -> list[str | None]:
        """One attribute of every match, read in one go like texts()."""
        script = "return [...document.querySelectorAll(arguments[0])].map((e) => e.getAttribute(arguments[1]));"
        return list(self.driver.execute_script(script, css, name))

    def wait_text(self, css: str, text: str, timeout: float = 10) -> str:
        return str(
            self.wait_until(
                lambda: next((t for t in self.texts(css) if text in t), None), timeout, f"{text!r} in {css}"
            )
        )

    def tap(self, css: str) -> None:
        # A screen may be redrawn between finding the target and tapping it (fresh data came in): find it again.
        for attempt in range(3):
            element = self.wait(css)
            # The header stays on top while scrolling; bring the target to the middle of the screen first.
            try:
                self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                element.click()
                return
            except StaleElementReferenceException:
                if attempt == 2:
                    raise

    def type(self, css: str, text: str) -> None:
        element = self.wait(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.clear()
        element.send_keys(text)

    def choose(self, css: str, value: str) -> None:
        Select(self.wait(css)).select_by_value(value)

    def hold(self, css: str, seconds: float) -> None:
        element = self.wait(css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        ActionChains(self.driver).click_and_hold(element).pause(seconds).release().perform()

    def answer(self, yes: set[str], **values: str) -> None:
        """Every yes/no question on screen answered (yes for the keys given: ticked in a checklist, the rest
        left unticked, or "none" when none of its keys is given), and the other fields filled."""
        for checklist in self.find_all("fieldset.field-checklist"):
            if not checklist.is_displayed():
                continue
            boxes = checklist.find_elements(By.CSS_SELECTOR, "[data-key]")
            keys = [str(box.get_attribute("data-key")) for box in boxes]
            for key in [key for key in keys if key in yes] or [None]:
                self.tap(f"#q-{key}" if key else f"#checklist-{checklist.get_attribute('data-checklist')}-none")
        for fieldset in self.find_all("fieldset.field-boolean"):
            if fieldset.is_displayed():
                key = fieldset.get_attribute("data-key")
                self.tap(f"#q-{key}-{'yes' if key in yes else 'no'}")
        for key, value in values.items():
            self.type(f"#q-{key}", value)

    def set_value(self, css: str, value: str) -> None:
        """Fill a field the way a picker does (a date input's typing order depends on the browser's locale)."""
        self.driver.execute_script(
            "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            self.wait(css),
            value,
        )

    def visible(self, css: str) -> bool:
        script = "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0;"
        return bool(self.driver.execute_script(script, css))

    def stored(self, key: str) -> Any:
        raw = self.driver.execute_script("return localStorage.getItem(arguments[0])", f"sumbar.{key}")
        return json.loads(raw) if raw is not None else None

    def keep(self, key: str, value: Any) -> None:
        """Put a value where the app keeps it on the phone."""
        self.driver.execute_script(
            "localStorage.setItem(arguments[0], JSON.stringify(arguments[1]))", f"sumbar.{key}", value
        )

    def device_headers(self) -> dict[str, str]:
        token = self.wait_until(lambda: self.stored("token"), message="device token")
        return {"Authorization": f"Bearer {token}"}

    def html_lang(self) -> str:
        return str(self.driver.execute_script("return document.documentElement.lang"))

    def offline(self, cut: bool) -> None:
        self.driver.execute_cdp_cmd(
            "Network.emulateNetworkConditions",
            {"offline": cut, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )

    def requests(self, method: str, path: str) -> list[dict[str, Any]]:
        """Requests to `path` the page sent (even those that failed), oldest first: {url, headers, body}."""
        self.log += self.driver.get_log("performance")
        sent = []
        for entry in self.log:
            message = json.loads(entry["message"])["message"]
            if message["method"] != "Network.requestWillBeSent":
                continue
            req = message["params"]["request"]
            if req["method"] == method and urlsplit(req["url"]).path == path:
                sent.append({"url": req["url"], "headers": req["headers"], "body": req.get("postData")})
        return sent

    def all_request_urls(self) -> list[str]:
        self.log += self.driver.get_log("performance")
        return [
            json.loads(e["message"])["message"]["params"]["request"]["url"]
            for e in self.log
            if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"
        ]

    def problems(self) -> list[str]:
        return list(self.driver.execute_script("return window.__problems || []"))

    def run_module(self, script: str) -> Any:
        """Run `script` (with `done(value)` to answer) where the app's modules can be imported."""
        return self.driver.execute_async_script(f"const done = arguments[0]; (async () => {{ {script} }})();")


def screen_as_suspect(browser: Browser) -> None:
    """From the home screen: the self-screening answered so that the result is 'suspect' in Kota Padang."""
    browser.tap('#questionnaire-list a[data-id="self-screening"]')
    browser.wait("#questionnaire")
    browser.choose("#region", "13.71")
    browser.answer(yes={"fever", "cough", "contact_with_case"})
    browser.tap("#submit-answers")
    browser.wait('#result[data-category="suspect"]')


def isolate(browser: Browser, server: Server, region: str = "13.71") -> str:
    """A home-isolation episode of the app's own device, started through the API, then known to the app."""
    today = dt.datetime.now(local_zone()).date().isoformat()
    body = {"reason": "close_contact", "start_date": today, "region": region}
    status, episode = server.api("POST", "/api/v1/isolations", body, browser.device_headers())
    assert status == 201, episode
    browser.keep("episodeId", episode["id"])
    return str(episode["id"])


def new_browser(server: Server, geolocation: dict[str, float] | None = PADANG) -> Browser:
    driver = chromium()
    driver.set_script_timeout(20)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_PROBLEMS})
    if geolocation:
        driver.execute_cdp_cmd("Browser.grantPermissions", {"origin": server.base, "permissions": ["geolocation"]})
        driver.execute_cdp_cmd("Emulation.setGeolocationOverride", geolocation)
    return Browser(driver, server)


@pytest.fixture(scope="module")
def server(database_url: str) -> Iterator[Server]:
    """One server for every test of a module; each test brings its own browser (and so its own device)."""
    with running_server(database_url, workers=2) as (host, port):
        yield Server(host, port)


@pytest.fixture
def browser(server: Server) -> Iterator[Browser]:
    opened = new_browser(server)
    try:
        yield opened
    finally:
        opened.driver.quit()


def settle(seconds: float = 0.3) -> None:
    """A short pause where a test must show that something does NOT happen."""
    time.sleep(seconds)
