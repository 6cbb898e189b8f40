"""Starting a home-isolation episode (from the resident's answers or a self-screening result) and correcting where."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from api.clock import local_date, utcnow
from api.extensions import db
from api.models import Device, IsolationEpisode, ScreeningResponse
from api.services.exceptions import Conflict, InvalidInput
from api.services.isolation_records import INVALID, event, field_error, own_episode
from api.services.regions import check_region
from api.transactions import unit_of_work
from screening import isolation as rules
from screening import isolation_events as events
from screening import isolation_monitoring as monitoring
from screening.text import bilingual


@dataclass(frozen=True)
class ScreeningStart:
    """What a self-screening result implies for an episode: reason, start date and region."""

    reason: str
    start: dt.date
    region_code: str | None


def _from_screening(device: Device, response_id: uuid.UUID) -> ScreeningStart:
    """Reason, start date and region implied by one of this device's self-screening results.

    Suspect and symptomatic results count from the symptom onset the resident gave (KMK 413/2020 counts
    from onset), else from the screening date; close contacts from the last contact, else the screening date.
    """
    response = db.session.get(ScreeningResponse, response_id)
    if response is None or response.device_id != device.id or response.questionnaire_id != "self-screening":
        raise field_error(
            "screening_response_id",
            "Hasil periksa mandiri tidak ditemukan untuk perangkat ini.",
            "No self-screening result of this device has that id.",
        )
    implied = rules.start_from_self_screening(response.category, response.answers, local_date(response.created_at))
    if implied is not None:
        reason, start = implied
        return ScreeningStart(reason, start, response.region_code)
    raise field_error(
        "screening_response_id",
        "Hasil periksa mandiri ini tidak memerlukan isolasi mandiri di rumah.",
        "This self-screening result does not call for home isolation.",
    )


@unit_of_work()
def start_episode(device: Device, data: dict[str, Any]) -> IsolationEpisode:
    """Start an episode; a screening result fills reason, start date and region the body leaves out.

    Raises InvalidInput when the reason, start date or region is unknown, or the start date is out of range.
    """
    reason, start, region = data.get("reason"), data.get("start_date"), data.get("region")
    if data.get("screening_response_id"):
        implied = _from_screening(device, data["screening_response_id"])
        reason, start, region = reason or implied.reason, start or implied.start, region or implied.region_code
    if reason is None:
        raise field_error(
            "reason", "Wajib diisi (atau kirim screening_response_id).", "Required (or send screening_response_id)."
        )
    if start is None:
        raise field_error(
            "start_date", "Wajib diisi (atau kirim screening_response_id).", "Required (or send screening_response_id)."
        )
    if region is None:
        # Without a region no kabupaten/kota task force would ever see the episode.
        raise field_error(
            "region",
            "Wajib diisi: kode kabupaten/kota tempat isolasi (atau kirim hasil periksa mandiri yang memuatnya).",
            "Required: the code of the kabupaten/kota where you isolate (or a screening result that has it).",
        )
    problem = monitoring.start_date_problem(start, local_date(utcnow()))
    if problem is not None:
        raise InvalidInput(INVALID, {"json": {"start_date": [problem]}})
    check_region(region)
    now = utcnow()
    episode = IsolationEpisode(
        id=uuid.uuid4(),
        device_id=device.id,
        reason=reason,
        start_date=start,
        end_date=rules.planned_end(reason, start),
        region_code=region,
        name=data.get("name"),
        phone=data.get("phone"),
        address=data.get("address"),
        lat=data.get("lat"),
        lon=data.get("lon"),
        screening_response_id=data.get("screening_response_id"),
        status="active",
        created_at=now,
        updated_at=now,
    )
    db.session.add(episode)
    db.session.flush()
    event(episode, "start", "resident", details=events.started(reason, start))
    return episode


@unit_of_work()
def change_place(episode_id: uuid.UUID, device: Device, data: dict[str, Any]) -> IsolationEpisode:
    """The resident corrects where they isolate: address and pin are replaced together (audited, without the
    address itself, which is kept only on the episode).

    Raises NotFound (not this device's episode) or Conflict (closed: nobody will come any more).
    """
    episode = own_episode(episode_id, device)
    if episode.status != "active":
        raise Conflict(bilingual("Episode isolasi ini sudah ditutup.", "This isolation episode is closed."))
    episode.address, episode.lat, episode.lon = data.get("address"), data.get("lat"), data.get("lon")
    episode.updated_at = utcnow()
    event(episode, "place_changed", "resident")
    return episode
