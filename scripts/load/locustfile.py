"""The peak hour's flows for Locust (run by scripts/load/peak.py): each flow's rate times LOAD_SCALE.

Rates (scripts/load/rates.py): self-screenings 100/s; check-ins from the people in isolation, each once in the peak hour
(20,000 / 3600 s = 5.6/s); 1 panic press per second, each followed by a later location fix; 5 console
officers holding live streams; the public dashboard at 20 page views per second (the page, its layout,
its callbacks' description and the summary charts callback). Each user starts an iteration about once a pace
(scripts/load/rates.py) on a schedule of its own (PacedUser), so replies slower than that lower the achieved rate,
which the report shows.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import time
import uuid
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import gevent
from locust import FastHttpUser, User, constant_pacing, events, task

from scripts.answers import self_screening_answers
from scripts.bench_dashboard import callback_request
from scripts.load.rates import OFFICERS, PACE_JITTER, rates, users

SCALE = float(os.environ.get("LOAD_SCALE", "1"))
SEEDS: dict[str, Any] = json.loads(Path(os.environ["LOAD_SEEDS"]).read_text())
PEOPLE = SEEDS["isolating"]
RATES = rates(len(PEOPLE))
# When each alert was pressed, for the officers' streams to time its arrival (all users share this process).
PRESSED: dict[str, float] = {}
ANSWERS = self_screening_answers(fever=True, cough=True, contact_with_case=True)


class PacedUser(FastHttpUser):
    """One of many people acting independently: a request about once a `pace`, at times of its own.

    Locust starts every user in the same instant, and with a constant pace they would all stay in step: the
    whole flow's requests of a pace would arrive together in one burst, which no crowd of residents does. Each
    user starts at a random point of its first pace and then keeps a schedule whose gaps vary by up to
    PACE_JITTER either way (the flows' arrivals are then spread as independent people's are). A reply slower
    than the gap delays only that user's next request, as constant_pacing does: no burst to catch up.
    """

    abstract = True
    pace = 1.0

    def on_start(self) -> None:
        self.planned = time.monotonic() + random.uniform(0, self.pace)
        gevent.sleep(self.planned - time.monotonic())

    def wait_time(self) -> float:
        now = time.monotonic()
        self.planned = max(self.planned + self.pace * random.uniform(1 - PACE_JITTER, 1 + PACE_JITTER), now)
        return self.planned - now


def check(reply: Any, *expected: int) -> None:
    if reply.status_code not in expected:
        reply.failure(f"status {reply.status_code}")


class Screening(PacedUser):
    fixed_count, pace = users(RATES["screening"], SCALE)

    @task
    def screen(self) -> None:
        body = {"answers": {**ANSWERS, "age": random.randint(1, 90)}, "region": "13.71"}
        path = "/api/v1/questionnaires/self-screening/responses"
        with self.client.post(path, json=body, name="screening", catch_response=True) as reply:
            check(reply, 201)


class Checkin(PacedUser):
    fixed_count, pace = users(RATES["checkin"], SCALE)

    @task
    def check_in(self) -> None:
        token, episode = random.choice(PEOPLE)
        body = {
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
            "temperature_c": round(random.uniform(36.2, 37.8), 1),
            "spo2": random.randint(94, 99),
            "pulse": random.randint(60, 100),
            "client_id": uuid.uuid4().hex,
        }
        headers = {"Authorization": f"Bearer {token}"}
        url = f"/api/v1/isolations/{episode}/checkins"
        with self.client.post(url, json=body, headers=headers, name="check-in", catch_response=True) as reply:
            check(reply, 201)


class Panic(PacedUser):
    fixed_count, pace = users(RATES["panic"], SCALE)

    @task
    def press(self) -> None:
        headers = {"Authorization": f"Bearer {random.choice(SEEDS['panic'])}"}
        body = {"category": "breathing", "lat": -0.95 + random.uniform(-0.2, 0.2), "lon": 100.35, "accuracy_m": 25}
        pressed = time.monotonic()
        with self.client.post(
            "/api/v1/alerts", json=body, headers=headers, name="panic press", catch_response=True
        ) as reply:
            check(reply, 200, 201)
            if reply.status_code != 201:
                return
            alert = reply.json()["id"]
        PRESSED[alert] = pressed
        fix = {"lat": body["lat"] + 0.0005, "lon": 100.3505, "accuracy_m": 8}
        with self.client.post(
            f"/api/v1/alerts/{alert}/locations", json=fix, headers=headers, name="location fix", catch_response=True
        ) as reply:
            check(reply, 201)


class Officer(User):
    """Holds the live stream open (resuming when the server ends it) and times each new alert's arrival."""

    fixed_count = OFFICERS
    wait_time = constant_pacing(1)
    number: ClassVar[int] = 0

    def on_start(self) -> None:
        self.token = SEEDS["officers"][Officer.number % len(SEEDS["officers"])]
        Officer.number += 1
        self.last_id = ""

    @task
    def watch(self) -> None:
        address = urlsplit(self.host)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        headers = {"Authorization": f"Bearer {self.token}", "Last-Event-ID": self.last_id}
        opened = time.monotonic()
        try:
            connection.request("GET", "/api/v1/alerts/stream", headers=headers)
            reply = connection.getresponse()
            events.request.fire(
                request_type="GET",
                name="stream open",
                response_time=1000 * (time.monotonic() - opened),
                response_length=0,
                exception=None if reply.status == 200 else Exception(f"status {reply.status}"),
            )
            if reply.status != 200:
                return
            kind = data = ""
            for raw in reply:
                line = raw.decode().rstrip("\n")
                if line.startswith("id: "):
                    self.last_id = line[4:]
                elif line.startswith("event: "):
                    kind = line[7:]
                elif line.startswith("data: "):
                    data = line[6:]
                elif line == "" and data:
                    if kind == "created":
                        pressed = PRESSED.get(json.loads(data)["alert"]["id"])
                        if pressed is not None:
                            events.request.fire(
                                request_type="SSE",
                                name="stream: press -> console",
                                response_time=1000 * (time.monotonic() - pressed),
                                response_length=len(data),
                                exception=None,
                            )
                    kind = data = ""
        except OSError as error:
            events.request.fire(
                request_type="GET", name="stream open", response_time=0, response_length=0, exception=error
            )
        finally:
            connection.close()


class Dashboard(PacedUser):
    fixed_count, pace = users(RATES["dashboard"], SCALE)

    @task
    def page_view(self) -> None:
        started = time.monotonic()
        failed = None
        declared: list[dict[str, Any]] = []
        for path in ("/", "/_dash-layout", "/_dash-dependencies"):
            with self.client.get(path, name=f"dashboard {path}", catch_response=True) as reply:
                check(reply, 200)
                failed = failed or (reply.status_code != 200 and path)
                if path == "/_dash-dependencies" and reply.status_code == 200:
                    declared = reply.json()
        # The request the page itself would make, shaped from the dependencies it was just sent.
        body = callback_request(declared, "summary charts callback") if declared else {}
        path = "/_dash-update-component"
        with self.client.post(path, json=body, name="dashboard summary callback", catch_response=True) as reply:
            check(reply, 200)
            failed = failed or (reply.status_code != 200 and path)
        events.request.fire(
            request_type="PAGE",
            name="dashboard page view",
            response_time=1000 * (time.monotonic() - started),
            response_length=0,
            exception=Exception(f"{failed} failed") if failed else None,
        )
