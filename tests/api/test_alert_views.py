"""The task force's alert views are read per page, not per alert: the number of SQL statements stays put."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import Alert, IsolationEpisode
from api.schemas.alerts import StaffAlertSchema
from api.services.alert_queue import list_alerts
from api.services.scope import Scope
from scripts.statements import counted_statements
from tests.factories import device_headers, headers_of, staff, staff_headers, start_isolation


@pytest.fixture
def busy_queue(client: FlaskClient) -> None:
    """60 alerts: isolating residents with names, strangers, some claimed by two officers, some closed."""
    officers = [headers_of(staff(username=f"officer-{number}")) for number in range(2)]
    for number in range(60):
        device = device_headers()
        if number % 3 == 0:
            start_isolation(client, device, f"Warga {number}")
        alert = client.post("/api/v1/alerts", json={"category": "medical", "region": "13.71"}, headers=device)
        assert alert.status_code == 201
        url = f"/api/v1/alerts/{alert.get_json()['id']}"
        if number % 4 == 1:
            assert client.post(url + "/claim", json={}, headers=officers[number % 2]).status_code == 200
        if number % 8 == 1:
            assert client.post(url + "/resolve", json={"outcome": "helped"}, headers=officers[1]).status_code == 200


def test_a_page_of_50_alerts_takes_as_many_statements_as_a_page_of_10(app: Flask, busy_queue: None) -> None:
    del busy_queue
    with app.test_request_context():
        list_alerts(Scope(None), limit=5)  # the per-process region names are read once, before counting
        # 52 open alerts (the last 7 claimed), then 8 closed: both pages hold claimed and closed alerts.
        with counted_statements() as small:
            ten = list_alerts(Scope(None), offset=47, limit=10)
        with counted_statements() as large:
            fifty = list_alerts(Scope(None), offset=10, limit=50)
        with counted_statements() as dumping:
            dumped = StaffAlertSchema(many=True, lang="en").dump(fifty.rows)
        names = dict(
            db.session.execute(
                sa.select(Alert.id, IsolationEpisode.name).join(
                    IsolationEpisode, IsolationEpisode.device_id == Alert.device_id
                )
            ).all()
        )
    for page in (ten.rows, fifty.rows):
        assert {"acknowledged", "resolved"} <= {view.status for view in page}
    assert (len(ten.rows), len(fifty.rows)) == (10, 50)
    assert len(large) == len(small)
    assert dumping == []
    assert {view["id"]: view["resident_name"] for view in dumped} == {
        str(view.id): names.get(view.id) for view in fifty.rows
    }
    assert any(view["resident_name"] for view in dumped)
    assert {view["acknowledged_by"] is not None for view in dumped} == {True, False}
    assert {view["routed_by_text"] for view in dumped} == {"declared by the resident: Kota Padang"}


def test_the_queue_over_http_costs_the_same_statements_for_10_and_50_alerts(
    client: FlaskClient, busy_queue: None
) -> None:
    del busy_queue
    officer = staff_headers("satgas_provinsi")
    assert client.get("/api/v1/alerts?page_size=5", headers=officer).status_code == 200
    # Both pages of the open queue end with claimed alerts (52 open, the last 7 claimed).
    with counted_statements() as small:
        ten = client.get("/api/v1/alerts?status=open&page_size=10&page=5", headers=officer).get_json()
    with counted_statements() as large:
        fifty = client.get("/api/v1/alerts?status=open&page_size=50", headers=officer).get_json()
    assert (len(ten), len(fifty)) == (10, 50)
    assert all(any(view["acknowledged_by"] for view in page) for page in (ten, fifty))
    assert len(large) == len(small)
