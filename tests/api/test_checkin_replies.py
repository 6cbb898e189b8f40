"""Check-in replies written field by field are exactly the schemas' dump: new, duplicate, urgent, emergency and batch
replies, in both languages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api.resources import isolations as views
from api.schemas.isolation import CheckinBatchReplySchema, CheckinReplySchema
from screening.isolation import ADVICE
from screening.text import localize
from tests.factories import device_headers, staff_headers

NOW = dt.datetime(2021, 7, 20, 3, 0, tzinfo=dt.UTC)  # 10:00 in Padang
RASIDIN = "1371444"


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Each reply the check-in views write, beside the dump of the schema that documents it, made as the views
    made it before (in the request, whose language the schema reads), as JSON texts."""
    pairs: list[tuple[str, str]] = []

    def beside(write: Any, schema: type) -> Any:
        def both(reply: Any, lang: str) -> dict[str, Any]:
            body = write(reply, lang)
            pairs.append((_text(body), _text(schema().dump(reply))))
            return body

        return both

    monkeypatch.setattr(views, "checkin_reply_body", beside(views.checkin_reply_body, CheckinReplySchema))
    monkeypatch.setattr(
        views, "checkin_batch_reply_body", beside(views.checkin_batch_reply_body, CheckinBatchReplySchema)
    )
    return pairs


def _text(body: dict[str, Any]) -> str:
    # As JSON text: 37 and 37.0, or "1" and 1, compare equal as Python values but are different replies.
    return json.dumps(body, sort_keys=True, indent=1)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_kind_of_check_in_reply_is_the_schemas_dump(
    app: Flask, client: FlaskClient, written: list[tuple[str, str]], lang: str
) -> None:
    app.config["CLOCK"] = lambda: NOW
    # A free bed in the region, so that urgent and emergency replies name a hospital.
    counts = {"day": "2021-07-20", "isolation_total": 40, "isolation_occupied": 39, "icu_total": 8, "icu_occupied": 8}
    assert client.put(f"/api/v1/hospitals/{RASIDIN}/beds", json=counts, headers=staff_headers()).status_code == 200
    resident = {**device_headers(), "Accept-Language": lang}
    episode = client.post(
        "/api/v1/isolations",
        json={"reason": "confirmed_symptomatic", "start_date": "2021-07-16", "region": "13.71"},
        headers=resident,
    ).get_json()["id"]
    one, batch = f"/api/v1/isolations/{episode}/checkins", f"/api/v1/isolations/{episode}/checkins/batch"

    def measured(hours_ago: float) -> str:
        return (NOW - dt.timedelta(hours=hours_ago)).isoformat()

    statuses = [
        # An offline queue: yesterday's two reports, one with symptoms and a note.
        client.post(
            batch,
            json=[
                {"measured_at": measured(26), "temperature_c": 37.4, "spo2": 97, "client_id": "a"},
                {
                    "measured_at": measured(14),
                    "temperature_c": 38,
                    "symptoms": ["cough"],
                    "note": "batuk",
                    "client_id": "b",
                },
            ],
            headers=resident,
        ),
        # The same queue again with one new: duplicates beside a new one.
        client.post(
            batch,
            json=[
                {"measured_at": measured(26), "temperature_c": 37.4, "spo2": 97, "client_id": "a"},
                {"measured_at": measured(3), "spo2": 96, "pulse": 88, "respiratory_rate": 18, "client_id": "c"},
            ],
            headers=resident,
        ),
        # Stable, without a client_id; then sent twice with one.
        client.post(one, json={"measured_at": measured(2), "temperature_c": 36.9, "spo2": 98}, headers=resident),
        client.post(one, json={"measured_at": measured(1), "spo2": 97, "client_id": "d"}, headers=resident),
        client.post(one, json={"measured_at": measured(1), "spo2": 97, "client_id": "d"}, headers=resident),
        # Urgent (SpO2 94), then an emergency that opens an alert (SpO2 88, a danger sign).
        client.post(one, json={"measured_at": measured(0.5), "spo2": 94, "client_id": "e"}, headers=resident),
        client.post(
            one,
            json={"measured_at": measured(0), "spo2": 88, "danger_signs": ["chest_pain"], "client_id": "f"},
            headers=resident,
        ),
        # All of a queue sent before: 200.
        client.post(batch, json=[{"measured_at": measured(0), "spo2": 88, "client_id": "f"}], headers=resident),
    ]

    assert [reply.status_code for reply in statuses] == [201, 201, 201, 201, 200, 201, 201, 200], [
        reply.get_json() for reply in statuses
    ]
    assert len(written) == len(statuses)
    for (text, dumped), reply in zip(written, statuses, strict=True):
        assert text == dumped
        assert reply.get_json() == json.loads(text)
    # The kinds meant to be covered were met: words in the language asked for, a named hospital, an alert.
    emergency = statuses[6].get_json()
    assert (emergency["triage"], emergency["episode"]["emergency"]) == ("emergency", True)
    assert emergency["alert_id"]
    assert emergency["hospitals"][0]["code"] == RASIDIN
    assert statuses[5].get_json()["triage"] == "urgent"
    assert statuses[4].get_json()["duplicate"] is True
    assert statuses[0].get_json()["checkins"][1]["note"] == "batuk"
    assert statuses[2].get_json()["advice"] == localize(ADVICE["stable"], lang)
