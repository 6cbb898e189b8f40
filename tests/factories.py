"""Builders of stored test data (staff, devices, responses) with keyword defaults; they need the app."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from flask.testing import FlaskClient

from api.clock import utcnow
from api.extensions import db
from api.models import Region, StaffUser
from api.services.accounts import create_staff_user, issue_staff_token
from api.services.devices import register_device
from api.transactions import unit_of_work
from scripts.answers import risk_answers, self_screening_answers

PASSWORD = "correct-horse-battery"


def staff(role: str = "satgas_provinsi", region: str | None = None, username: str | None = None) -> StaffUser:
    """The staff member with that name, created on first use (one per role and region by default)."""
    username = username or f"{role.replace('_', '-')}-{region or 'all'}"
    existing = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
    return existing or create_staff_user(username, role, PASSWORD, region)


def staff_headers(role: str = "satgas_provinsi", region: str | None = None) -> dict[str, str]:
    return headers_of(staff(role, region))


def attend_every_region() -> None:
    """An officer on duty in every kabupaten/kota (accounts no one signs in to), so that a new alert starts at the
    foot of the ladder and waits for its timer (api.services.alert_escalation.alert_arrived)."""
    with unit_of_work():
        for code in db.session.scalars(sa.select(Region.code)):
            db.session.add(
                StaffUser(
                    username=f"jaga-{code}",
                    password_hash="!",
                    role="satgas_kabkota",
                    region_code=code,
                    on_duty=True,
                    created_at=utcnow(),
                )
            )


def headers_of(user: StaffUser) -> dict[str, str]:
    token, _ = issue_staff_token(user)
    return {"Authorization": f"Bearer {token}"}


def hospital_staff(hospital: str) -> StaffUser:
    """The rumah_sakit account of one hospital, created on first use."""
    username = f"rs-{hospital}"
    existing = db.session.scalar(sa.select(StaffUser).where(StaffUser.username == username))
    return existing or create_staff_user(username, "rumah_sakit", PASSWORD, None, hospital)


def device_headers() -> dict[str, str]:
    _, token = register_device("android", "1.0.0")
    return {"Authorization": f"Bearer {token}"}


def submit(
    client: FlaskClient, questionnaire: str = "self-screening", headers: dict[str, str] | None = None, **body: Any
) -> Any:
    body.setdefault(
        "answers", self_screening_answers() if questionnaire == "self-screening" else risk_answers(questionnaire)
    )
    return client.post(f"/api/v1/questionnaires/{questionnaire}/responses", json=body, headers=headers or {})


def start_isolation(
    client: FlaskClient, headers: dict[str, str], name: str, reason: str = "confirmed_asymptomatic"
) -> dict[str, Any]:
    """A home isolation in Kota Padang from today, registered by the device with `headers`."""
    created = client.post(
        "/api/v1/isolations",
        json={"reason": reason, "start_date": dt.date.today().isoformat(), "region": "13.71", "name": name},
        headers=headers,
    )
    assert created.status_code == 201, created.get_json()
    episode: dict[str, Any] = created.get_json()
    return episode


def situation_reply_of(region: str, lang: str) -> dict[str, Any] | None:
    """An area's situation as a screening result shows it today, in `lang` (None for an unknown area)."""
    from api.clock import local_today
    from api.services.intelligence import region_situation
    from surveillance.situation import situation_reply

    situation = region_situation(region)
    return None if situation is None else situation_reply(situation, lang, local_today())
