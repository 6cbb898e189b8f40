"""The dashboard's only door into the API package: queries returning plain data."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from marshmallow import ValidationError

from api import clock, events
from api.auth import staff_from_session
from api.caching import recent
from api.clock import local_zone, utcnow
from api.models import PROVINCE_CODE, StaffUser
from api.schemas.alerts import StaffAlertSchema
from api.schemas.instructions import InstructionSchema
from api.schemas.isolation import EpisodeSchema, EpisodeSummarySchema
from api.schemas.push import PushSubscriptionInSchema
from api.services import (
    accounts,
    alert_views,
    alerts,
    bed_reports,
    case_stats,
    hospitals,
    instructions,
    intelligence,
    isolation,
    maps,
    open_data,
    privacy,
    push,
)
from api.services.alert_views import StaffAlertView
from api.services.exceptions import NotFound, PermissionDenied
from api.services.exceptions import ServiceError as ServiceError  # pages catch it without importing api
from api.services.regions import list_regions
from api.services.scope import Scope
from api.services.staff import alerts as staff_alerts
from api.services.staff import duty as staff_duty
from api.services.staff import isolation as staff_isolation
from api.services.staff.roles import MAX_PAGE_SIZE, RESPONDERS, admit
from screening.text import DEFAULT_LANG, bilingual
from surveillance import early_warning, published


def staff_view(view: StaffAlertView, lang: str = "id") -> dict[str, Any]:
    """An alert as the console shows it: the same staff view the API and the live stream give, its sentences
    in the page's language."""
    return dict(StaffAlertSchema(lang=lang).dump(view))


def now() -> dt.datetime:
    return utcnow()


def regions_table() -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "capital": r.capital,
            "population_2020": r.population_2020,
            "area_km2": r.area_km2,
        }
        for r in list_regions()
    ]


def console_user() -> dict[str, Any] | None:
    """The staff member signed in to the console, or None."""
    user = staff_from_session()
    if user is None:
        return None
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "on_duty": user.on_duty,
        "keeps_duty": user.role in staff_duty.DUTY_KEEPERS,
        "hospital": hospitals.get_hospital(user.hospital_code).name if user.hospital_code else None,
        "region": user.region_code,
        "can_respond": user.role in RESPONDERS,
        "demo_accounts": accounts.demo_accounts_exist(),
        # Names of accounts anyone could sign in to: for admins only, who can change them.
        "demo_password_accounts": accounts.real_accounts_with_demo_password() if user.role == "admin" else [],
    }


SIGN_IN_FIRST = bilingual("Masuk sebagai Satgas dulu.", "Sign in as task-force staff first.")
# Open alerts are a bounded set (they expire), so one page of the largest size holds the whole queue; the board
# takes a page like the API's default, most worrying first.
QUEUE_PAGE = MAX_PAGE_SIZE
BOARD_PAGE = 100


@dataclass(frozen=True)
class Page:
    """One page of a staff list as the console shows it, and how many the whole list holds."""

    rows: list[dict[str, Any]]
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)


def _signed_in() -> StaffUser:
    """The staff member signed in to the console; the staff use cases then check the role and the region."""
    user = staff_from_session()
    if user is None:
        raise PermissionDenied(SIGN_IN_FIRST)
    return user


def _responder() -> tuple[StaffUser, Scope]:
    """For the console's follow-up actions: the signed-in responder and the regions it acts in."""
    user = _signed_in()
    return user, admit(user, RESPONDERS)


def console_duty(switch: bool = False) -> bool:
    """Whether the signed-in officer is on duty, after switching it when asked."""
    user = _signed_in()
    if switch:
        user = staff_duty.set_own_duty(user, not user.on_duty)
    return bool(user.on_duty)


def duty_roster() -> list[dict[str, Any]]:
    """Every active officer with whether they are on duty and have a console open (admins, satgas_provinsi)."""
    return [vars(officer) for officer in staff_duty.duty_roster(_signed_in())]


def set_duty(officer_id: int, on_duty: bool) -> dict[str, Any]:
    """Put an officer on or off duty: the signed-in responder themself, or (admins, satgas_provinsi) another."""
    user = _signed_in()
    if officer_id == user.id:
        officer = staff_duty.set_own_duty(user, on_duty)
    else:
        officer = staff_duty.set_officer_duty(user, officer_id, on_duty)
    return {"username": officer.username, "on_duty": officer.on_duty}


def console_push_subscription(subscription: Any) -> bool:
    """Keep the console browser's push subscription for the signed-in officer; False when it is not a valid one."""
    user = _signed_in()
    try:
        body = PushSubscriptionInSchema().load(subscription if isinstance(subscription, dict) else {})
        push.subscribe_staff(user, body)
    except (ValidationError, ServiceError):
        return False
    return True


def open_alerts(lang: str = "id") -> Page:
    """Open alerts in queue order (unclaimed, severity, age), as the console shows them, with their number."""
    listing = staff_alerts.alert_list(_signed_in(), status="open", limit=QUEUE_PAGE)
    return Page([staff_view(a, lang) for a in listing.rows], listing.total)


def alert_queue(lang: str = "id") -> list[dict[str, Any]]:
    """The open alerts of open_alerts, without their number."""
    return open_alerts(lang).rows


def alert_history(lang: str = "id", limit: int = 30) -> list[dict[str, Any]]:
    """The most recently resolved or cancelled alerts, latest first."""
    return [staff_view(a, lang) for a in staff_alerts.closed_alerts(_signed_in(), limit)]


def flagged_episodes() -> dict[str, int]:
    """Active isolation episodes in the responder's scope that are emergencies, and those flagged urgent."""
    counts = staff_isolation.flagged_counts(_signed_in())
    return {"emergency": counts.emergency, "urgent": counts.urgent}


def act_on_alert(alert_id: str, action: str, outcome: str | None = None) -> dict[str, Any]:
    """Claim, dispatch or resolve (with the outcome the responder chose) as the signed-in responder; raises the
    service errors (409, 404)."""
    user, scope = _responder()
    target = uuid.UUID(alert_id)
    if action == "claim":
        return staff_view(alert_views.staff_view(alerts.claim_alert(target, user, scope)))
    if action == "dispatch":
        return staff_view(alert_views.staff_view(alerts.dispatch_alert(target, user, scope)))
    if action == "resolve" and outcome:
        return staff_view(alert_views.staff_view(alerts.resolve_alert(target, user, scope, outcome)))
    raise ValueError(f"cannot {action} without an outcome" if action == "resolve" else f"unknown action {action}")


def response_time_table() -> list[dict[str, Any]]:
    figures = staff_alerts.response_times(_signed_in())
    return [{"region": region, **vars(times)} for region, times in figures.items()]


def region_names() -> dict[str, str]:
    return {r.code: r.name for r in list_regions()}


def latest_alert_event() -> int:
    """The id a console's live stream starts after, so nothing between page load and connection is missed."""
    return events.latest_event_id()


def monitoring_board(flag: str | None = None, region: str | None = None) -> Page:
    """The first page of active episodes in the responder's scope with adherence, most worrying first."""
    listing = staff_isolation.episode_list(
        _signed_in(), region_code=region or None, flag=flag or None, status="active", limit=BOARD_PAGE
    )
    return Page(list(EpisodeSummarySchema(many=True).dump(listing.rows)), listing.total)


def episode_detail(episode_id: str, lang: str) -> dict[str, Any]:
    view = staff_isolation.episode_detail(_signed_in(), uuid.UUID(episode_id))
    return dict(EpisodeSchema(lang=lang).dump(view))


def episode_note(episode_id: str, note: str) -> None:
    """Add a note to the episode's audit trail as the signed-in responder."""
    user, scope = _responder()
    isolation.add_note(uuid.UUID(episode_id), user, scope, note)


def episode_contacted(episode_id: str, flag: str, note: str | None) -> None:
    """The responder followed up (phoned the resident): lower `flag`, with the note (audited)."""
    user, scope = _responder()
    isolation.clear_flag(uuid.UUID(episode_id), user, scope, flag, note)


def close_episode(episode_id: str, outcome: str, note: str | None, early_reason: str | None = None) -> None:
    """Close the episode with an outcome as the signed-in responder (audited; an early completion needs a reason)."""
    user, scope = _responder()
    isolation.close_episode(uuid.UUID(episode_id), user, scope, outcome, note, early_reason)


# --- hospital bed reports (the console's form) ---------------------------------------------------------


def bed_reporter() -> dict[str, Any] | None:
    """The signed-in account if it may report beds: its role, and the hospitals it reports for (code, name)."""
    user = staff_from_session()
    if user is None or user.role not in bed_reports.REPORTERS:
        return None
    rows = [(row["code"], row["name"]) for row in hospitals.list_hospitals()]
    if user.role == "rumah_sakit":
        rows = [row for row in rows if row[0] == user.hospital_code]
    return {"role": user.role, "provincial": user.role in bed_reports.PROVINCIAL, "hospitals": rows}


def local_today() -> dt.date:
    return clock.local_today()


def hospital_now(code: str) -> dict[str, Any] | None:
    """One hospital with its latest report, for the form to show what was last sent (None when unknown)."""
    try:
        return hospitals.hospital_detail(code)
    except NotFound:
        return None


def submit_bed_report(code: str, day: dt.date, counts: dict[str, int | None]) -> dict[str, Any]:
    """Report a day's beds as the signed-in account; ServiceError (with per-field messages) when refused."""
    report, replaced = bed_reports.put_report(code, day, counts, _signed_in())
    return {"replaced": replaced, "day": report.day}


def bed_occupancy(region: str) -> list[dict[str, Any]]:
    """Isolation-bed occupancy per day over the last 90 days from the hospitals' reports (`13`: the province)."""
    return bed_reports.occupancy_over_time(None if region == PROVINCE_CODE else region)


def silent_hospitals() -> list[dict[str, Any]]:
    """Hospitals with no report for 3 days, for the provincial task force (empty for anyone else)."""
    user = staff_from_session()
    if user is None or user.role not in bed_reports.PROVINCIAL:
        return []
    return bed_reports.silent_hospitals()


def regions_in_scope() -> list[tuple[str, str]]:
    _, scope = _responder()
    return [(code, name) for code, name in region_names().items() if scope.allows(code)]


# --- public statistics ----------------------------------------------------------------------------------


def privacy_notice(lang: str) -> dict[str, Any]:
    return privacy.privacy_notice(lang)


PROVINCE = PROVINCE_CODE
MAP_MEASURES = published.MAP_MEASURES


def case_data_version() -> str:
    """Changes whenever any case figure changes (read once per request)."""
    return case_stats.data_version()


SUPPRESS_BELOW = early_warning.SUPPRESS_BELOW


def area_names() -> dict[str, str]:
    """The province first, then every kabupaten/kota by code."""
    return case_stats.current().areas.names


def case_series(region: str) -> list[dict[str, Any]]:
    """One area's published daily rows (raises NotFound for an unknown code)."""
    return case_stats.series_rows(region)


# The first paint of a page may be this old in a process that did not make the change (as a screening's situation).
FIRST_PAINT_MAX_AGE_SECONDS = 10.0


def recent_first_paint(path: str, lang: str, render: Callable[[], str]) -> str:
    """A page's first paint as rendered at most FIRST_PAINT_MAX_AGE_SECONDS ago in this process (the data version
    query and the rendering were 7 ms of every visit to /); a change of the case data here shows at once."""
    return recent(("first_paint", path, lang, today()), FIRST_PAINT_MAX_AGE_SECONDS, render)


def case_summary() -> dict[str, Any]:
    """Key figures per area; each area says whether its figures are demo data."""
    return {"areas": case_stats.summary()}


def map_values(measure: str, date: str | None) -> list[dict[str, Any]]:
    """One row per kabupaten/kota: its value of `measure` on `date` (the latest day when None)."""
    return case_stats.map_values(measure, date)


def case_dates() -> list[str]:
    """Every day the maps can show."""
    return case_stats.map_dates()


def map_tiles() -> str | None:
    """The tile URL template the console's map draws under the boundaries (SUMBAR_MAP_TILES), if any."""
    tiles: str | None = current_app.config.get("MAP_TILES") or None
    return tiles


def boundaries_geojson() -> dict[str, Any]:
    """The kabupaten/kota polygons the maps draw (SUMBAR_BOUNDARIES, else the shipped file), keyed by code."""
    return maps.map_boundaries()


def codebook() -> list[tuple[str, str, str]]:
    return [(entry.field, entry.id, entry.en) for entry in case_stats.codebook()]


def errata() -> list[dict[str, Any]]:
    return case_stats.errata()


def published_instructions(q: str | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = InstructionSchema(many=True).dump(instructions.search(q))
    return rows


def instruction(instruction_id: int) -> dict[str, Any] | None:
    """One published instruction, or None when there is none with that id."""
    try:
        row: dict[str, Any] = InstructionSchema().dump(instructions.get_instruction(instruction_id))
    except NotFound:
        return None
    return row


def region_rt(region: str) -> dict[str, Any]:
    return intelligence.region_rt(region)


def transmission_levels(week: str | None) -> dict[str, Any]:
    """The levels of the week holding `week` (an ISO date; the last complete week when None)."""
    return intelligence.levels(dt.date.fromisoformat(week) if week else None)


def level_weeks() -> list[str]:
    """The last day (Sunday) of every week with figures, newest first."""
    return [week.isoformat() for week in intelligence.level_weeks()]


def public_signals(days: int = 60) -> list[dict[str, Any]]:
    """Early-warning rows as the public sees them: region-days with counts under 5 withheld whole."""
    return intelligence.signals(days, suppress=True)


def demo_screenings(days: int = 60) -> bool:
    return intelligence.demo_screenings(days)


def referral_hospitals(region: str | None = None, near: tuple[float, float] | None = None) -> list[dict[str, Any]]:
    """The hospitals with their latest bed report (nearest first from `near`); the shipped list until the
    hospitals table is loaded (`flask --app api reference load`)."""
    found = hospitals.list_hospitals(region, near)
    if found or near is not None:
        return found
    return [
        {**vars(h), "region": h.region_code, "tel": h.tel, "latest_report": None, "distance_km": None}
        for h in hospitals.hospitals_in(region)
    ]


def datasets() -> list[dict[str, Any]]:
    return open_data.datasets()


def case_sources() -> dict[str, dict[str, Any]]:
    return open_data.case_sources()


def local_time(moment: dt.datetime | str) -> dt.datetime:
    """A stored instant in the province's time zone (WIB by default)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment.astimezone(local_zone())


def today() -> dt.date:
    """Today in the province's time zone: what the figures' age is told against."""
    return local_today()


def latest_level_week(region: str) -> str | None:
    """The last day (Sunday) of the newest week with figures for `region`, or None when it has none."""
    found = case_stats.current().weeks().get(region) or []
    return found[-1].week_end.isoformat() if found else None


def staff_signed_in() -> bool:
    """Whether the visitor is signed in to the console (the menu then shows the staff pages)."""
    return staff_from_session() is not None


# --- the console's live queue ---------------------------------------------------------------------------

# The language of the sentences in a live-stream event's staff view (api.schemas.alerts.stream_view).
STREAM_LANG = DEFAULT_LANG


def alert_view(alert_id: str, lang: str) -> dict[str, Any] | None:
    """One alert's card view in the page's language, or None when it is no longer the responder's to see."""
    try:
        record = staff_alerts.alert_card(_signed_in(), uuid.UUID(alert_id))
    except (NotFound, PermissionDenied):
        return None
    return staff_view(record, lang)
