"""Every server callback, including the console's, sent values no page sends: never a server error."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest
from dash import get_app
from flask import Flask
from flask.testing import FlaskClient

from dashboard.app import init_dashboard
from tests.factories import PASSWORD, device_headers, staff, staff_headers
from tests.module_app import module_app

__all__ = ["module_app"]
ORIGIN = {"Origin": "http://localhost"}
# A value of every shape a crafted request can carry where a page sends a word, a number or an id.
JUNK: list[Any] = [
    None,
    "",
    "not-a-uuid",
    -1,
    10**30,
    1.5,
    True,
    {"a": 1},
    ["a"],
    "00000000-0000-0000-0000-000000000000",
]


@pytest.fixture(scope="module")
def console(module_app: Flask) -> FlaskClient:
    """A signed-in provincial officer with one open alert on the queue, so console callbacks run for real."""
    init_dashboard(module_app)
    client = module_app.test_client()
    staff("satgas_provinsi", username="sweep-officer")
    signed_in = client.post("/satgas/login", data={"username": "sweep-officer", "password": PASSWORD}, headers=ORIGIN)
    assert signed_in.status_code == 303
    press = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    assert press.status_code == 201
    client.get("/_dash-dependencies")  # Dash collects the callbacks on its first request
    return client


def _dependency(dep: dict[str, str], value: Any) -> Any:
    ident = dep["id"]
    if ident.startswith("{"):  # a pattern-matching input: one component whose id parts are junk too
        pattern = json.loads(ident)
        concrete = {key: part if isinstance(part, str) else value for key, part in pattern.items()}
        return [{"id": concrete, "property": dep["property"], "value": value}]
    return {"id": ident, "property": dep["property"], "value": value}


def _output(output: Any) -> dict[str, Any]:
    return {"id": output.component_id, "property": output.component_property}


def crafted_requests() -> list[tuple[str, dict[str, Any]]]:
    requests = []
    for key, spec in get_app().callback_map.items():
        if "callback" not in spec:
            continue
        declared = spec["output"]
        outputs = [_output(o) for o in declared] if isinstance(declared, list) else _output(declared)
        for value in JUNK:
            inputs = [_dependency(d, value) for d in spec["inputs"]]
            first = spec["inputs"][0]
            requests.append(
                (
                    key,
                    {
                        "output": key,
                        "outputs": outputs,
                        "inputs": inputs,
                        "state": [_dependency(d, value) for d in spec["state"]],
                        "changedPropIds": [f"{first['id']}.{first['property']}"],
                    },
                )
            )
    return requests


# Every action a list's buttons carry (dashboard/click_relay.py): a crafted click names one of them.
ACTIONS = ("claim", "dispatch", "resolve", "note", "contacted", "close")


def _relayed_buttons() -> dict[str, dict[str, Any]]:
    """Each click store's button pattern, from the browser-side relay that fills it: {store id: pattern}."""
    relays = {}
    for key, spec in get_app().callback_map.items():
        if "callback" not in spec and key.endswith("-click.data"):
            relays[key.removesuffix(".data")] = json.loads(spec["inputs"][0]["id"])
    return relays


def _concrete(dep: dict[str, str], value: Any) -> Any:
    """A pattern-matching state as one field of the card "x" holding `value`."""
    pattern = json.loads(dep["id"])
    concrete = {key: part if isinstance(part, str) else "x" for key, part in pattern.items()}
    return [{"id": concrete, "property": dep["property"], "value": value}]


def crafted_clicks() -> list[tuple[str, dict[str, Any]]]:
    """Clicks a relay could pass on, of a button "x" with each action, and that card's fields holding junk."""
    relays = _relayed_buttons()
    requests = []
    for key, spec in get_app().callback_map.items():
        first = spec["inputs"][0] if spec.get("inputs") else None
        if "callback" not in spec or first is None or first["id"] not in relays:
            continue
        pattern = relays[first["id"]]
        declared = spec["output"]
        outputs = [_output(o) for o in declared] if isinstance(declared, list) else _output(declared)
        for action, value in itertools.product(ACTIONS, JUNK):
            button = {part: (action if part == "action" else "x") for part in pattern if part != "type"}
            click = {"id": {"type": pattern["type"], **button}, "at": 1}
            inputs = [{"id": first["id"], "property": "data", "value": click}]
            inputs += [_dependency(d, value) for d in spec["inputs"][1:]]
            states = [_concrete(d, value) if d["id"].startswith("{") else _dependency(d, value) for d in spec["state"]]
            body = {"output": key, "outputs": outputs, "inputs": inputs, "state": states}
            requests.append((key, {**body, "changedPropIds": [f"{first['id']}.data"]}))
    return requests


def test_no_callback_answers_crafted_values_with_a_server_error(console: FlaskClient) -> None:
    clicks = crafted_clicks()
    requests = crafted_requests() + clicks
    assert len(clicks) >= 4 * len(ACTIONS) * len(JUNK)  # every relayed list's callback was reached
    assert len(requests) >= 20 * len(JUNK)  # the sweep reached the dashboard's and the console's callbacks
    failures = []
    for key, body in requests:
        reply = console.post("/_dash-update-component", json=body, headers=ORIGIN)
        if reply.status_code >= 500:
            failures.append((key, body["inputs"][0], reply.status_code))
        elif reply.status_code == 400:
            assert reply.get_json()["code"] == 400
    assert failures == []
    # Nothing a crafted request sent changed the alert.
    queue = console.application.test_client().get("/api/v1/alerts?status=open", headers=staff_headers("admin"))
    assert queue.status_code == 200
    assert [a["status"] for a in queue.get_json()] == ["new"]


def test_callbacks_that_run_only_in_the_browser_are_refused(console: FlaskClient) -> None:
    browser_only = [key for key, spec in get_app().callback_map.items() if "callback" not in spec]
    assert browser_only
    for key in browser_only:
        reply = console.post(
            "/_dash-update-component", json={"output": key, "outputs": {}, "inputs": []}, headers=ORIGIN
        )
        assert reply.status_code == 400, key
