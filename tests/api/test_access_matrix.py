"""Every staff operation against every kind of caller (anonymous, a resident's device, each role, the wrong region),
through both doors staff use: the API and the console's dashboard.data."""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask, session
from flask.testing import FlaskClient

from api.extensions import db
from api.models import StaffAccess
from api.services.exceptions import NotFound, PermissionDenied
from dashboard import data
from tests.factories import device_headers, staff, staff_headers, submit

ANONYMOUS = "anonymous"
DEVICE = "device"
CALLERS = [ANONYMOUS, DEVICE, "admin", "satgas_provinsi", "satgas_kabkota:13.71", "satgas_kabkota:13.06", "editor"]
NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
_numbers = itertools.count(1)

Build = Callable[[FlaskClient], tuple[str, Any]]


def padang_alert(client: FlaskClient, claimed: bool = False, region: str = "13.71") -> str:
    alert = client.post("/api/v1/alerts", json={"category": "medical", "region": region}, headers=device_headers())
    alert_id = str(alert.get_json()["id"])
    if claimed:
        client.post(f"/api/v1/alerts/{alert_id}/claim", json={}, headers=staff_headers("satgas_provinsi"))
    return alert_id


def padang_episode(client: FlaskClient, flagged: bool = False, region: str = "13.71") -> str:
    phone = device_headers()
    body = {"reason": "confirmed_symptomatic", "start_date": "2021-07-08", "region": region}
    episode = str(client.post("/api/v1/isolations", json=body, headers=phone).get_json()["id"])
    if flagged:
        checkin = {"measured_at": "2021-07-10T08:00:00+07:00", "spo2": 93}
        client.post(f"/api/v1/isolations/{episode}/checkins", json=checkin, headers=phone)
    return episode


def in_both_regions(client: FlaskClient, make: Callable[..., Any]) -> None:
    """A record in Padang and one in Agam, so that every caller allowed to list finds personal data to read."""
    for region in ("13.71", "13.06"):
        make(client, region=region)


def listing(make: Callable[..., Any], request_line: str) -> Build:
    """A list request, made once there is a record of `make` in Padang and one in Agam."""

    def build(client: FlaskClient) -> tuple[str, Any]:
        in_both_regions(client, make)
        return request_line, None

    return build


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


def padang_officer(_client: FlaskClient) -> int:
    """An officer of Padang, whom the province's task force and admins may put on or off duty."""
    return staff("satgas_kabkota", "13.71", username="petugas-padang").id


R, C = 200, 201
# (operation, builder of (method and url, body) per call, expected status per caller in CALLERS order)
MATRIX: list[tuple[str, Build, list[int]]] = [
    ("who am I", lambda c: ("GET /api/v1/auth/me", None), [401, 401, R, R, R, R, R]),
    ("sign out", lambda c: ("DELETE /api/v1/auth/token", None), [401, 401, 204, 204, 204, 204, 204]),
    ("list accounts", lambda c: ("GET /api/v1/users", None), [401, 401, R, 403, 403, 403, 403]),
    (
        "create an account",
        lambda c: (
            "POST /api/v1/users",
            {"username": f"baru{next(_numbers)}", "role": "editor", "password": "kopi-hujan-jembatan-7"},
        ),
        [401, 401, C, 403, 403, 403, 403],
    ),
    (
        "disable an account",
        lambda c: (f"PATCH /api/v1/users/{account(c)}", {"is_active": False}),
        [401, 401, R, 403, 403, 403, 403],
    ),
    ("read the access log", lambda c: ("GET /api/v1/access-log", None), [401, 401, R, 403, 403, 403, 403]),
    ("go on duty", lambda c: ("PUT /api/v1/auth/me/duty", {"on_duty": True}), [401, 401, R, R, R, R, 403]),
    ("see who is on duty", lambda c: ("GET /api/v1/users/on-duty", None), [401, 401, R, R, 403, 403, 403]),
    (
        "put a Padang officer on duty",
        lambda c: (f"PUT /api/v1/users/{padang_officer(c)}/duty", {"on_duty": True}),
        [401, 401, R, R, 403, 403, 403],
    ),
    ("list screenings", listing(submit, "GET /api/v1/screening-responses"), [401, 401, R, R, R, R, 403]),
    (
        "list Padang's screenings",
        listing(submit, "GET /api/v1/screening-responses?region=13.71"),
        [401, 401, R, R, R, 403, 403],
    ),
    (
        "read a Padang screening",
        lambda c: (f"GET /api/v1/screening-responses/{submit(c, region='13.71').get_json()['id']}", None),
        [401, 401, R, R, R, 404, 403],
    ),
    ("list alerts", listing(padang_alert, "GET /api/v1/alerts"), [401, 401, R, R, R, R, 403]),
    ("list Padang's alerts", listing(padang_alert, "GET /api/v1/alerts?region=13.71"), [401, 401, R, R, R, 403, 403]),
    ("read a Padang alert", lambda c: (f"GET /api/v1/alerts/{padang_alert(c)}", None), [401, 404, R, R, R, 404, 403]),
    (
        "claim a Padang alert",
        lambda c: (f"POST /api/v1/alerts/{padang_alert(c)}/claim", {}),
        [401, 401, R, R, R, 404, 403],
    ),
    (
        "dispatch to a Padang alert",
        lambda c: (f"POST /api/v1/alerts/{padang_alert(c, claimed=True)}/dispatch", {}),
        [401, 401, R, R, R, 404, 403],
    ),
    (
        "resolve a Padang alert",
        lambda c: (f"POST /api/v1/alerts/{padang_alert(c, claimed=True)}/resolve", {"outcome": "helped"}),
        [401, 401, R, R, R, 404, 403],
    ),
    ("response times", lambda c: ("GET /api/v1/alerts/response-times", None), [401, 401, R, R, R, R, 403]),
    ("the live stream", lambda c: ("GET /api/v1/alerts/stream", None), [401, 401, R, R, R, R, 403]),
    ("list episodes", listing(padang_episode, "GET /api/v1/isolations"), [401, 401, R, R, R, R, 403]),
    (
        "list Padang's episodes",
        listing(padang_episode, "GET /api/v1/isolations?region=13.71"),
        [401, 401, R, R, R, 403, 403],
    ),
    (
        "read a Padang episode",
        lambda c: (f"GET /api/v1/isolations/{padang_episode(c)}", None),
        [401, 404, R, R, R, 404, 403],
    ),
    (
        "note on a Padang episode",
        lambda c: (f"POST /api/v1/isolations/{padang_episode(c)}/notes", {"note": "ok"}),
        [401, 401, C, C, C, 404, 403],
    ),
    (
        "lower a Padang flag",
        lambda c: (f"POST /api/v1/isolations/{padang_episode(c, flagged=True)}/unflag", {"flag": "urgent"}),
        [401, 401, R, R, R, 404, 403],
    ),
    (
        "close a Padang episode",
        lambda c: (
            f"POST /api/v1/isolations/{padang_episode(c)}/close",
            {"outcome": "completed", "early_reason": "PCR negatif"},
        ),
        [401, 401, R, R, R, 404, 403],
    ),
    (
        "enter Padang's figures",
        lambda c: ("PUT /api/v1/regions/13.71/cases/2021-07-01", {"new_cases": 1, "new_recovered": 0, "new_deaths": 0}),
        [401, 401, R, 403, R, 403, R],
    ),
    (
        "draft an instruction",
        lambda c: ("POST /api/v1/instructions", {"number": f"A/{next(_numbers)}", "type": "instruksi", "title": "Uji"}),
        [401, 401, C, 403, 403, 403, C],
    ),
    (
        "delete a wrong Padang day",
        lambda c: (f"DELETE /api/v1/regions/13.71/cases/{padang_day(c)}", None),
        [401, 401, R, 403, R, 403, R],
    ),
    (
        "edit an instruction",
        lambda c: (f"PATCH /api/v1/instructions/{draft(c)}", {"title": "Uji lagi"}),
        [401, 401, R, 403, 403, 403, R],
    ),
    (
        "publish an instruction",
        lambda c: (f"POST /api/v1/instructions/{draft(c)}/publish", None),
        [401, 401, R, 403, 403, 403, R],
    ),
    (
        "withdraw an instruction",
        lambda c: (f"DELETE /api/v1/instructions/{draft(c, published=True)}/publish", None),
        [401, 401, R, 403, 403, 403, R],
    ),
]


# The reads of residents' personal data, and the action under which the access log records each.
PERSONAL_READS = {
    "list screenings": "screening.list",
    "list Padang's screenings": "screening.list",
    "read a Padang screening": "screening.read",
    "list alerts": "alerts.list",
    "list Padang's alerts": "alerts.list",
    "read a Padang alert": "alerts.read",
    "the live stream": "alerts.stream",
    "list episodes": "isolations.list",
    "list Padang's episodes": "isolations.list",
    "read a Padang episode": "isolations.read",
}

Console = Callable[[FlaskClient], tuple[Callable[..., Any], tuple[Any, ...]]]


def console_list(make: Callable[..., Any], call: Callable[..., Any], *args: Any) -> Console:
    """A console list, read once there is a record of `make` in Padang and one in Agam."""

    def build(client: FlaskClient) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        in_both_regions(client, make)
        return call, args

    return build


# The same operations through the console's door: records made over the API, then the call a console page makes.
CONSOLE: dict[str, Console] = {
    "list alerts": console_list(padang_alert, data.alert_queue),
    "claim a Padang alert": lambda c: (data.act_on_alert, (padang_alert(c), "claim")),
    "dispatch to a Padang alert": lambda c: (data.act_on_alert, (padang_alert(c, claimed=True), "dispatch")),
    "resolve a Padang alert": lambda c: (data.act_on_alert, (padang_alert(c, claimed=True), "resolve", "helped")),
    "response times": lambda c: (data.response_time_table, ()),
    "list episodes": console_list(padang_episode, data.monitoring_board),
    "list Padang's episodes": console_list(padang_episode, data.monitoring_board, None, "13.71"),
    "read a Padang episode": lambda c: (data.episode_detail, (padang_episode(c), "id")),
    "note on a Padang episode": lambda c: (data.episode_note, (padang_episode(c), "ok")),
    "lower a Padang flag": lambda c: (data.episode_contacted, (padang_episode(c, flagged=True), "urgent", None)),
    "close a Padang episode": lambda c: (data.close_episode, (padang_episode(c), "completed", None, "PCR negatif")),
    "go on duty": lambda c: (data.console_duty, (True,)),
    "see who is on duty": lambda c: (data.duty_roster, ()),
    "put a Padang officer on duty": lambda c: (data.set_duty, (padang_officer(c), True)),
}
# Operations the console does not offer: it reads no screening responses, manages no accounts, enters no figures
# and no instructions, opens an alert only within its queue, and its live stream is the API's own.
API_ONLY = {
    "who am I",
    "sign out",
    "list accounts",
    "create an account",
    "disable an account",
    "read the access log",
    "list screenings",
    "list Padang's screenings",
    "read a Padang screening",
    "list Padang's alerts",
    "read a Padang alert",
    "the live stream",
    "enter Padang's figures",
    "draft an instruction",
    "delete a wrong Padang day",
    "edit an instruction",
    "publish an instruction",
    "withdraw an instruction",
}


def access_rows(caller: str, action: str) -> int:
    """How many reads the access log holds of `caller`'s under `action`."""
    db.session.rollback()  # read what other connections committed since
    role, _, region = caller.partition(":")
    username = staff(role, region or None).username
    query = sa.select(sa.func.count()).where(StaffAccess.username == username, StaffAccess.action == action)
    return int(db.session.scalar(query) or 0)


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
        logged = operation in PERSONAL_READS and status < 300
        before = access_rows(caller, PERSONAL_READS[operation]) if logged else 0
        reply = client.open(url, method=method, json=body, headers=headers_for(caller), buffered=False)
        try:
            assert reply.status_code == status, f"{operation} as {caller}: {reply.status_code}"
            if status == 401:
                assert reply.headers["WWW-Authenticate"].startswith("Bearer")
        finally:
            reply.close()
        if logged:
            assert access_rows(caller, PERSONAL_READS[operation]) == before + 1, f"{operation} as {caller}: not logged"


def console_call(app: Flask, caller: str, call: Callable[..., Any], args: tuple[Any, ...]) -> Any:
    """Make a console page's call as `caller`: staff signed in to the console; anyone else without a session."""
    with app.test_request_context("/satgas"):
        if caller not in (ANONYMOUS, DEVICE):
            role, _, region = caller.partition(":")
            user = staff(role, region or None)
            session.update({"staff_id": user.id, "v": user.session_version, "seen": int(time.time())})
        return call(*args)


def console_refusal(caller: str, status: int) -> type[Exception] | None:
    """What the console raises where the API answers `status`: nothing for an answer, NotFound for 404, else
    PermissionDenied (without a console session, for anyone who is not signed in as staff)."""
    if caller in (ANONYMOUS, DEVICE):
        return PermissionDenied
    if status < 300:
        return None
    return NotFound if status == 404 else PermissionDenied


CONSOLE_ROWS = [m for m in MATRIX if m[0] in CONSOLE]


@pytest.mark.parametrize(
    ("operation", "expected"), [(m[0], m[2]) for m in CONSOLE_ROWS], ids=[m[0] for m in CONSOLE_ROWS]
)
def test_the_console_admits_the_same_callers_as_the_api_and_logs_the_same_reads(
    app: Flask, client: FlaskClient, operation: str, expected: list[int]
) -> None:
    app.config["CLOCK"] = lambda: NOW
    for caller, status in zip(CALLERS, expected, strict=True):
        call, args = CONSOLE[operation](client)
        refusal = console_refusal(caller, status)
        logged = operation in PERSONAL_READS and refusal is None
        before = access_rows(caller, PERSONAL_READS[operation]) if logged else 0
        if refusal is None:
            console_call(app, caller, call, args)
        else:
            with pytest.raises(refusal):
                console_call(app, caller, call, args)
        if logged:
            assert access_rows(caller, PERSONAL_READS[operation]) == before + 1, f"{operation} as {caller}: not logged"


def test_every_staff_operation_is_checked_at_the_console_or_said_to_be_api_only() -> None:
    operations = {m[0] for m in MATRIX}
    assert set(CONSOLE) | API_ONLY == operations
    assert not set(CONSOLE) & API_ONLY


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
