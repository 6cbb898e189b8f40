"""The HTTP contract: the published OpenAPI document is complete, and the replies of the main journeys match it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scripts.answers import risk_answers, self_screening_answers
from tests.contract import CheckedClient
from tests.factories import staff, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
# Replies that are not JSON documents: CSV downloads and the event stream (declared with their media types).
NOT_JSON = {"text/csv", "text/event-stream"}


@pytest.fixture
def spec(client: FlaskClient) -> dict[str, Any]:
    found: dict[str, Any] = client.get("/api/v1/openapi.json").get_json()
    return found


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method != "parameters"
    ]


def test_every_operation_has_a_summary_and_a_unique_stable_id(spec: dict[str, Any]) -> None:
    ops = operations(spec)
    assert [(m, p) for m, p, op in ops if not op.get("summary")] == []
    ids = [op.get("operationId") for _, _, op in ops]
    assert None not in ids
    assert len(ids) == len(set(ids))
    assert "getAlertById" in ids
    assert "postAlerts" in ids


def test_every_success_reply_has_a_schema(spec: dict[str, Any]) -> None:
    missing = set()
    for method, path, operation in ops_with_responses(spec):
        for code, reply in operation["responses"].items():
            if not code.startswith("2") or code == "204":
                continue
            content = reply.get("content", {})
            if not content or any("schema" not in media for media in content.values()):
                missing.add((method, path))
    assert missing == set()


def ops_with_responses(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(m, p, op) for m, p, op in operations(spec) if "responses" in op]


def test_every_declared_error_has_the_error_body(spec: dict[str, Any]) -> None:
    responses = spec["components"].get("responses", {})
    for method, path, operation in ops_with_responses(spec):
        for code, reply in operation["responses"].items():
            if code.startswith(("4", "5")) or code == "default":
                target = responses[reply["$ref"].rsplit("/", 1)[1]] if "$ref" in reply else reply
                if path == "/api/v1/alerts/stream":
                    continue  # declared in words: a stream's errors are answered before it starts
                assert "content" in target, (method, path, code)


def test_no_schema_is_named_after_a_generated_clients_own_classes_and_every_reference_resolves(
    spec: dict[str, Any],
) -> None:
    schemas = spec["components"]["schemas"]
    assert not {"Response", "Result", "Client", "Error"} & set(schemas) - {"Error"}
    text = str(spec)
    for name in {part.split("'")[0] for part in text.split("#/components/schemas/")[1:]}:
        assert name in schemas, name


def test_every_property_of_every_schema_has_a_type(spec: dict[str, Any]) -> None:
    untyped = [
        (name, prop)
        for name, schema in spec["components"]["schemas"].items()
        for prop, definition in schema.get("properties", {}).items()
        if not {"type", "$ref", "allOf", "oneOf", "anyOf"} & set(definition)
    ]
    assert untyped == []


def _references(node: Any) -> set[str]:
    if isinstance(node, dict):
        schema = "$ref" in node and node["$ref"].startswith("#/components/schemas/")
        found = {node["$ref"].rsplit("/", 1)[1]} if schema else set()
        return found.union(*(_references(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_references(value) for value in node))
    return set()


def test_every_reply_schema_says_which_fields_are_always_there(spec: dict[str, Any]) -> None:
    """A generated client types a field that is not required as maybe-absent (a device token as `str | Unset`)."""
    schemas = spec["components"]["schemas"]
    reached = set().union(
        *(
            _references(reply)
            for _, _, op in ops_with_responses(spec)
            for code, reply in op["responses"].items()
            if code.startswith("2")
        )
    )
    while True:
        more = reached.union(*(_references(schemas[name]) for name in reached))
        if more == reached:
            break
        reached = more
    objects = {name for name in reached if "properties" in schemas[name]} - {"PaginationMetadata"}  # flask-smorest's
    assert len(objects) > 20
    assert sorted(name for name in objects if not schemas[name].get("required")) == []
    for name in ("Device", "Token", "StaffUser", "Region", "Instruction"):
        assert set(schemas[name]["required"]) == set(schemas[name]["properties"]), name


def _accepted_arguments(app: Flask) -> set[tuple[str, str, str, str]]:
    """(method, path, location, name) of every query, path and header field a view reads with @blp.arguments."""
    accepted = set()
    for rule in app.url_map.iter_rules():
        view_class = getattr(app.view_functions[rule.endpoint], "view_class", None)
        if view_class is None or not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in view_class.methods:
            apidoc = getattr(getattr(view_class, method.lower()), "_apidoc", {})
            for argument in apidoc.get("arguments", {}).get("parameters", []):
                location = ARGUMENT_LOCATIONS.get(argument["in"])
                if location is None:
                    continue
                fields = (
                    argument["schema"]().fields if isinstance(argument["schema"], type) else argument["schema"].fields
                )
                accepted |= {
                    (method.lower(), path, location, field.data_key or name)
                    for name, field in fields.items()
                    if not field.dump_only
                }
    return accepted


ARGUMENT_LOCATIONS = {
    "query": "query",
    "querystring": "query",
    "path": "path",
    "view_args": "path",
    "headers": "header",
}


def test_every_argument_a_view_accepts_is_in_the_spec(app: Flask, spec: dict[str, Any]) -> None:
    accepted = _accepted_arguments(app)
    assert ("get", "/api/v1/cases", "query", "region") in accepted
    documented = {
        (method, path, parameter["in"], parameter["name"])
        for method, path, operation in operations(spec)
        for parameter in operation.get("parameters", []) + spec["paths"][path].get("parameters", [])
    }
    undocumented = sorted(accepted - documented)
    assert undocumented == [], undocumented


def test_plain_dates_say_they_are_local_dates(spec: dict[str, Any]) -> None:
    assert "Asia/Jakarta" in spec["info"].get("description", "")


def test_the_resident_journey_matches_the_contract(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    api = CheckedClient(client)
    token = api.post("/api/v1/devices", json={"platform": "web", "privacy_notice_version": "2026-11"}).get_json()
    phone = {"Authorization": f"Bearer {token['token']}"}
    api.get("/api/v1/privacy?lang=en")
    api.get("/api/v1/questionnaires")
    api.get("/api/v1/questionnaires/self-screening?lang=en")
    api.get("/api/v1/regions")
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True, symptom_onset_date="2021-07-08")
    screening = api.post(
        "/api/v1/questionnaires/self-screening/responses", json={"answers": answers, "region": "13.71"}, headers=phone
    ).get_json()
    api.get(f"/api/v1/questionnaires/self-screening/responses/{screening['id']}", headers=phone)
    contact = self_screening_answers(contact_with_case=True, last_contact_date="2021-07-05")
    api.post("/api/v1/questionnaires/self-screening/responses", json={"answers": contact}, headers=phone)
    api.post("/api/v1/questionnaires/risk-personal/responses", json={"answers": risk_answers("risk-personal", 5)})
    episode = api.post("/api/v1/isolations", json={"screening_response_id": screening["id"]}, headers=phone).get_json()
    checkin = {"measured_at": "2021-07-10T08:00:00+07:00", "spo2": 92, "client_id": "c1"}
    api.post(f"/api/v1/isolations/{episode['id']}/checkins", json=checkin, headers=phone)
    api.post(f"/api/v1/isolations/{episode['id']}/checkins", json=checkin, headers=phone)  # re-sent: 200
    queue = [{**checkin, "client_id": "c2", "measured_at": "2021-07-10T08:30:00+07:00"}]
    api.post(f"/api/v1/isolations/{episode['id']}/checkins/batch", json=queue, headers=phone)
    api.get(f"/api/v1/isolations/{episode['id']}", headers=phone)
    alert = api.post("/api/v1/alerts", json={"category": "breathing"}, headers=phone).get_json()
    api.post("/api/v1/alerts", json={"category": "breathing", "note": "again"}, headers=phone)
    api.post(f"/api/v1/alerts/{alert['id']}/locations", json={"lat": -0.9, "lon": 100.4}, headers=phone)
    api.get(f"/api/v1/alerts/{alert['id']}", headers=phone)
    api.post(f"/api/v1/alerts/{alert['id']}/cancel", json={}, headers=phone)
    api.get("/api/v1/devices/me/data", headers=phone)
    # Refusals match the contract too.
    api.post("/api/v1/alerts", json={"category": "fire"}, headers=phone)
    api.get(f"/api/v1/isolations/{alert['id']}", headers=phone)
    api.post("/api/v1/alerts", json={"category": "other"})
    api.delete("/api/v1/devices/me", headers=phone)
    assert {status for _, _, status in api.checked} >= {200, 201, 204, 401, 404, 422}
    assert len(api.checked) == 24


def test_the_task_force_journey_matches_the_contract(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    api = CheckedClient(client)
    staff("satgas_provinsi", username="rina")
    phone = {"Authorization": f"Bearer {api.post('/api/v1/devices', json={}).get_json()['token']}"}
    alert = api.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=phone).get_json()
    episode = api.post(
        "/api/v1/isolations",
        json={"reason": "close_contact", "start_date": "2021-07-08", "region": "13.71"},
        headers=phone,
    ).get_json()
    token = api.post("/api/v1/auth/token", json={"username": "rina", "password": "correct-horse-battery"}).get_json()
    officer = {"Authorization": f"Bearer {token['token']}"}
    api.get("/api/v1/auth/me", headers=officer)
    api.get("/api/v1/alerts?status=open", headers=officer)
    api.get(f"/api/v1/alerts/{alert['id']}", headers=officer)
    for action, body in (("claim", {}), ("dispatch", {"note": "ambulans"}), ("resolve", {"outcome": "referred"})):
        api.post(f"/api/v1/alerts/{alert['id']}/{action}", json=body, headers=officer)
    api.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=officer)  # 409
    api.get("/api/v1/alerts/response-times", headers=officer)
    api.get("/api/v1/isolations", headers=officer)
    api.get(f"/api/v1/isolations/{episode['id']}", headers=officer)
    api.post(f"/api/v1/isolations/{episode['id']}/notes", json={"note": "ditelepon"}, headers=officer)
    api.post(
        f"/api/v1/isolations/{episode['id']}/close",
        json={"outcome": "completed", "early_reason": "PCR negatif"},
        headers=officer,
    )
    api.get("/api/v1/screening-responses", headers=officer)
    admin = staff_headers("admin")
    created = api.post(
        "/api/v1/users", json={"username": "andi", "role": "editor", "password": "kopi-hujan-jembatan-7"}, headers=admin
    ).get_json()
    api.patch(f"/api/v1/users/{created['id']}", json={"is_active": False}, headers=admin)
    api.get("/api/v1/users", headers=admin)
    api.get("/api/v1/access-log", headers=admin)
    api.get("/api/v1/users", headers=officer)  # 403
    api.delete("/api/v1/auth/token", headers=officer)
    assert {status for _, _, status in api.checked} >= {200, 201, 204, 403, 409}


def test_the_public_statistics_and_their_editing_match_the_contract(app: Flask, client: FlaskClient) -> None:
    app.config["CLOCK"] = lambda: NOW
    api = CheckedClient(client)
    editor = staff_headers("editor")
    start = dt.date(2021, 5, 1)
    for offset in range(70):  # ten weeks: enough for Rt windows and weekly levels
        day = (start + dt.timedelta(days=offset)).isoformat()
        body = {"new_cases": 20 + offset % 7, "new_deaths": offset % 2, "new_recoveries": 15}
        api.put(f"/api/v1/regions/13.71/cases/{day}", json=body, headers=editor)
    api.put("/api/v1/regions/13.71/cases/2021-07-01", json={"new_cases": 1.5}, headers=editor)  # 422
    api.get("/api/v1/cases?region=13.71")
    api.get("/api/v1/cases/summary")
    api.get("/api/v1/cases/errata")
    api.get("/api/v1/cases/codebook")
    api.get("/api/v1/regions/13.71/rt")
    api.get("/api/v1/levels?week=2021-07-05")
    api.get("/api/v1/levels?week=0001-01-01")  # 422
    api.get("/api/v1/signals?days=14")
    api.get("/api/v1/signals?days=14", headers=staff_headers("satgas_provinsi"))
    api.delete("/api/v1/regions/13.71/cases/2021-07-09", headers=editor)
    api.get("/api/v1/instructions")
    assert {status for _, _, status in api.checked} >= {200, 422}


def _reply(spec: dict[str, Any], reply: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in reply:
        found: dict[str, Any] = spec["components"]["responses"][reply["$ref"].rsplit("/", 1)[1]]
        return found
    return reply


def _headers(spec: dict[str, Any], reply: dict[str, Any]) -> set[str]:
    """The names of the headers a reply declares, each reference checked to resolve."""
    headers: dict[str, Any] = _reply(spec, reply).get("headers", {})
    for header in headers.values():
        assert "$ref" not in header or header["$ref"].rsplit("/", 1)[1] in spec["components"]["headers"], header
    return set(headers)


def test_every_reply_declares_its_request_id_and_errors_are_problem_details(spec: dict[str, Any]) -> None:
    for method, path, operation in ops_with_responses(spec):
        for code, reply in operation["responses"].items():
            assert "X-Request-ID" in _headers(spec, reply), (method, path, code)
            content = _reply(spec, reply).get("content", {})
            if code.startswith(("4", "5")) or code == "default":
                assert "application/json" not in content, (method, path, code)
    problem = spec["components"]["schemas"]["Error"]
    assert {"type", "title", "status", "detail", "code", "message"} <= set(problem["required"])
    assert problem["properties"]["status"]["type"] == "integer"


def test_conditional_idempotent_and_rate_limited_operations_declare_their_headers(spec: dict[str, Any]) -> None:
    conditional = [
        (path, op)
        for _, path, op in operations(spec)
        if any(p["name"] == "If-None-Match" for p in op.get("parameters", []))
    ]
    assert {"/api/v1/cases", "/api/v1/levels", "/api/v1/signals", "/api/v1/instructions"} <= {p for p, _ in conditional}
    for path, operation in conditional:
        for code in ("200", "304"):
            assert {"ETag", "Cache-Control"} <= _headers(spec, operation["responses"][code]), (path, code)
    idempotent = [
        op for _, _, op in operations(spec) if any(p["name"] == "Idempotency-Key" for p in op.get("parameters", []))
    ]
    assert len(idempotent) == 2
    for operation in idempotent:
        assert "Idempotent-Replayed" in _headers(spec, operation["responses"]["201"])
    register = spec["paths"]["/api/v1/devices"]["post"]["responses"]
    limits = {"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"}
    assert limits <= _headers(spec, register["201"])
    assert limits | {"Retry-After"} <= _headers(spec, register["429"])
    assert "Retry-After" in _headers(spec, spec["paths"]["/api/v1/auth/token"]["post"]["responses"]["429"])


def test_public_operations_say_so_and_staff_operations_keep_their_security(spec: dict[str, Any]) -> None:
    assert [(m, p) for m, p, op in operations(spec) if "security" not in op] == []
    assert spec["paths"]["/api/v1/regions"]["get"]["security"] == []
    assert spec["paths"]["/api/v1/auth/token"]["post"]["security"] == []
    assert spec["paths"]["/api/v1/auth/me"]["get"]["security"] == [{"staffToken": []}]
    assert spec["paths"]["/api/v1/alerts"]["post"]["security"] == [{"deviceToken": []}]
    assert spec["servers"] == [{"url": "/", "description": "The server this document came from"}]
    assert spec["info"]["license"]["name"] == "MIT"
    assert spec["info"]["contact"]["name"]


def test_a_nullable_enum_is_one_enum_and_null(spec: dict[str, Any]) -> None:
    def walk(node: Any) -> list[Any]:
        if isinstance(node, dict):
            return [node, *(n for value in node.values() for n in walk(value))]
        return [n for value in node for n in walk(value)] if isinstance(node, list) else []

    mixed = [node["enum"] for node in walk(spec) if "enum" in node and None in node["enum"] and len(node["enum"]) > 1]
    assert mixed == []
    outcome = spec["components"]["schemas"]["StaffAlert"]["properties"]["outcome"]
    assert [choice.get("enum") for choice in outcome["anyOf"]] == [
        ["helped", "referred", "false_alarm", "unreachable"],
        [None],
    ]
