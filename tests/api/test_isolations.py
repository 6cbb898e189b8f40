"""Home isolation over HTTP: episodes, offline check-ins, triage consequences, jobs, scope and privacy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from api.extensions import db
from api.models import Alert, Checkin, IsolationEpisode
from scripts.answers import self_screening_answers
from tests.factories import device_headers, staff_headers, submit

NOW = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)  # 09:00 in Padang


@pytest.fixture(autouse=True)
def fixed_clock(app: Flask) -> None:
    app.config["CLOCK"] = lambda: NOW


def at(app: Flask, moment: dt.datetime) -> None:
    app.config["CLOCK"] = lambda: moment


def start(client: FlaskClient, headers: dict[str, str], **body: Any) -> Any:
    body.setdefault("reason", "confirmed_symptomatic")
    body.setdefault("start_date", "2021-07-07")
    body.setdefault("region", "13.71")
    return client.post("/api/v1/isolations", json=body, headers=headers)


def checkin(hours_ago: float = 0, **values: Any) -> dict[str, Any]:
    return {"measured_at": (NOW - dt.timedelta(hours=hours_ago)).isoformat(), **values}


def send(client: FlaskClient, episode: str, headers: dict[str, str], body: Any) -> Any:
    """One check-in, or the app's offline queue (a list) to the batch endpoint."""
    path = "checkins/batch" if isinstance(body, list) else "checkins"
    return client.post(f"/api/v1/isolations/{episode}/{path}", json=body, headers=headers)


def test_an_episode_shows_day_n_of_m_counted_from_the_official_start(client: FlaskClient) -> None:
    reply = start(client, device_headers(), reason="confirmed_asymptomatic", start_date="2021-07-07", name="Rina")
    assert reply.status_code == 201
    body = reply.get_json()
    assert (body["day"], body["total_days"], body["end_date"], body["status"]) == (4, 10, "2021-07-17", "active")
    assert [r["slot"] for r in body["reminders_today"]] == ["morning", "evening"]
    assert body["name"] == "Rina"
    assert body["history"] == []


def test_a_suspect_self_screening_result_starts_the_episode(client: FlaskClient) -> None:
    headers = device_headers()
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    response = submit(client, headers=headers, answers=answers, region="13.71").get_json()
    assert response["result"]["home_isolation_reason"] == "suspect"  # the app offers isolation from this
    body = client.post(
        "/api/v1/isolations", json={"screening_response_id": response["id"], "region": "13.71"}, headers=headers
    )
    assert body.status_code == 201
    assert (body.get_json()["reason"], body.get_json()["start_date"]) == ("suspect", "2021-07-10")


def test_a_result_that_does_not_call_for_isolation_says_so_and_cannot_start_one(client: FlaskClient) -> None:
    headers = device_headers()
    response = submit(client, headers=headers, answers=self_screening_answers(), region="13.71").get_json()
    assert (response["result"]["category"], response["result"]["home_isolation_reason"]) == ("low_risk", None)
    refused = client.post("/api/v1/isolations", json={"screening_response_id": response["id"]}, headers=headers)
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["json"]["screening_response_id"] == [
        "Hasil periksa mandiri ini tidak memerlukan isolasi mandiri di rumah."
    ]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IsolationEpisode)) == 0


def test_a_close_contact_result_starts_quarantine_from_the_last_contact(client: FlaskClient) -> None:
    headers = device_headers()
    answers = self_screening_answers(contact_with_case=True, last_contact_date="2021-07-08")
    response = submit(client, headers=headers, answers=answers, region="13.06").get_json()
    body = client.post("/api/v1/isolations", json={"screening_response_id": response["id"]}, headers=headers).get_json()
    assert (body["reason"], body["start_date"], body["end_date"]) == ("close_contact", "2021-07-08", "2021-07-22")


def test_an_episode_from_a_screening_keeps_its_region_so_the_kabkota_task_force_sees_it(client: FlaskClient) -> None:
    headers = device_headers()
    answers = self_screening_answers(fever=True, cough=True, contact_with_case=True)
    response = submit(client, headers=headers, answers=answers, region="13.71").get_json()
    reply = client.post("/api/v1/isolations", json={"screening_response_id": response["id"]}, headers=headers)
    assert reply.status_code == 201
    assert reply.get_json()["region"] == "13.71"
    episode = reply.get_json()["id"]
    padang = staff_headers("satgas_kabkota", "13.71")
    assert [e["id"] for e in client.get("/api/v1/isolations", headers=padang).get_json()] == [episode]
    assert client.get(f"/api/v1/isolations/{episode}", headers=padang).status_code == 200
    agam = staff_headers("satgas_kabkota", "13.06")
    assert client.get(f"/api/v1/isolations/{episode}", headers=agam).status_code == 404


def test_a_region_in_the_body_wins_over_the_screenings(client: FlaskClient) -> None:
    headers = device_headers()
    answers = self_screening_answers(contact_with_case=True)
    response = submit(client, headers=headers, answers=answers, region="13.71").get_json()
    body = {"screening_response_id": response["id"], "region": "13.06"}
    assert client.post("/api/v1/isolations", json=body, headers=headers).get_json()["region"] == "13.06"


def test_an_episode_without_any_known_region_gets_422_on_region_and_stores_nothing(client: FlaskClient) -> None:
    headers = device_headers()
    response = submit(client, headers=headers, answers=self_screening_answers(contact_with_case=True)).get_json()
    for body in ({"screening_response_id": response["id"]}, {"reason": "suspect", "start_date": "2021-07-07"}):
        for lang, word in (("id", "Wajib diisi"), ("en", "Required")):
            reply = client.post("/api/v1/isolations", json=body, headers={**headers, "Accept-Language": lang})
            assert reply.status_code == 422
            assert reply.get_json()["errors"]["json"]["region"][0].startswith(word)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(IsolationEpisode)) == 0


@pytest.mark.parametrize(
    ("answers", "reason", "start_date"),
    [
        (
            {"fever": True, "cough": True, "contact_with_case": True, "symptom_onset_date": "2021-07-05"},
            "suspect",
            "2021-07-05",
        ),
        ({"fever": True, "cough": True, "contact_with_case": True}, "suspect", "2021-07-10"),
        ({"headache": True, "symptom_onset_date": "2021-07-08"}, "symptomatic", "2021-07-08"),
        ({"headache": True}, "symptomatic", "2021-07-10"),
    ],
)
def test_suspect_and_symptomatic_results_count_from_symptom_onset_when_given(
    client: FlaskClient, answers: dict[str, Any], reason: str, start_date: str
) -> None:
    headers = device_headers()
    response = submit(client, headers=headers, answers=self_screening_answers(**answers), region="13.71").get_json()
    body = client.post("/api/v1/isolations", json={"screening_response_id": response["id"]}, headers=headers)
    assert body.status_code == 201, body.get_json()
    assert (body.get_json()["reason"], body.get_json()["start_date"]) == (reason, start_date)
    # KMK 413/2020: onset + 13 days at least, for suspect and symptomatic alike.
    onset = dt.date.fromisoformat(start_date)
    assert body.get_json()["end_date"] == (onset + dt.timedelta(days=13)).isoformat()


def test_a_symptom_onset_in_the_future_is_refused(client: FlaskClient) -> None:
    reply = submit(client, answers=self_screening_answers(headache=True, symptom_onset_date="2021-07-11"))
    assert reply.status_code == 422
    assert "symptom_onset_date" in reply.get_json()["errors"]["json"]["answers"]


def test_results_that_do_not_call_for_isolation_and_other_devices_results_are_refused(client: FlaskClient) -> None:
    headers = device_headers()
    low = submit(client, headers=headers).get_json()
    reply = client.post("/api/v1/isolations", json={"screening_response_id": low["id"]}, headers=headers)
    assert reply.status_code == 422
    assert "screening_response_id" in reply.get_json()["errors"]["json"]
    mine = submit(client, headers=headers, answers=self_screening_answers(contact_with_case=True)).get_json()
    stranger = client.post("/api/v1/isolations", json={"screening_response_id": mine["id"]}, headers=device_headers())
    assert stranger.status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "flu", "start_date": "2021-07-07"},
        {"reason": "suspect"},
        {"reason": "suspect", "start_date": "2021-07-11"},
        {"reason": "suspect", "start_date": "2021-05-01"},
        {"reason": "suspect", "start_date": "07/07/2021"},
        {"reason": "suspect", "start_date": "2021-07-07", "region": "99.99"},
        {"reason": "suspect", "start_date": "2021-07-07", "phone": "no phone"},
    ],
)
def test_bad_episodes_get_422(client: FlaskClient, body: dict[str, Any]) -> None:
    reply = client.post("/api/v1/isolations", json=body, headers=device_headers())
    assert reply.status_code == 422, reply.get_json()


def test_a_checkin_reply_carries_triage_and_what_to_do_now(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    stable = send(client, episode, headers, checkin(spo2=97, temperature_c=37.0, client_id="c1"))
    assert stable.status_code == 201
    assert stable.get_json()["triage"] == "stable"
    assert stable.get_json()["advice"].startswith("Kondisi Anda stabil")
    english = client.post(
        f"/api/v1/isolations/{episode}/checkins",
        json=checkin(spo2=94, client_id="c2"),
        headers={**headers, "Accept-Language": "en"},
    )
    assert english.get_json()["triage"] == "urgent"
    assert "today" in english.get_json()["advice"]
    assert english.get_json()["episode"]["flags"] == ["urgent"]


def test_an_emergency_checkin_opens_one_monitoring_alert_linked_to_the_episode(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, phone="0812 3333 4444").get_json()["id"]
    first = send(client, episode, headers, checkin(spo2=88, client_id="e1")).get_json()
    send(client, episode, headers, checkin(-0.1, danger_signs=["bluish_lips"], client_id="e2"))
    assert first["triage"] == "emergency"
    assert first["alert_id"]
    alerts = db.session.scalars(sa.select(Alert)).all()
    assert [(a.type, str(a.episode_id), a.region_code, a.phone) for a in alerts] == [
        ("monitoring", episode, "13.71", "0812 3333 4444")
    ]
    queue = client.get("/api/v1/alerts", headers=staff_headers("satgas_kabkota", "13.71")).get_json()
    assert queue[0]["type"] == "monitoring"
    assert queue[0]["episode"] == episode


def test_an_offline_queue_is_stored_once_and_ordered_by_measurement_time(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    queue = [
        checkin(2, spo2=95, client_id="q3"),
        checkin(26, spo2=99, client_id="q1"),
        checkin(14, spo2=98, client_id="q2"),
    ]
    first = send(client, episode, headers, queue)
    assert first.status_code == 201
    assert first.get_json()["stored"] == 3
    # q3 is 95 after 98 within 24 hours: a fall of 3 points, urgent, although it arrived first.
    assert [(c["client_id"], c["triage"]) for c in first.get_json()["checkins"]] == [
        ("q3", "urgent"),
        ("q1", "stable"),
        ("q2", "stable"),
    ]
    again = send(client, episode, headers, [*queue, checkin(1, spo2=96, client_id="q4")])
    assert again.get_json()["stored"] == 1
    assert [c["duplicate"] for c in again.get_json()["checkins"]] == [True, True, True, False]
    assert send(client, episode, headers, queue[0]).status_code == 200
    history = client.get(f"/api/v1/isolations/{episode}", headers=headers).get_json()["history"]
    assert [c["client_id"] for c in history] == ["q1", "q2", "q3", "q4"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Checkin)) == 4


def test_a_checkin_reply_shows_the_episode_as_the_checkin_left_it(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    before = client.get(f"/api/v1/isolations/{episode}", headers=headers).get_json()
    assert [r["done"] for r in before["reminders_today"]] == [False, False]
    first = send(client, episode, headers, checkin(1, spo2=88, client_id="a")).get_json()
    assert first["episode"]["emergency"] is True
    assert first["episode"]["flags"] == ["urgent"]
    assert first["episode"]["last_checkin_at"] == checkin(1)["measured_at"]
    assert [r["done"] for r in first["episode"]["reminders_today"]] == [True, False]  # 08:00 in Padang
    # A stable check-in later: the alert the first opened is still open, and the episode still flagged.
    later = send(client, episode, headers, checkin(spo2=97, client_id="b")).get_json()
    assert (later["triage"], later["alert_id"]) == ("stable", None)
    assert later["episode"]["emergency"] is True
    assert later["episode"]["last_checkin_at"] == checkin()["measured_at"]
    assert later["episode"]["adherence"]["days_reported"] == first["episode"]["adherence"]["days_reported"] == 1
    # Sent again: given back as it was stored, its alert included.
    again = send(client, episode, headers, checkin(1, spo2=88, client_id="a"))
    assert again.status_code == 200
    assert {k: again.get_json()[k] for k in ("duplicate", "triage", "reasons", "alert_id", "spo2")} == {
        "duplicate": True,
        "triage": "emergency",
        "reasons": ["spo2_below_90"],
        "alert_id": first["alert_id"],
        "spo2": 88,
    }
    stored = client.get(f"/api/v1/isolations/{episode}", headers=headers).get_json()
    assert stored["last_checkin_at"] == later["episode"]["last_checkin_at"]
    assert [(c["client_id"], c["alert_id"]) for c in stored["history"]] == [("a", first["alert_id"]), ("b", None)]


def test_a_checkin_reads_its_episode_and_the_earlier_checkins_once(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    send(client, episode, headers, [checkin(26, spo2=97, client_id="h1"), checkin(14, spo2=98, client_id="h2")])
    reads: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            reads.extend(table for table in ("isolation_episodes", "checkins") if f"FROM {table}" in statement)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        reply = send(client, episode, headers, checkin(2, spo2=95, client_id="n"))
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    assert reply.status_code == 201
    # Triaged against the earlier check-ins all the same: 98 twelve hours before.
    assert reply.get_json()["reasons"] == ["spo2_fell_3_points_in_24h"]
    assert sorted(reads) == ["checkins", "isolation_episodes"]


def test_the_symptomatic_end_date_moves_with_reported_symptoms(app: Flask, client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, start_date="2021-07-01").get_json()
    assert episode["end_date"] == "2021-07-14"
    later = dt.datetime(2021, 7, 13, 3, 0, tzinfo=dt.UTC)
    at(app, later)
    body = {"measured_at": later.isoformat(), "symptoms": ["cough"], "client_id": "s1"}
    reply = send(client, episode["id"], headers, body).get_json()
    assert reply["episode"]["end_date"] == "2021-07-16"


def test_bad_checkins_get_422_per_item_and_store_nothing(client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    batch = [
        checkin(1, spo2=97),
        checkin(2, spo2=101, temperature_c=46),
        checkin(3, symptoms=["hiccups"]),
        {"spo2": 97},
        checkin(-2),
    ]
    reply = send(client, episode, headers, batch)
    assert reply.status_code == 422
    errors = reply.get_json()["errors"]["json"]
    assert set(errors) == {"1", "2", "3"}
    assert set(errors["1"]) == {"spo2", "temperature_c"}
    future = send(client, episode, headers, [checkin(1), checkin(-2)])
    assert future.status_code == 422
    assert set(future.get_json()["errors"]["json"]) == {"1"}
    assert send(client, episode, headers, []).status_code == 422
    assert send(client, episode, headers, "text").status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Checkin)) == 0


def test_another_device_cannot_read_or_report_into_an_episode(client: FlaskClient) -> None:
    episode = start(client, device_headers(), name="Rina", phone="0812 5555 6666").get_json()["id"]
    stranger = device_headers()
    assert client.get(f"/api/v1/isolations/{episode}", headers=stranger).status_code == 404
    assert send(client, episode, stranger, checkin(spo2=97)).status_code == 404
    assert client.get(f"/api/v1/isolations/{episode}").status_code == 401


def test_names_and_phones_reach_only_staff_in_scope(client: FlaskClient) -> None:
    episode = start(client, device_headers(), name="Rina", phone="0812 5555 6666").get_json()["id"]
    padang = client.get(f"/api/v1/isolations/{episode}", headers=staff_headers("satgas_kabkota", "13.71")).get_json()
    assert (padang["name"], padang["phone"]) == ("Rina", "0812 5555 6666")
    agam = staff_headers("satgas_kabkota", "13.06")
    assert client.get(f"/api/v1/isolations/{episode}", headers=agam).status_code == 404
    assert client.get("/api/v1/isolations", headers=agam).get_json() == []
    assert client.get("/api/v1/isolations?region=13.71", headers=agam).status_code == 403
    assert client.get("/api/v1/isolations", headers=staff_headers("editor")).status_code == 403


def test_staff_list_shows_adherence_and_filters_by_flag(app: Flask, client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, start_date="2021-07-07").get_json()["id"]
    send(client, episode, headers, [checkin(48, spo2=97, client_id="a"), checkin(1, spo2=93, client_id="b")])
    staff = staff_headers("satgas_provinsi")
    [row] = client.get("/api/v1/isolations?flag=urgent", headers=staff).get_json()
    # Registered today (10 July) with a start on 7 July: days before registration are not counted as missed.
    assert (row["adherence"]["days_reported"], row["adherence"]["days_missed"]) == (2, 0)
    states = [g["state"] for g in row["adherence"]["grid"]][:5]
    assert states == ["not_monitored", "reported", "not_monitored", "reported", "future"]
    assert client.get("/api/v1/isolations?flag=silent", headers=staff).get_json() == []


def test_days_after_registration_without_a_report_are_missed(app: Flask, client: FlaskClient) -> None:
    headers = device_headers()
    episode = start(client, headers, start_date="2021-07-07").get_json()["id"]
    at(app, NOW + dt.timedelta(days=3))
    send(client, episode, headers, checkin(-72, spo2=97, client_id="late"))
    body = client.get(f"/api/v1/isolations/{episode}", headers=headers).get_json()
    states = [g["state"] for g in body["adherence"]["grid"]][:7]
    # 7-9 July before registration, 10-12 July monitored without reports, 13 July (today) reported.
    assert states == ["not_monitored"] * 3 + ["missed"] * 3 + ["reported"]
    assert (body["adherence"]["days_reported"], body["adherence"]["days_missed"]) == (1, 3)


def test_staff_close_episodes_and_every_change_is_audited(client: FlaskClient) -> None:
    episode = start(client, device_headers()).get_json()["id"]
    staff = staff_headers("satgas_kabkota", "13.71")
    assert (
        client.post(
            f"/api/v1/isolations/{episode}/notes", json={"note": "called, feels better"}, headers=staff
        ).status_code
        == 201
    )
    closed = client.post(
        f"/api/v1/isolations/{episode}/close", json={"outcome": "hospitalized", "note": "RSUP"}, headers=staff
    )
    assert closed.get_json()["status"] == "hospitalized"
    again = client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "completed"}, headers=staff)
    assert again.status_code == 409
    events = client.get(f"/api/v1/isolations/{episode}", headers=staff).get_json()["events"]
    assert [(e["action"], e["staff"]) for e in events] == [
        ("start", None),
        ("note", "satgas-kabkota-13.71"),
        ("close:hospitalized", "satgas-kabkota-13.71"),
    ]
    assert (
        client.post(f"/api/v1/isolations/{episode}/close", json={"outcome": "cured"}, headers=staff).status_code == 422
    )


def test_jobs_remind_at_12_hours_flag_silence_at_24_escalate_at_48(app: Flask, client: FlaskClient) -> None:
    from api.services.isolation_monitoring import flag_silent_episodes as isolation_silence
    from api.services.isolation_monitoring import send_checkin_reminders as isolation_reminders

    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    send(client, episode, headers, checkin(0, spo2=97, client_id="last"))

    def after(hours: float) -> None:
        at(app, NOW + dt.timedelta(hours=hours))

    after(11.9)
    assert isolation_reminders() == 0
    after(12)
    assert isolation_reminders() == 1
    assert isolation_reminders() == 0
    after(23.9)
    assert isolation_silence() == {"silent": 0, "escalated": 0}
    after(24)
    assert isolation_reminders() == 1
    assert isolation_silence() == {"silent": 1, "escalated": 0}
    after(48)
    assert isolation_silence() == {"silent": 0, "escalated": 1}
    assert isolation_silence() == {"silent": 0, "escalated": 0}
    [alert] = db.session.scalars(sa.select(Alert)).all()
    assert (alert.type, str(alert.episode_id)) == ("monitoring", episode)
    view = client.get(f"/api/v1/isolations/{episode}", headers=staff_headers("satgas_provinsi")).get_json()
    assert view["flags"] == ["silent", "escalated"]
    assert [e["action"] for e in view["events"]].count("reminder") == 2


def test_system_events_are_stored_as_codes_with_details_and_read_in_the_callers_language(
    app: Flask, client: FlaskClient
) -> None:
    from api.services.isolation_monitoring import flag_silent_episodes as isolation_silence
    from api.services.isolation_monitoring import send_checkin_reminders as isolation_reminders

    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    reasons = send(client, episode, headers, checkin(0, spo2=88, client_id="low")).get_json()["reasons"]
    for hours, job in ((12, isolation_reminders), (24, isolation_silence), (48, isolation_silence)):
        at(app, NOW + dt.timedelta(hours=hours))
        job()
    send(client, episode, headers, {"measured_at": (NOW + dt.timedelta(hours=48)).isoformat(), "spo2": 97})
    staff = staff_headers("satgas_provinsi")
    url = f"/api/v1/isolations/{episode}"
    english = client.get(url, headers={**staff, "Accept-Language": "en"}).get_json()["events"]
    assert [(e["action"], e["details"], e["note"]) for e in english] == [
        ("start", {"reason": "confirmed_symptomatic", "from": "2021-07-07"}, None),
        ("flag_urgent", {"reasons": reasons}, None),
        ("alert_opened", {"reasons": reasons}, None),
        ("reminder", {"hours": 12, "since": NOW.isoformat()}, None),
        ("flag_silent", {"hours": 24}, None),
        ("escalated", {"hours": 48}, None),
        ("unflag_silent", {"cause": "checkin_received"}, None),
    ]
    assert reasons == ["spo2_below_90"]
    assert [e["text"] for e in english] == [
        "Episode started (Confirmed, symptomatic, from 7 Jul 2021)",
        "Flagged: check today — Oxygen saturation (SpO2) below 90%.",
        "Emergency alert opened — Oxygen saturation (SpO2) below 90%.",
        "Reminder sent — no check-in for 12 hours",
        "Flagged: silent 24 h — no check-in for 24 hours",
        "Escalated to the alert queue — no check-in for 48 hours",
        "'Silent' flag lowered — check-in received",
    ]
    indonesian = client.get(url, headers=staff).get_json()["events"]
    assert [e["text"] for e in indonesian][::3] == [
        "Episode dimulai (Konfirmasi bergejala, mulai 7 Jul 2021)",
        "Pengingat dikirim — tidak ada laporan selama 12 jam",
        "Tanda 'tidak melapor' diturunkan — laporan diterima",
    ]


def test_a_new_checkin_lowers_the_silent_flag(app: Flask, client: FlaskClient) -> None:
    from api.services.isolation_monitoring import flag_silent_episodes as isolation_silence

    headers = device_headers()
    episode = start(client, headers).get_json()["id"]
    at(app, NOW + dt.timedelta(hours=30))
    isolation_silence()
    reply = send(client, episode, headers, {"measured_at": (NOW + dt.timedelta(hours=30)).isoformat(), "spo2": 97})
    assert reply.get_json()["episode"]["flags"] == []


def test_episodes_past_their_end_complete_unless_flagged(app: Flask, client: FlaskClient) -> None:
    from api.services.isolation_monitoring import complete_finished_episodes as isolation_completion

    quiet = start(client, device_headers(), reason="close_contact", start_date="2021-07-01").get_json()["id"]
    headers = device_headers()
    flagged = start(client, headers, reason="close_contact", start_date="2021-07-01").get_json()["id"]
    send(client, flagged, headers, checkin(spo2=93))
    at(app, dt.datetime(2021, 7, 14, 16, 0, tzinfo=dt.UTC))  # 23:00 on the 14th in Padang
    assert isolation_completion() == 0
    at(app, dt.datetime(2021, 7, 14, 17, 0, tzinfo=dt.UTC))  # 00:00 on the 15th, the release date
    assert isolation_completion() == 1
    staff = staff_headers("satgas_provinsi")
    statuses = {e["id"]: e["status"] for e in client.get("/api/v1/isolations", headers=staff).get_json()}
    assert statuses == {quiet: "completed", flagged: "active"}


def test_an_episode_with_an_open_alert_is_an_emergency_and_comes_first(client: FlaskClient) -> None:
    quiet_device, sick_device = device_headers(), device_headers()
    quiet = start(client, quiet_device).get_json()["id"]
    send(client, quiet, quiet_device, checkin(spo2=93, client_id="u"))  # urgent, no alert
    sick = start(client, sick_device).get_json()["id"]
    send(client, sick, sick_device, checkin(spo2=88, client_id="e"))  # emergency: an alert opens
    staff = staff_headers("satgas_provinsi")
    rows = client.get("/api/v1/isolations", headers=staff).get_json()
    assert [(r["id"], r["emergency"]) for r in rows] == [(sick, True), (quiet, False)]
    assert client.get(f"/api/v1/isolations/{sick}", headers=staff).get_json()["emergency"] is True
    [alert] = client.get("/api/v1/alerts", headers=staff).get_json()
    client.post(f"/api/v1/alerts/{alert['id']}/claim", json={}, headers=staff)
    client.post(f"/api/v1/alerts/{alert['id']}/resolve", json={"outcome": "referred"}, headers=staff)
    assert client.get(f"/api/v1/isolations/{sick}", headers=staff).get_json()["emergency"] is False


def test_the_console_counts_emergencies_and_urgent_episodes_in_scope_once_each(client: FlaskClient) -> None:
    from api.services.isolation import count_flagged
    from api.services.scope import Scope

    for spo2, region in ((93, "13.71"), (93, "13.06"), (88, "13.71")):
        device = device_headers()
        episode = start(client, device, region=region).get_json()["id"]
        send(client, episode, device, checkin(spo2=spo2, client_id="x"))
    province = count_flagged(Scope(regions=None))
    padang = count_flagged(Scope(regions=frozenset({"13.71"})))
    assert (province.emergency, province.urgent) == (1, 2)
    assert (padang.emergency, padang.urgent) == (1, 1)


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        (
            "id",
            "Wajib diisi: isolasi ini baru hari ke-4 dari 13. Menutupnya sebagai selesai sekarang melepas warga "
            "10 hari sebelum tanggal selesai (2021-07-20)",
        ),
        (
            "en",
            "Required: this isolation is only on day 4 of 13. Closing it as completed now releases the resident "
            "10 days before the release date (2021-07-20)",
        ),
    ],
)
def test_completing_before_the_release_date_needs_a_reason_and_changes_nothing_without(
    client: FlaskClient, lang: str, message: str
) -> None:
    episode = start(client, device_headers(), start_date="2021-07-07").get_json()["id"]
    staff = staff_headers("satgas_kabkota", "13.71")
    path = f"/api/v1/isolations/{episode}/close?lang={lang}"
    refused = client.post(path, json={"outcome": "completed", "note": "feels fine"}, headers=staff)
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["json"]["early_reason"][0].startswith(message)
    assert client.get(f"/api/v1/isolations/{episode}", headers=staff).get_json()["status"] == "active"
    closed = client.post(
        path, json={"outcome": "completed", "early_reason": "PCR negatif 9 Juli", "note": "sehat"}, headers=staff
    )
    assert closed.get_json()["status"] == "completed"
    last = client.get(f"/api/v1/isolations/{episode}?lang=en", headers=staff).get_json()["events"][-1]
    assert (last["details"], last["note"]) == ({"days_early": 10}, "PCR negatif 9 Juli · sehat")
    assert last["text"] == "Closed: Completed — 10 days before the release date"


def test_other_outcomes_and_completing_on_the_release_date_need_no_reason(app: Flask, client: FlaskClient) -> None:
    staff = staff_headers("satgas_kabkota", "13.71")
    referred = start(client, device_headers(), start_date="2021-07-07").get_json()["id"]
    reply = client.post(f"/api/v1/isolations/{referred}/close", json={"outcome": "referred"}, headers=staff)
    assert reply.status_code == 200
    due = start(client, device_headers(), start_date="2021-07-07").get_json()["id"]
    at(app, dt.datetime(2021, 7, 20, 2, 0, tzinfo=dt.UTC))  # the release date, 09:00 in Padang
    staff = staff_headers("satgas_kabkota", "13.71")  # a sign-in of that day
    reply = client.post(f"/api/v1/isolations/{due}/close", json={"outcome": "completed"}, headers=staff)
    assert reply.status_code == 200
    assert client.get(f"/api/v1/isolations/{due}", headers=staff).get_json()["events"][-1]["details"] is None
