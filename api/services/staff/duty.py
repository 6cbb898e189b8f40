"""Officers on duty: each switches themself; the province's task force and admins see and set it per region."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from api.extensions import db
from api.models import StaffUser
from api.services import push
from api.services.exceptions import NotFound
from api.services.staff.roles import RESPONDERS, admit
from api.streams import listening
from screening.text import bilingual

# The roles that go on duty; admins are told of what nobody handled whether or not they are.
OFFICERS = ("satgas_kabkota", "satgas_provinsi")
# Who sees the whole roster and puts others on or off duty.
DUTY_KEEPERS = ("admin", "satgas_provinsi")

NOT_AN_OFFICER = bilingual(
    "Petugas tidak ditemukan (hanya akun Satgas aktif yang bisa bertugas).",
    "Officer not found (only active task-force accounts go on duty).",
)


@dataclass(frozen=True)
class DutyOfficer:
    """An officer on the roster: `region_code` None covers the whole province; `listening`, a console is open."""

    id: int
    username: str
    role: str
    region_code: str | None
    on_duty: bool
    listening: bool


def _officers() -> sa.ColumnElement[bool]:
    return sa.and_(StaffUser.is_active.is_(True), StaffUser.role.in_(OFFICERS))


def set_own_duty(user: StaffUser, on_duty: bool) -> StaffUser:
    """A responder goes on or off duty."""
    admit(user, RESPONDERS)
    return push.set_on_duty(user, on_duty)


def set_officer_duty(user: StaffUser, officer_id: int, on_duty: bool) -> StaffUser:
    """The province's task force or an admin puts an officer on or off duty (NotFound for anyone else's id)."""
    admit(user, DUTY_KEEPERS)
    officer = db.session.scalar(sa.select(StaffUser).where(StaffUser.id == officer_id, _officers()))
    if officer is None:
        raise NotFound(NOT_AN_OFFICER)
    return push.set_on_duty(officer, on_duty)


def duty_roster(user: StaffUser) -> list[DutyOfficer]:
    """Every active officer, the province's (satgas_provinsi) first, then by region and username, on duty or not."""
    admit(user, DUTY_KEEPERS)
    query = (
        sa.select(
            StaffUser.id,
            StaffUser.username,
            StaffUser.role,
            StaffUser.region_code,
            StaffUser.on_duty,
            listening().label("listening"),
        )
        .where(_officers())
        .order_by(StaffUser.role.desc(), StaffUser.region_code, StaffUser.username)
    )
    return [DutyOfficer(*row) for row in db.session.execute(query)]


def on_duty_by_region(user: StaffUser) -> dict[str | None, list[str]]:
    """Officers on duty by the region they cover (None: the province)."""
    found: dict[str | None, list[str]] = {}
    for officer in duty_roster(user):
        if officer.on_duty:
            found.setdefault(officer.region_code, []).append(officer.username)
    return found
