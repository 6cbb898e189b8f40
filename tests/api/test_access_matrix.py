"""Every staff endpoint against every kind of caller: anonymous, device, each role, other regions."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.factories import device_headers, staff_headers, submit

ANONYMOUS = "anonymous"
DEVICE = "device"
CALLERS = [ANONYMOUS, DEVICE, "admin", "satgas_provinsi", "satgas_kabkota:13.71", "satgas_kabkota:13.06", "editor"]

# (method, url, expected status per caller); {padang} is a response submitted in Kota Padang (13.71).
MATRIX = [
    ("GET", "/api/v1/auth/me", [401, 401, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/users", [401, 401, 200, 403, 403, 403, 403]),
    ("GET", "/api/v1/screening-responses", [401, 401, 200, 200, 200, 200, 403]),
    ("GET", "/api/v1/screening-responses?region=13.71", [401, 401, 200, 200, 200, 403, 403]),
    ("GET", "/api/v1/screening-responses/{padang}", [401, 401, 200, 200, 200, 404, 403]),
]


def headers_for(caller: str) -> dict[str, str]:
    if caller == ANONYMOUS:
        return {}
    if caller == DEVICE:
        return device_headers()
    role, _, region = caller.partition(":")
    return staff_headers(role, region or None)


@pytest.mark.parametrize(("method", "url", "expected"), MATRIX, ids=[f"{m} {u}" for m, u, _ in MATRIX])
def test_staff_endpoints_admit_only_the_right_roles_and_regions(
    client: FlaskClient, method: str, url: str, expected: list[int]
) -> None:
    padang = submit(client, region="13.71").get_json()["id"]
    for caller, status in zip(CALLERS, expected, strict=True):
        reply = client.open(url.format(padang=padang), method=method, headers=headers_for(caller))
        assert reply.status_code == status, f"{caller}: {reply.status_code} {reply.get_json()}"
        if status == 401:
            assert reply.headers["WWW-Authenticate"].startswith("Bearer")


def test_only_admins_create_accounts(client: FlaskClient) -> None:
    body = {"username": "baru", "role": "editor", "password": "panjang-sekali-1"}
    assert client.post("/api/v1/users", json=body).status_code == 401
    assert client.post("/api/v1/users", json=body, headers=staff_headers("satgas_provinsi")).status_code == 403
    assert client.post("/api/v1/users", json=body, headers=staff_headers("admin")).status_code == 201


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
