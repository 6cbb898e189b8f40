"""With Redis configured, the device-registration limit counts across every worker process and machine."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator

import pytest

from tests.live import request, running_server

pytestmark = pytest.mark.live
REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def two_instances(database_url: str) -> Iterator[list[tuple[str, int]]]:
    """Two separate servers (two machines, as far as the app can tell) on one database and one Redis."""
    if not redis_answers():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    # A limit string of its own, so the counters of earlier runs on the same Redis cannot interfere.
    limit = f"3 per {3600 + uuid.uuid4().int % 1000} seconds"
    settings = {"REDIS_URL": REDIS_URL, "DEVICE_REGISTRATION_LIMIT": limit}
    with (
        running_server(database_url, workers=1, **settings) as first,
        running_server(database_url, workers=1, **settings) as second,
    ):
        yield [first, second]


def test_registrations_are_limited_across_instances(two_instances: list[tuple[str, int]]) -> None:
    first, second = two_instances
    assert [request(*first, "POST", "/api/v1/devices", {})[0] for _ in range(3)] == [201] * 3
    # Each instance counting on its own would allow three more here.
    assert [request(*second, "POST", "/api/v1/devices", {})[0] for _ in range(2)] == [429] * 2
