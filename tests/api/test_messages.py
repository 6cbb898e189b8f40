"""Every 422 speaks the caller's language: Indonesian by default, English on request, library messages included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from flask.testing import FlaskClient

from scripts.answers import self_screening_answers
from tests.factories import device_headers, staff_headers

ENGLISH_STARTS = ("Must ", "Not a ", "Longer ", "Shorter ", "Missing ", "Unknown ", "Field may", "Length ", "Invalid ")

Setup = Callable[[FlaskClient], tuple[str, str, Any, dict[str, str]]]


def episode(client: FlaskClient, headers: dict[str, str]) -> str:
    start = (dt.date.today() - dt.timedelta(days=2)).isoformat()
    body = {"reason": "confirmed_symptomatic", "start_date": start, "region": "13.71"}
    return str(client.post("/api/v1/isolations", json=body, headers=headers).get_json()["id"])


def alert(client: FlaskClient, headers: dict[str, str]) -> str:
    return str(client.post("/api/v1/alerts", json={"category": "other"}, headers=headers).get_json()["id"])


CASES: dict[str, Setup] = {
    "screening answers": lambda c: (
        "POST",
        "/api/v1/questionnaires/self-screening/responses",
        {"answers": self_screening_answers(age=130)},
        device_headers(),
    ),
    "screening language choice": lambda c: (
        "POST",
        "/api/v1/questionnaires/self-screening/responses",
        {"answers": self_screening_answers(), "lang": "fr"},
        {},
    ),
    "questionnaire language": lambda c: ("GET", "/api/v1/questionnaires?lang=fr", None, {}),
    "alert category": lambda c: ("POST", "/api/v1/alerts", {"category": "fire"}, device_headers()),
    "alert latitude range": lambda c: (
        "POST",
        "/api/v1/alerts",
        {"category": "other", "lat": 91, "lon": 100},
        device_headers(),
    ),
    "alert note length": lambda c: (
        "POST",
        "/api/v1/alerts",
        {"category": "other", "note": "x" * 1001},
        device_headers(),
    ),
    "alert phone": lambda c: ("POST", "/api/v1/alerts", {"category": "other", "phone": "call me"}, device_headers()),
    "alert fix": lambda c: (lambda h: ("POST", f"/api/v1/alerts/{alert(c, h)}/locations", {"lat": 0, "lon": 200}, h))(
        device_headers()
    ),
    "alert outcome": lambda c: (
        "POST",
        f"/api/v1/alerts/{alert(c, device_headers())}/resolve",
        {"outcome": "won"},
        staff_headers("satgas_provinsi"),
    ),
    "alert queue status": lambda c: ("GET", "/api/v1/alerts?status=lost", None, staff_headers("admin")),
    "isolation reason": lambda c: ("POST", "/api/v1/isolations", {"reason": "flu"}, device_headers()),
    "check-in spo2": lambda c: (
        lambda h: (
            "POST",
            f"/api/v1/isolations/{episode(c, h)}/checkins",
            {"measured_at": "2021-07-10T09:00:00+07:00", "spo2": 120},
            h,
        )
    )(device_headers()),
    "check-in symptom choice": lambda c: (
        lambda h: (
            "POST",
            f"/api/v1/isolations/{episode(c, h)}/checkins/batch",
            [{"measured_at": "2021-07-10T09:00:00+07:00", "symptoms": ["hiccups"]}],
            h,
        )
    )(device_headers()),
    "isolation flag filter": lambda c: ("GET", "/api/v1/isolations?flag=red", None, staff_headers("admin")),
    "device platform": lambda c: ("POST", "/api/v1/devices", {"platform": "symbian"}, {}),
    "staff role": lambda c: (
        "POST",
        "/api/v1/users",
        {"username": "x", "role": "king", "password": "p"},
        staff_headers("admin"),
    ),
    "page size": lambda c: ("GET", "/api/v1/screening-responses?page_size=1000", None, staff_headers("admin")),
    "privacy language": lambda c: ("GET", "/api/v1/privacy?lang=de", None, {}),
    "case figure": lambda c: (
        "PUT",
        "/api/v1/regions/13.71/cases/2021-07-01",
        {"new_cases": 1.5, "new_recovered": 0, "new_deaths": 0},
        staff_headers("admin"),
    ),
    "case series format": lambda c: ("GET", "/api/v1/cases?region=13.71&format=xml", None, {}),
    "signal window": lambda c: ("GET", "/api/v1/signals?days=-1", None, {}),
    "level week": lambda c: ("GET", "/api/v1/levels?week=0001-01-01", None, {}),
    "instruction type": lambda c: (
        "POST",
        "/api/v1/instructions",
        {"number": "1", "type": "memo", "title": "t"},
        staff_headers("editor"),
    ),
}


def messages(errors: Any) -> list[str]:
    if isinstance(errors, dict):
        return [m for value in errors.values() for m in messages(value)]
    if isinstance(errors, list):
        return [m for value in errors for m in messages(value)]
    return [str(errors)]


@pytest.mark.parametrize("case", list(CASES))
def test_invalid_input_is_explained_in_indonesian_by_default_and_english_on_request(
    client: FlaskClient, case: str
) -> None:
    method, path, body, headers = CASES[case](client)
    replies = {
        lang: client.open(path, method=method, json=body, headers={**headers, "Accept-Language": lang})
        for lang in ("id", "en")
    }
    assert {reply.status_code for reply in replies.values()} == {422}, {k: v.get_json() for k, v in replies.items()}
    indonesian, english = (messages(replies[lang].get_json()["errors"]) for lang in ("id", "en"))
    assert indonesian
    assert not [m for m in indonesian if m.startswith(ENGLISH_STARTS)], indonesian
    assert indonesian != english
    assert replies["id"].get_json()["message"].startswith("Isian tidak valid")
    assert replies["en"].get_json()["message"].startswith("Invalid input")
