"""Residents' personal data: the notice, the retention purge, export and erasure, the record of staff reads."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from api.extensions import db
from api.models import (
    Alert,
    AlertEvent,
    AlertLocation,
    AlertPress,
    Checkin,
    IsolationEpisode,
    IsolationEvent,
    LoginFailure,
    ScreeningResponse,
    StaffAccess,
)
from api.services.privacy import require_privacy_contact
from api.transactions import unit_of_work
from scripts.answers import self_screening_answers
from scripts.live import ROOT
from tests.factories import attend_every_region, staff, staff_headers

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)
PHONE = "0812 1111 2222"


def at(app: Flask, moment: dt.datetime) -> None:
    app.config["CLOCK"] = lambda: moment


def register(client: FlaskClient) -> dict[str, str]:
    token = client.post("/api/v1/devices", json={"platform": "web"}).get_json()["token"]
    return {"Authorization": f"Bearer {token}"}


def resident_with_everything(client: FlaskClient) -> tuple[dict[str, str], dict[str, Any]]:
    """A resident who screened, isolates with two check-ins, and pressed the panic button (with a fix)."""
    headers = register(client)
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    screening = client.post(
        "/api/v1/questionnaires/self-screening/responses", json={"answers": answers, "region": "13.71"}, headers=headers
    ).get_json()
    episode = client.post(
        "/api/v1/isolations",
        json={"screening_response_id": screening["id"], "name": "Ibu Rina", "phone": PHONE},
        headers=headers,
    ).get_json()
    for hours, spo2 in ((3, 97), (1, 95)):
        measured = (NOW - dt.timedelta(hours=hours)).isoformat()
        client.post(
            f"/api/v1/isolations/{episode['id']}/checkins",
            json={"measured_at": measured, "spo2": spo2},
            headers=headers,
        )
    alert = client.post(
        "/api/v1/alerts",
        json={"category": "breathing", "note": "sesak di rumah", "phone": PHONE, "lat": -0.9, "lon": 100.4},
        headers=headers,
    ).get_json()
    client.post("/api/v1/alerts", json={"category": "breathing", "note": "makin sesak"}, headers=headers)
    return headers, {"screening": screening, "episode": episode, "alert": alert}


def test_the_privacy_notice_says_what_how_long_and_who_in_both_languages(app: Flask, client: FlaskClient) -> None:
    app.config["RETENTION_ALERT_DAYS"] = 45
    notice = client.get("/api/v1/privacy").get_json()
    english = client.get("/api/v1/privacy?lang=en").get_json()
    assert notice["version"] == english["version"]
    assert notice["lang"] == "id"
    assert notice["title"].startswith("Pemberitahuan privasi")
    assert english["title"] == "Sumbar Siaga privacy notice"
    text = " ".join(s["text"] for s in english["sections"])
    assert "45 days" in text
    assert "90 days" in text
    assert "erase" in text
    assert [s["heading"] for s in english["sections"]][:2] == ["Who handles your data", "What we keep"]


def test_the_notice_names_the_configured_contact_and_no_placeholder_when_there_is_none(
    app: Flask, client: FlaskClient
) -> None:
    def first_section(lang: str) -> str:
        return str(client.get(f"/api/v1/privacy?lang={lang}").get_json()["sections"][0]["text"])

    app.config["PRIVACY_CONTACT"] = None
    assert first_section("en").endswith("handles the data you send through this app.")
    assert "hotline" not in first_section("en") + first_section("id")
    app.config["PRIVACY_CONTACT"] = "data@satgas.test, 0751 123456"
    assert first_section("en").endswith("Questions and requests about your data: data@satgas.test, 0751 123456.")
    assert first_section("id").endswith("Pertanyaan dan permintaan tentang data Anda: data@satgas.test, 0751 123456.")


@pytest.mark.parametrize("contact", [None, "", "   "])
def test_a_web_server_without_a_privacy_contact_refuses_to_start_and_says_what_to_set(contact: str | None) -> None:
    with pytest.raises(RuntimeError, match="SUMBAR_PRIVACY_CONTACT") as refused:
        require_privacy_contact({"PRIVACY_CONTACT": contact, "TRY_OUT": False})
    assert "SUMBAR_TRY_OUT=true" in str(refused.value)


def test_the_try_out_and_a_configured_deployment_start() -> None:
    require_privacy_contact({"PRIVACY_CONTACT": None, "TRY_OUT": True})
    require_privacy_contact({"PRIVACY_CONTACT": "data@satgas.test", "TRY_OUT": False})


def test_the_wsgi_target_refuses_to_start_without_a_contact_outside_the_try_out(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if key not in {"SUMBAR_PRIVACY_CONTACT", "SUMBAR_TRY_OUT"}}
    env.update(
        SUMBAR_DATABASE_URL=f"sqlite:///{tmp_path}/refuse.sqlite3",
        SUMBAR_CACHE_DIR=str(tmp_path / "cache"),
        SUMBAR_SECRET_KEY=secrets.token_urlsafe(48),
        PYTHONPATH=str(ROOT),
    )
    # Started from an empty folder, so that no .env of the working copy fills in a contact.
    started = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert started.returncode != 0
    assert "SUMBAR_PRIVACY_CONTACT is not set" in started.stderr


def test_a_resident_downloads_everything_stored_for_the_phone(app: Flask, client: FlaskClient) -> None:
    at(app, NOW)
    headers, made = resident_with_everything(client)
    data = client.get("/api/v1/devices/me/data", headers=headers).get_json()
    assert data["device"]["platform"] == "web"
    assert [r["id"] for r in data["screening_responses"]] == [made["screening"]["id"]]
    assert data["screening_responses"][0]["answers"]["fever"] is True
    [alert] = data["alerts"]
    assert (alert["phone"], alert["note"], alert["press_count"]) == (PHONE, "sesak di rumah", 2)
    assert [p["note"] for p in alert["presses"]] == ["sesak di rumah", "makin sesak"]
    assert alert["locations"][0]["lat"] == -0.9
    [episode] = data["isolation_episodes"]
    assert (episode["name"], episode["phone"]) == ("Ibu Rina", PHONE)
    assert [c["spo2"] for c in episode["checkins"]] == [97, 95]
    # Another phone sees none of it.
    assert client.get("/api/v1/devices/me/data", headers=register(client)).get_json()["alerts"] == []


def test_erasure_removes_the_residents_data_and_cleans_an_open_alert_once_it_closes(
    app: Flask, client: FlaskClient
) -> None:
    at(app, NOW)
    headers, made = resident_with_everything(client)
    other, _ = resident_with_everything(client)
    assert client.delete("/api/v1/devices/me", headers=headers).status_code == 204
    assert client.get("/api/v1/devices/me/data", headers=headers).status_code == 401
    response = db.session.get(ScreeningResponse, uuid.UUID(made["screening"]["id"]))
    assert response is not None
    assert response.device_id is None
    assert response.answers["fever"] is True  # kept, without a link to anyone, for the statistics
    assert db.session.get(IsolationEpisode, uuid.UUID(made["episode"]["id"])) is None
    alert = db.session.get(Alert, uuid.UUID(made["alert"]["id"]))
    assert alert is not None
    # Still open: the responders keep the phone and the location until they close it.
    assert (alert.phone, alert.lat, alert.erase_requested_at is not None) == (PHONE, -0.9, True)
    officer = staff_headers("satgas_provinsi")
    client.post(f"/api/v1/alerts/{alert.id}/claim", json={}, headers=officer)
    client.post(f"/api/v1/alerts/{alert.id}/resolve", json={"outcome": "helped"}, headers=officer)
    db.session.expire_all()
    alert = db.session.get(Alert, alert.id)
    assert alert is not None
    assert (alert.phone, alert.note, alert.lat, alert.status) == (None, None, None, "resolved")
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(AlertLocation).where(AlertLocation.alert_id == alert.id)
        )
        == 0
    )
    notes = db.session.scalars(sa.select(AlertPress.note).where(AlertPress.alert_id == alert.id)).all()
    assert notes == [None, None]
    # The other resident's data is untouched.
    assert len(client.get("/api/v1/devices/me/data", headers=other).get_json()["isolation_episodes"]) == 1


def test_the_retention_table_is_applied_by_the_purge_with_an_injected_clock(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    at(app, NOW)
    headers, made = resident_with_everything(client)
    officer = staff_headers("satgas_provinsi")
    alert_id = made["alert"]["id"]
    client.post(f"/api/v1/alerts/{alert_id}/claim", json={}, headers=officer)
    client.post(f"/api/v1/alerts/{alert_id}/resolve", json={"outcome": "helped"}, headers=officer)
    client.post(
        f"/api/v1/isolations/{made['episode']['id']}/close",
        json={"outcome": "completed", "early_reason": "PCR negatif"},
        headers=officer,
    )
    with unit_of_work():
        db.session.add(LoginFailure(username="rina", client_address="10.0.0.1", at=NOW))

    def purge(days: float) -> str:
        moment = (NOW + dt.timedelta(days=days)).astimezone(dt.timezone(dt.timedelta(hours=7))).isoformat()
        result = runner.invoke(args=["privacy", "purge", "--now", moment])
        assert result.exit_code == 0, result.output
        db.session.expire_all()
        return result.output

    def linked() -> bool:
        response = db.session.get(ScreeningResponse, uuid.UUID(made["screening"]["id"]))
        return response is not None and response.device_id is not None

    purge(6)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertEvent)) > 0
    purge(8)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertEvent)) == 0
    purge(29)
    assert linked()
    purge(31)
    assert not linked()
    alert = db.session.get(Alert, uuid.UUID(alert_id))
    assert alert is not None
    assert alert.phone == PHONE  # 31 days after it was resolved: still kept
    output = purge(91)
    assert "alerts: 1" in output
    alert = db.session.get(Alert, uuid.UUID(alert_id))
    episode = db.session.get(IsolationEpisode, uuid.UUID(made["episode"]["id"]))
    assert alert is not None
    assert episode is not None
    assert (alert.phone, alert.note, alert.lat) == (None, None, None)
    # What the response-time figures and the statistics need stays.
    assert (alert.category, alert.region_code, alert.outcome) == ("breathing", "13.71", "helped")
    assert alert.acknowledged_at is not None
    assert (episode.name, episode.phone, episode.reason, episode.status) == (None, None, "suspect", "completed")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Checkin)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginFailure)) == 0
    # Running it again changes nothing.
    assert "alerts: 0" in purge(92)
    # The resident's token was last used at NOW; after the idle period the device goes too.
    purge(181)
    assert client.get("/api/v1/devices/me/data", headers=headers).status_code == 401


def test_retention_removes_the_health_findings_kept_as_codes_with_the_notes(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    at(app, NOW)
    headers = register(client)
    body = {"reason": "suspect", "start_date": "2021-07-08", "region": "13.71", "name": "Ibu Rina"}
    episode = client.post("/api/v1/isolations", json=body, headers=headers).get_json()["id"]
    reply = client.post(
        f"/api/v1/isolations/{episode}/checkins", json={"measured_at": NOW.isoformat(), "spo2": 88}, headers=headers
    ).get_json()
    officer = staff_headers("satgas_provinsi")
    client.post(f"/api/v1/alerts/{reply['alert_id']}/claim", json={}, headers=officer)
    client.post(f"/api/v1/alerts/{reply['alert_id']}/resolve", json={"outcome": "referred"}, headers=officer)
    client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "referred"}, headers=officer)
    alert = db.session.get(Alert, uuid.UUID(reply["alert_id"]))
    assert alert is not None
    assert alert.reasons == ["spo2_below_90"]
    moment = (NOW + dt.timedelta(days=91)).isoformat()
    assert runner.invoke(args=["privacy", "purge", "--now", moment]).exit_code == 0
    db.session.expire_all()
    assert (alert.reasons, alert.cause) == (None, "emergency_checkin")
    details = db.session.scalars(sa.select(IsolationEvent.details).where(IsolationEvent.details.is_not(None))).all()
    assert details == []


def test_a_bad_purge_moment_is_refused(runner: FlaskCliRunner) -> None:
    for value in ("yesterday", "2021-07-10T02:00:00"):
        result = runner.invoke(args=["privacy", "purge", "--now", value])
        assert result.exit_code != 0
        assert "--now" in result.output


def test_staff_reads_of_personal_data_are_recorded_and_listed_for_admins(app: Flask, client: FlaskClient) -> None:
    at(app, NOW)
    _, made = resident_with_everything(client)
    staff("satgas_kabkota", "13.71", username="satgas-padang")
    officer = staff_headers("satgas_kabkota", "13.71")
    for _ in range(3):  # the same read within ten minutes is one record
        client.get(f"/api/v1/alerts/{made['alert']['id']}", headers=officer)
    client.get("/api/v1/isolations", headers=officer)
    client.get(f"/api/v1/isolations/{made['episode']['id']}", headers=officer)
    db.session.rollback()  # the requests shared this session; see what they committed on their own connection
    rows = db.session.execute(sa.select(StaffAccess.username, StaffAccess.action, StaffAccess.subject)).all()
    assert sorted(tuple(r) for r in rows) == sorted(
        [
            ("satgas-kabkota-13.71", "alerts.read", made["alert"]["id"]),
            ("satgas-kabkota-13.71", "isolations.list", None),
            ("satgas-kabkota-13.71", "isolations.read", made["episode"]["id"]),
        ]
    )
    listed = client.get("/api/v1/access-log?username=satgas-kabkota-13.71", headers=staff_headers("admin"))
    assert listed.status_code == 200
    assert {r["action"] for r in listed.get_json()} == {"alerts.read", "isolations.list", "isolations.read"}
    assert client.get("/api/v1/access-log", headers=officer).status_code == 403


def test_an_alert_nobody_closes_expires_and_retention_and_erasure_then_reach_it(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    at(app, NOW)
    _, kept = resident_with_everything(client)
    leaving, erased = resident_with_everything(client)
    assert client.delete("/api/v1/devices/me", headers=leaving).status_code == 204

    def run_job(hours: float) -> None:
        at(app, NOW + dt.timedelta(hours=hours))
        result = runner.invoke(args=["jobs", "run", "expire_alerts"])
        assert result.exit_code == 0, result.output
        db.session.expire_all()

    def stored(made: dict[str, Any]) -> Alert:
        alert = db.session.get(Alert, uuid.UUID(made["alert"]["id"]))
        assert alert is not None
        return alert

    run_job(71)
    assert stored(kept).status == "new"
    run_job(73)
    alert = stored(kept)
    assert (alert.status, alert.expired_at, alert.phone) == ("expired", NOW + dt.timedelta(hours=73), PHONE)
    officer = staff_headers("satgas_provinsi")
    detail = client.get(f"/api/v1/alerts/{alert.id}", headers=officer).get_json()
    assert detail["status"] == "expired"
    last = detail["transitions"][-1]
    assert (last["action"], last["from_status"], last["to_status"], last["actor"]) == (
        "expire",
        "new",
        "expired",
        "system",
    )
    assert last["note"].startswith("expire_alerts")
    listed = client.get("/api/v1/alerts?status=expired", headers=officer).get_json()
    assert {a["id"] for a in listed} == {made["alert"]["id"] for made in (kept, erased)}
    # The resident who asked for erasure while the alert was open: cleaned now that it has closed.
    gone = stored(erased)
    assert (gone.status, gone.phone, gone.note, gone.lat) == ("expired", None, None, None)
    # Retention counts from the expiry like from any other closing.
    at(app, NOW)
    moment = (NOW + dt.timedelta(hours=73, days=91)).isoformat()
    result = runner.invoke(args=["privacy", "purge", "--now", moment])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    alert = stored(kept)
    assert (alert.phone, alert.note, alert.lat, alert.status) == (None, None, None, "expired")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AlertLocation)) == 0


def test_a_larger_read_within_the_repeat_window_is_recorded_and_screening_reads_too(
    app: Flask, client: FlaskClient
) -> None:
    at(app, NOW)
    officer = staff_headers("satgas_provinsi")
    first, _ = resident_with_everything(client)
    client.get("/api/v1/alerts", headers=officer)
    client.get("/api/v1/alerts", headers=officer)  # the same read again: one record
    resident_with_everything(client)
    client.get("/api/v1/alerts", headers=officer)  # now two alerts: a read of more records
    responses = client.get("/api/v1/screening-responses", headers=officer).get_json()
    client.get(f"/api/v1/screening-responses/{responses[0]['id']}", headers=officer)
    db.session.rollback()
    rows = db.session.execute(
        sa.select(StaffAccess.action, StaffAccess.subject, StaffAccess.records).order_by(StaffAccess.id)
    ).all()
    assert [tuple(r) for r in rows] == [
        ("alerts.list", None, 1),
        ("alerts.list", None, 2),
        ("screening.list", None, 2),
        ("screening.read", responses[0]["id"], 1),
    ]


def test_the_export_carries_the_notes_staff_wrote_about_the_resident(app: Flask, client: FlaskClient) -> None:
    at(app, NOW)
    attend_every_region()  # the alert waits at the foot of the ladder: its history is the press and the claim
    headers, made = resident_with_everything(client)
    officer = staff_headers("satgas_provinsi")
    alert_url = f"/api/v1/alerts/{made['alert']['id']}"
    client.post(alert_url + "/claim", json={"note": "ditelepon, napas berat"}, headers=officer)
    client.post(f"/api/v1/isolations/{made['episode']['id']}/notes", json={"note": "keluarga cemas"}, headers=officer)
    data = client.get("/api/v1/devices/me/data", headers=headers).get_json()
    [alert] = data["alerts"]
    assert [(h["action"], h["actor"], h["note"]) for h in alert["history"]] == [
        ("raise", "resident", "sesak di rumah"),
        ("claim", "staff", "ditelepon, napas berat"),
    ]
    [episode] = data["isolation_episodes"]
    assert ("staff", "keluarga cemas") in [(h["actor"], h["note"]) for h in episode["history"]]
    assert "staff" not in alert["history"][1]  # who wrote it is the task force's, not the resident's, data
