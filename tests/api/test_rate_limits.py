"""Limits a crowd behind one carrier's NAT does not reach, which still refuse a flood with 429 and Retry-After."""

from __future__ import annotations

import time

from flask import Flask
from flask.testing import FlaskClient
from limits import parse_many

from api.config import Config
from api.services.tokens import DEVICE_PREFIX
from tests.factories import device_headers, submit


def per_minute(setting: str) -> int:
    return next(item.amount for item in parse_many(setting) if item.GRANULARITY.name == "minute")


def test_a_hundred_residents_behind_one_address_all_register_within_a_minute(client: FlaskClient) -> None:
    codes = [client.post("/api/v1/devices", json={}).status_code for _ in range(100)]
    assert codes == [201] * 100


def test_registrations_past_the_address_limit_are_refused_with_retry_after(client: FlaskClient) -> None:
    allowed = per_minute(Config.DEVICE_REGISTRATION_LIMIT)
    assert allowed >= 300  # a NAT pool's crowd, not one phone's
    codes = {client.post("/api/v1/devices", json={}).status_code for _ in range(allowed)}
    refused = client.post("/api/v1/devices", json={})
    assert codes == {201}
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    # Residents who already have their device go on screening from the same address.
    assert submit(client, headers=device_headers()).status_code == 201


def test_a_hundred_anonymous_screenings_from_one_address_all_succeed(client: FlaskClient) -> None:
    assert [submit(client).status_code for _ in range(100)] == [201] * 100


def test_a_device_is_limited_by_its_own_token_not_by_its_neighbours(app: Flask, client: FlaskClient) -> None:
    allowed = per_minute(app.config["SCREENING_DEVICE_LIMIT"])
    flooding, neighbour = device_headers(), device_headers()
    assert {submit(client, headers=flooding).status_code for _ in range(allowed)} == {201}
    refused = submit(client, headers=flooding)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    # The same address: another device and an anonymous resident are not refused for it.
    assert submit(client, headers=neighbour).status_code == 201
    assert submit(client).status_code == 201


def test_anonymous_screenings_past_the_address_limit_are_refused(app: Flask, client: FlaskClient) -> None:
    app.config["SCREENING_ADDRESS_LIMIT"] = "5 per minute"
    assert [submit(client).status_code for _ in range(6)] == [201] * 5 + [429]
    assert submit(client, headers=device_headers()).status_code == 201  # a device answers for itself


def test_made_up_device_tokens_are_counted_on_their_address(app: Flask, client: FlaskClient) -> None:
    # A token the server never issued gets no counter of its own: otherwise a fresh one per request would
    # step around the address limit (the view then refuses it with 401 anyway).
    app.config["SCREENING_ADDRESS_LIMIT"] = "5 per minute"
    made_up = [{"Authorization": f"Bearer {DEVICE_PREFIX}made-up-{n}"} for n in range(6)]
    assert [submit(client, headers=headers).status_code for headers in made_up] == [401] * 5 + [429]


def test_limited_replies_say_how_many_are_left_and_a_refusal_when_to_retry(app: Flask, client: FlaskClient) -> None:
    app.config["SCREENING_ADDRESS_LIMIT"] = "2 per minute"
    first, second, refused = (submit(client) for _ in range(3))
    assert [first.headers["X-RateLimit-Remaining"], second.headers["X-RateLimit-Remaining"]] == ["1", "0"]
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert int(first.headers["X-RateLimit-Reset"]) > time.time()
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    assert "Retry-After" not in first.headers
    # A device's own limit and counter, from the same address.
    device = submit(client, headers=device_headers())
    assert device.status_code == 201
    assert device.headers["X-RateLimit-Limit"] == str(per_minute(app.config["SCREENING_DEVICE_LIMIT"]))
