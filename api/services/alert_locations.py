"""Where an alert is: routing a fix to a task force, the province's border, later fixes from the resident."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from flask import current_app

from api import events
from api.caching import per_process
from api.clock import utcnow
from api.extensions import db
from api.geo import configured_boundaries
from api.models import Alert, AlertLocation, Device
from api.services.alert_records import fresh, get_own_alert
from api.services.exceptions import Conflict, InvalidInput
from api.services.regions import region_centroids, region_exists
from api.transactions import unit_of_work
from screening.alert_routing import (
    Area,
    Polygon,
    Routing,
    areas,
    border_tolerance_km,
    choose_route,
    in_province,
    nearest,
    should_reroute,
)
from screening.alert_workflow import OPEN_STATUSES
from screening.text import bilingual

INVALID = bilingual("Isian tidak valid.", "Invalid input.")
EARLIEST_FIX = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
FIX_CLOCK_TOLERANCE = dt.timedelta(minutes=5)
_AREAS_KEY = "sumbar.province_areas"


def route(lat: float | None, lon: float | None, declared_region: str | None) -> Routing:
    """Gather what the routing rule needs (the polygon hit, the nearest centroid) and apply it."""
    polygon_code = nearest_region = None
    if lat is not None and lon is not None:
        boundaries = configured_boundaries()
        if boundaries is not None:
            hit = boundaries.region_at(lat, lon)
            polygon_code = hit if hit is not None and region_exists(hit) else None
        nearest_region = nearest(region_centroids(), lat, lon)
    return choose_route(polygon_code, nearest_region, declared_region)


def outside_province(lat: float | None, lon: float | None, accuracy_m: float | None = None) -> bool:
    """A fix clear of every kabupaten/kota the maps draw: the resident should call 112 where they are.

    Judged on the map boundaries (the shipped ones unless SUMBAR_BOUNDARIES is set), not on the routing,
    which sends a press just across the border to the nearest task force. A fix within a few km of a boundary
    (more with a coarse reported accuracy) counts as inside: the boundaries are simplified and the fix is
    uncertain, and a resident on Padang's beach must never be told they are outside (see
    screening.alert_routing.BORDER_TOLERANCE_KM).
    """
    if lat is None or lon is None:
        return False
    return not in_province(lat, lon, _province_areas(), border_tolerance_km(accuracy_m))


def _province_areas() -> tuple[Area, ...]:
    """The map boundaries' polygons with their bounding boxes, once per process and boundary file."""
    from api.services.maps import map_boundaries  # shapely loads only when a press has a location

    def build() -> tuple[Area, ...]:
        return areas(_polygons(map_boundaries()["features"]))

    return per_process(_AREAS_KEY, build, key=current_app.config.get("BOUNDARIES"))


def _polygons(features: list[dict[str, Any]]) -> list[Polygon]:
    shapes = [feature["geometry"] for feature in features]
    return [p for g in shapes for p in (g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]])]


def add_fix(
    alert_id: uuid.UUID, lat: float, lon: float, accuracy_m: float | None, located_at: dt.datetime | None
) -> None:
    """Keep every fix; the alert shows the most recent one (fixes can arrive out of order)."""
    now = utcnow()
    located_at = located_at or now
    db.session.add(
        AlertLocation(
            alert_id=alert_id, lat=lat, lon=lon, accuracy_m=accuracy_m, located_at=located_at, received_at=now
        )
    )
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert_id, sa.or_(Alert.located_at.is_(None), Alert.located_at <= located_at))
        .values(lat=lat, lon=lon, accuracy_m=accuracy_m, located_at=located_at)
        .execution_options(synchronize_session=False)
    )


def check_fix_time(located_at: dt.datetime | None, field: str = "located_at") -> None:
    """A fix from before 2020 or more than a few minutes ahead of the server's clock is a broken phone clock."""
    if located_at is None:
        return
    if located_at < EARLIEST_FIX or located_at > utcnow() + FIX_CLOCK_TOLERANCE:
        raise InvalidInput(
            INVALID,
            {
                "json": {
                    field: [
                        bilingual(
                            "Waktu lokasi tidak masuk akal (sebelum 2020 atau di masa depan); periksa jam ponsel.",
                            "The fix time is implausible (before 2020 or in the future); check the phone's clock.",
                        )
                    ]
                }
            },
        )


def add_location(alert_id: uuid.UUID, device: Device, data: dict[str, Any]) -> Alert:
    """A later fix for the device's open alert; it reroutes the alert while the rule allows (see should_reroute).

    Raises NotFound (not the device's alert), Conflict (closed) or InvalidInput (implausible fix time).
    """
    check_fix_time(data.get("located_at"))
    alert = _locate(alert_id, device, data)
    events.announce_committed()
    return alert


@unit_of_work()
def _locate(alert_id: uuid.UUID, device: Device, data: dict[str, Any]) -> Alert:
    alert = get_own_alert(alert_id, device)
    if alert.status not in OPEN_STATUSES:
        raise Conflict(bilingual("Peringatan ini sudah ditutup.", "This alert is already closed."))
    add_fix(alert.id, data["lat"], data["lon"], data.get("accuracy_m"), data.get("located_at"))
    alert = fresh(alert.id)
    if should_reroute(alert.status, alert.routed_by):
        routing = route(alert.lat, alert.lon, alert.region_code)
        db.session.execute(
            sa.update(Alert)
            .where(Alert.id == alert.id, Alert.status == alert.status, Alert.routed_by == alert.routed_by)
            .values(region_code=routing.region_code, routed_by=routing.routed_by)
            .execution_options(synchronize_session=False)
        )
    db.session.execute(
        sa.update(Alert)
        .where(Alert.id == alert.id)
        .values(updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    alert = fresh(alert.id)
    events.publish_alert(alert, "located")
    return alert
