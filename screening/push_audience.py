"""Who among the officers is pushed an alert: those on duty where it is, else the province, and admins at the top."""

from __future__ import annotations

from screening.alert_workflow import LEVEL_ADMIN, LEVEL_PROVINSI

KABKOTA = "satgas_kabkota"
PROVINSI = "satgas_provinsi"
ADMIN = "admin"


def officers_to_push(level: int, region_code: str | None, kabkota_on_duty: bool) -> str:
    """The role to push an alert at escalation `level` to.

    A new alert goes to the kabupaten/kota officers on duty in its region; a region with nobody on duty, or an
    alert with no region, goes straight to the province. An escalation goes to the province, then to admins.
    """
    if level >= LEVEL_ADMIN:
        return ADMIN
    if level >= LEVEL_PROVINSI or region_code is None or not kabkota_on_duty:
        return PROVINSI
    return KABKOTA
