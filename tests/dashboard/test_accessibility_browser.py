"""Every public page and the console's sign-in, checked by axe-core in a real browser on demo data, in both
languages and on a phone: no serious or critical violation (one server for the module)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from selenium.webdriver.common.keys import Keys

from scripts.live import running_server
from tests.axe import axe_source
from tests.dashboard.conftest import needs_browser
from tests.module_app import demo_app, module_app

__all__ = ["axe_source", "demo_app", "module_app"]
pytestmark = [pytest.mark.browser, needs_browser]

PAGES = (
    "/",
    "/wilayah",
    "/wilayah/13.71",
    "/peta",
    "/level",
    "/rumah-sakit",
    "/peringatan",
    "/instruksi",
    "/data",
    "/privasi",
    "/satgas",
)
FAILING = ("serious", "critical")
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
    .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                            nodes: v.nodes.map(n => n.target.join(" "))}))))
    .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
"""


@pytest.fixture(scope="module")
def site(demo_app: Flask, database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    cache = str(tmp_path_factory.mktemp("cache"))
    with running_server(database_url, workers=2, CACHE_DIR=cache) as (host, port):
        yield f"http://{host}:{port}"


@pytest.fixture(scope="module")
def instruction_page(demo_app: Flask) -> str:
    first = demo_app.test_client().get("/api/v1/instructions").get_json()[0]
    return f"/instruksi/{first['id']}"


def settled(browser: Any) -> None:
    """Wait until the page's callbacks have answered and its charts are drawn."""
    browser.wait_for_element("#footer a", timeout=20)
    deadline = time.monotonic() + 20
    script = (
        "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length === 0 && "
        "Array.from(document.querySelectorAll('.dash-graph')).every(g => g.querySelector('.main-svg'));"
    )
    while not browser.driver.execute_script(script):
        if time.monotonic() > deadline:
            raise AssertionError("the page did not settle within 20 s")
        time.sleep(0.2)
    time.sleep(0.5)  # the repairs of assets/a11y.js run on the next animation frame


def violations(browser: Any, axe: str) -> list[dict[str, Any]]:
    browser.driver.set_script_timeout(60)
    browser.driver.execute_script(axe)
    found: list[dict[str, Any]] = browser.driver.execute_async_script(RUN_AXE)
    return [v for v in found if v["impact"] in FAILING]


@pytest.mark.parametrize(("lang", "width"), [("id", 1280), ("en", 1280), ("id", 390)])
def test_no_page_has_a_serious_or_critical_accessibility_violation(
    dash_br: Any, site: str, instruction_page: str, axe_source: str, lang: str, width: int
) -> None:
    dash_br.driver.set_window_size(width, 900)
    dash_br.driver.get(site + "/")
    settled(dash_br)
    if lang == "en":
        dash_br.find_elements("#lang-switch input")[1].click()
        dash_br.wait_for_contains_text("#summary-title", "COVID-19 summary", timeout=10)
    found = {}
    for path in (*PAGES, instruction_page):
        dash_br.driver.get(site + path)
        settled(dash_br)
        assert dash_br.driver.execute_script("return document.documentElement.lang") == lang
        problems = violations(dash_br, axe_source)
        if problems:
            found[path] = problems
    assert found == {}


def test_a_dropdown_is_reached_by_tab_and_opens_from_the_keyboard(dash_br: Any, site: str) -> None:
    dash_br.driver.get(site + "/level")
    settled(dash_br)
    button = dash_br.find_element("#levels-week")
    assert button.get_attribute("tabindex") == "0"
    button.send_keys(Keys.ENTER)
    dash_br.wait_for_element(".dash-dropdown-option", timeout=5)
    assert button.get_attribute("aria-expanded") == "true"
