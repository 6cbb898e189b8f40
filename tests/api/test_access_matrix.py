"""Every staff operation against every kind of caller: anonymous, a resident's device, each role, the wrong region."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.factories import device_headers, staff_headers, submit

ANONYMOUS = "anonymous"
DEVICE = "device"
CALLERS = [ANONYMOUS, DEVICE, "admin", "satgas_provinsi", "satgas_kabkota:13.71", "satgas_kabkota:13.06", "editor"]
NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
_numbers = itertools.count(1)

Build = Callable[[FlaskClient], tuple[str, Any]]


def padang_alert(client: FlaskClient, claimed: bool = False) -> str:
    alert = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device_headers())
    alert_id = str(alert.get_json()["id"])
    if claimed:
        client.post(f"/api/v1/alerts/{alert_id}/claim", json={}, headers=staff_headers("satgas_provinsi"))
    return alert_id


def padang_episode(client: FlaskClient, flagged: bool = False) -> str:
    phone = device_headers()
    body = {"reason": "confirmed_symptomatic", "start_date": "2021-07-08", "region": "13.71"}
    episode = str(client.post("/api/v1/isolations", json=body, headers=phone).get_json()["id"])
    if flagged:
        checkin = {"measured_at": "2021-07-10T08:00:00+07:00", "spo2": 93}
        client.post(f"/api/v1/isolations/{episode}/checkins", json=checkin, headers=phone)
    return episode


def account(client: FlaskClient) -> str:
    body = {"username": f"staf{next(_numbers)}", "role": "editor", "password": "kopi-hujan-jembatan-7"}
    return str(client.post("/api/v1/users", json=body, headers=staff_headers("admin")).get_json()["id"])


def padang_day(client: FlaskClient) -> str:
    """A day of Padang's figures, entered afresh, so that every caller finds one to delete."""
    day = (NOW.date() - dt.timedelta(days=next(_numbers))).isoformat()  # never after the clock's tomorrow
    figures = {"new_cases": 1, "new_recovered": 0, "new_deaths": 0}
    client.put(f"/api/v1/regions/13.71/cases/{day}", json=figures, headers=staff_headers("admin"))
    return day


def draft(client: FlaskClient, published: bool = False) -> str:
    body = {"number": f"D/{next(_numbers)}", "type": "instruksi", "title": "Uji"}
    instruction = str(client.post("/api/v1/instructions", json=body, headers=staff_headers("editor")).get_json()["id"])
    if published:
        client.post(f"/api/v1/instructions/{instruction}/publish", headers=staff_headers("editor"))
    return instruction


R, C = 200, 201
# (operation, builder of (method and url, body) per call, expected status per caller in CALLERS order)
MATRIX: list[tuple[str, Build, list[int]]] = [
    ("who am I", lambda c: ("GET /api/v1/auth/me", None), [401, 401, R, R, R, R, R]),
    ("sign out", lambda c: ("DELETE /api/v1/auth/token", None), [401, 401, 204, 204, 204, 204, 204]),
    ("list accounts", lambda c: ("GET /api/v1/users", None), [401, 401, R, 403, 403, 403, 403]),
    ("create an account", lambda c: ("POST /api/v1/users", {"username": f"baru{next(_numbers)}", "role": "editor",
                                                            "password": "kopi-hujan-jembatan-7"}),
     [401, 401, C, 403, 403, 403, 403]),
    ("disable an account", lambda c: (f"PATCH /api/v1/users/{account(c)}", {"is_active": False}),
     [401, 401, R, 403, 403, 403, 403]),
    ("read the access log", lambda c: ("GET /api/v1/access-log", None), [401, 401, R, 403, 403, 403, 403]),
    ("list screenings", lambda c: ("GET /api/v1/screening-responses", None), [401, 401, R, R, R, R, 403]),
    ("list Padang's screenings", lambda c: ("GET /api/v1/screening-responses?region=13.71", None),
     [401, 401, R, R, R, 403, 403]),
    ("read a Padang screening",
     lambda c: (f"GET /api/v1/screening-responses/{submit(c, region='13.71').get_json()['id']}", None),
     [401, 401, R, R, R, 404, 403]),
    ("list alerts", lambda c: ("GET /api/v1/alerts", None), [401, 401, R, R, R, R, 403]),
    ("list Padang's alerts", lambda c: ("GET /api/v1/alerts?region=13.71", None), [401, 401, R, R, R, 403, 403]),
    ("read a Padang alert", lambda c: (f"GET /api/v1/alerts/{padang_alert(c)}", None), [401, 404, R, R, R, 404, 403]),
    ("claim a Padang alert", lambda c: (f"POST /api/v1/alerts/{padang_alert(c)}/claim", {}),
     [401, 401, R, R, R, 404, 403]),
    ("dispatch to a Padang alert", lambda c: (f"POST /api/v1/alerts/{padang_alert(c, claimed=True)}/dispatch", {}),
     [401, 401, R, R, R, 404, 403]),
    ("resolve a Padang alert",
     lambda c: (f"POST /api/v1/alerts/{padang_alert(c, claimed=True)}/resolve", {"outcome": "helped"}),
     [401, 401, R, R, R, 404, 403]),
    ("response times", lambda c: ("GET /api/v1/alerts/response-times", None), [401, 401, R, R, R, R, 403]),
    ("the live stream", lambda c: ("GET /api/v1/alerts/stream", None), [401, 401, R, R, R, R, 403]),
    ("list episodes", lambda c: ("GET /api/v1/isolations", None), [401, 401, R, R, R, R, 403]),
    ("list Padang's episodes", lambda c: ("GET /api/v1/isolations?region=13.71", None),
     [401, 401, R, R, R, 403, 403]),
    ("read a Padang episode", lambda c: (f"GET /api/v1/isolations/{padang_episode(c)}", None),
     [401, 404, R, R, R, 404, 403]),
    ("note on a Padang episode", lambda c: (f"POST /api/v1/isolations/{padang_episode(c)}/notes", {"note": "ok"}),
     [401, 401, C, C, C, 404, 403]),
    ("lower a Padang flag",
     lambda c: (f"POST /api/v1/isolations/{padang_episode(c, flagged=True)}/unflag", {"flag": "urgent"}),
     [401, 401, R, R, R, 404, 403]),
    ("close a Padang episode",
     lambda c: (f"POST /api/v1/isolations/{padang_episode(c)}/close", {"outcome": "completed"}),
     [401, 401, R, R, R, 404, 403]),
    ("enter Padang's figures",
     lambda c: ("PUT /api/v1/regions/13.71/cases/2021-07-01", {"new_cases": 1, "new_recovered": 0, "new_deaths": 0}),
     [401, 401, R, 403, R, 403, R]),
    ("draft an instruction",
     lambda c: ("POST /api/v1/instructions", {"number": f"A/{next(_numbers)}", "type": "instruksi", "title": "Uji"}),
     [401, 401, C, 403, 403, 403, C]),
    ("delete a wrong Padang day", lambda c: (f"DELETE /api/v1/regions/13.71/cases/{padang_day(c)}", None),
     [401, 401, R, 403, R, 403, R]),
    ("edit an instruction", lambda c: (f"PATCH /api/v1/instructions/{draft(c)}", {"title": "Uji lagi"}),
     [401, 401, R, 403, 403, 403, R]),
    ("publish an instruction", lambda c: (f"POST /api/v1/instructions/{draft(c)}/publish", None),
     [401, 401, R, 403, 403, 403, R]),
    ("withdraw an instruction", lambda c: (f"DELETE /api/v1/instructions/{draft(c, published=True)}/publish", None),
     [401, 401, R, 403, 403, 403, R]),
]  # fmt: skip


def headers_for(caller: str) -> dict[str, str]:
    if caller == ANONYMOUS:
        return {}
    if caller == DEVICE:
        return device_headers()
    role, _, region = caller.partition(":")
    return staff_headers(role, region or None)


@pytest.mark.parametrize(("operation", "build", "expected"), MATRIX, ids=[m[0] for m in MATRIX])
def test_staff_operations_admit_only_the_right_roles_and_regions(
    app: Flask, client: FlaskClient, operation: str, build: Build, expected: list[int]
) -> None:
    app.config["CLOCK"] = lambda: NOW
    for caller, status in zip(CALLERS, expected, strict=True):
        request_line, body = build(client)
        method, url = request_line.split(" ", 1)
        reply = client.open(url, method=method, json=body, headers=headers_for(caller), buffered=False)
        try:
            assert reply.status_code == status, f"{operation} as {caller}: {reply.status_code}"
            if status == 401:
                assert reply.headers["WWW-Authenticate"].startswith("Bearer")
        finally:
            reply.close()


def test_a_kabkota_responder_lists_only_its_own_region(client: FlaskClient) -> None:
    for region in ("13.71", "13.71", "13.06", None):
        submit(client, region=region)
    padang = client.get("/api/v1/screening-responses", headers=staff_headers("satgas_kabkota", "13.71"))
    assert [r["region"] for r in padang.get_json()] == ["13.71", "13.71"]
    province = client.get("/api/v1/screening-responses", headers=staff_headers("satgas_provinsi"))
    assert len(province.get_json()) == 4
    assert '"total": 4' in province.headers["X-Pagination"]


def test_a_staff_token_is_not_a_device_token_and_vice_versa(client: FlaskClient) -> None:
    assert submit(client, headers=staff_headers("admin")).status_code == 401
    assert client.get("/api/v1/auth/me", headers=device_headers()).status_code == 401
