"""Demo bed reports: two weeks of daily reports from the hospitals of the areas whose case series is demo data,
a few of them late or silent so that staleness shows; and a demo hospital account."""

from __future__ import annotations

import datetime as dt
import random

import sqlalchemy as sa

from api.clock import local_today, utcnow
from api.extensions import db
from api.models import BedReport, CaseRecord, Hospital, StaffUser
from api.services.accounts import create_demo_user
from api.transactions import unit_of_work

DEMO_DAYS = 14
DEMO_HOSPITAL_USER = ("rs-djamil", "1371010")


def load_demo_beds(password: str) -> list[str]:
    """Demo reports for every hospital of a demo area that has no real report; a second load adds nothing."""
    lines = []
    username, hospital = DEMO_HOSPITAL_USER
    if (
        db.session.get(Hospital, hospital) is not None
        and db.session.scalar(sa.select(StaffUser.id).where(StaffUser.username == username)) is None
    ):
        create_demo_user(username, "rumah_sakit", password, None, hospital)
        lines.append(f"demo user {username} (rumah_sakit {hospital}) created")
    demo_areas = set(
        db.session.scalars(sa.select(CaseRecord.region_code).where(CaseRecord.source == "demo").distinct())
    )
    real = set(db.session.scalars(sa.select(BedReport.hospital_code).where(BedReport.is_demo.is_(False)).distinct()))
    hospitals = db.session.scalars(
        sa.select(Hospital).where(Hospital.region_code.in_(demo_areas)).order_by(Hospital.code)
    ).all()
    today, now = local_today(), utcnow()
    created = 0
    with unit_of_work():
        existing = set(db.session.execute(sa.select(BedReport.hospital_code, BedReport.day).where(BedReport.is_demo)))
        for hospital_row in hospitals:
            if hospital_row.code in real:
                continue
            rng = random.Random(hospital_row.code)
            # One hospital in eight has gone quiet for four days, one in eight reported only yesterday.
            quiet = rng.randrange(8)
            last = today - dt.timedelta(days=4 if quiet == 0 else 1 if quiet == 1 else 0)
            isolation = max(4, (hospital_row.beds or 40) // 8)
            icu = max(2, isolation // 5)
            for back in range(DEMO_DAYS):
                day = last - dt.timedelta(days=back)
                if (hospital_row.code, day) in existing:
                    continue
                occupied = min(isolation, round(isolation * rng.uniform(0.45, 1.0)))
                db.session.add(
                    BedReport(
                        hospital_code=hospital_row.code,
                        day=day,
                        isolation_total=isolation,
                        isolation_occupied=occupied,
                        icu_total=icu,
                        icu_occupied=rng.randint(0, icu),
                        hcu_total=None,
                        hcu_occupied=None,
                        ventilators_in_use=None,
                        admitted_today=rng.randint(0, 3),
                        reported_at=min(now, now - dt.timedelta(days=(today - day).days, hours=rng.randint(1, 6))),
                        is_demo=True,
                    )
                )
                created += 1
    lines.append(f"demo bed reports: {created} created")
    return lines


def clear_demo_beds() -> int:
    """Remove the demo bed reports (inside the caller's unit of work); returns how many."""
    count = db.session.scalar(sa.select(sa.func.count(BedReport.id)).where(BedReport.is_demo.is_(True))) or 0
    db.session.execute(sa.delete(BedReport).where(BedReport.is_demo.is_(True)))
    return count
