"""Database tables (persistence only; rules live in screening/ and surveillance/)."""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import Base, db
from screening.alert_routing import ROUTINGS
from screening.alert_workflow import ALERT_TYPES, OPEN_STATUSES, OUTCOMES, STATUSES
from screening.isolation import REASONS as ISOLATION_REASONS
from screening.isolation import STATUSES as ISOLATION_STATUSES
from screening.isolation import TRIAGE_LEVELS
from screening.monitoring_alerts import CAUSES as MONITORING_CAUSES
from surveillance import province

INSTRUCTION_STATUSES = ("draft", "published")

ROLES = ("admin", "satgas_provinsi", "satgas_kabkota", "editor", "rumah_sakit")
REGION_TYPES = ("Kabupaten", "Kota")

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")
# For optional values: None is stored as SQL NULL (not the JSON null), so "IS NULL" finds what is absent.
OptionalJson = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

# Type checkers see the typed declarative base; at run time Flask-SQLAlchemy's model class (with .query) is used.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


class UTCDateTime(sa.types.TypeDecorator[dt.datetime]):
    """Timestamps stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; pass an aware UTC datetime")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:  # noqa: ARG002
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Region(Model):
    __tablename__ = "regions"
    __table_args__ = (
        sa.CheckConstraint(f"type IN {REGION_TYPES}", name="region_type"),
        sa.CheckConstraint("population_2020 > 0", name="population_positive"),
    )

    code: Mapped[str] = mapped_column(sa.String(5), primary_key=True)
    bps_code: Mapped[str] = mapped_column(sa.String(4), unique=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    short_name: Mapped[str] = mapped_column(sa.String(60))
    type: Mapped[str] = mapped_column(sa.String(10))
    capital: Mapped[str] = mapped_column(sa.String(60))
    population_2020: Mapped[int]
    area_km2: Mapped[float] = mapped_column(sa.Float)
    centroid_lat: Mapped[float] = mapped_column(sa.Float)
    centroid_lon: Mapped[float] = mapped_column(sa.Float)


class Hospital(Model):
    """A COVID-19 referral hospital, by the Ministry of Health's hospital code (kode RS)."""

    __tablename__ = "hospitals"

    code: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    region_code: Mapped[str] = mapped_column(sa.ForeignKey("regions.code"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # national_referral, provincial_referral, hospital, or "" when the source does not say.
    type: Mapped[str] = mapped_column(sa.String(30))
    beds: Mapped[int | None]
    phone: Mapped[str] = mapped_column(sa.String(60))
    address: Mapped[str] = mapped_column(sa.String(300))
    lat: Mapped[float] = mapped_column(sa.Float)
    lon: Mapped[float] = mapped_column(sa.Float)


def random_session_version() -> int:
    return secrets.randbelow(2**62) + 1


class StaffUser(Model):
    __tablename__ = "staff_users"
    __table_args__ = (
        sa.CheckConstraint(f"role IN {ROLES}", name="staff_role"),
        sa.CheckConstraint("role != 'satgas_kabkota' OR region_code IS NOT NULL", name="kabkota_has_region"),
        sa.CheckConstraint("(role = 'rumah_sakit') = (hospital_code IS NOT NULL)", name="hospital_staff_has_hospital"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    region_code: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))
    # The one hospital a rumah_sakit account reports beds for.
    hospital_code: Mapped[str | None] = mapped_column(sa.ForeignKey("hospitals.code", name="fk_staff_users_hospital"))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Created by `flask demo load` with the published demo password; `flask demo clear` removes them.
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Console sessions carry the version they were made under; signing out or a new password bumps it,
    # which ends every session of the account at once. It starts at random, so that whoever learns the
    # signing key still cannot forge a session without guessing it.
    session_version: Mapped[int] = mapped_column(sa.BigInteger, default=random_session_version)
    # The password is the demo password (checked when it is set and at each sign-in): admins must see it.
    has_demo_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Officers on duty get pushes of new alerts, escalations and monitoring emergencies in their scope.
    on_duty: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    region: Mapped[Region | None] = relationship()


class StaffToken(Model):
    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)

    user: Mapped[StaffUser] = relationship()


class Device(Model):
    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    platform: Mapped[str | None] = mapped_column(sa.String(20))
    app_version: Mapped[str | None] = mapped_column(sa.String(40))
    # The privacy notice version the resident accepted when the app registered.
    privacy_notice_version: Mapped[str | None] = mapped_column(sa.String(20))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Updated at most daily; a token unused for SUMBAR_DEVICE_TOKEN_IDLE_DAYS stops working.
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, index=True)


class ScreeningResponse(Model):
    __tablename__ = "screening_responses"
    __table_args__ = (sa.Index("ix_screening_region_created", "region_code", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    questionnaire_id: Mapped[str] = mapped_column(sa.String(40))
    questionnaire_version: Mapped[str] = mapped_column(sa.String(20))
    answers: Mapped[dict[str, Any]] = mapped_column(JsonType)
    result: Mapped[dict[str, Any]] = mapped_column(JsonType)
    category: Mapped[str] = mapped_column(sa.String(20), index=True)
    urgent: Mapped[bool] = mapped_column(default=False)
    score: Mapped[int | None]
    lang: Mapped[str] = mapped_column(sa.String(2))
    region_code: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))
    device_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("devices.id", ondelete="SET NULL"), index=True)
    # Synthetic responses of `flask demo load`, kept apart from residents' answers.
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class IdempotencyRecord(Model):
    """The first reply to a request carrying an Idempotency-Key, replayed to its retries."""

    __tablename__ = "idempotency_records"
    __table_args__ = (sa.UniqueConstraint("scope", "key", name="uq_idempotency_scope_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The caller (a device id, or "anonymous") and the endpoint, so keys never collide across them.
    scope: Mapped[str] = mapped_column(sa.String(200))
    key: Mapped[str] = mapped_column(sa.String(200))
    fingerprint: Mapped[str] = mapped_column(sa.String(64))
    status_code: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JsonType)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


OPEN_ALERT = f"status IN {OPEN_STATUSES}"


class Alert(Model):
    """A call for help: a resident's panic button, or an escalation from isolation monitoring."""

    __tablename__ = "alerts"
    __table_args__ = (
        sa.CheckConstraint(f"status IN {STATUSES}", name="alert_status"),
        sa.CheckConstraint(f"type IN {ALERT_TYPES}", name="alert_type"),
        sa.CheckConstraint(f"outcome IS NULL OR outcome IN {OUTCOMES}", name="alert_outcome"),
        sa.CheckConstraint(f"routed_by IN {ROUTINGS}", name="alert_routed_by"),
        sa.CheckConstraint("press_count >= 1", name="alert_press_count"),
        sa.CheckConstraint("status != 'resolved' OR outcome IS NOT NULL", name="resolved_has_outcome"),
        sa.CheckConstraint(
            f"cause IS NULL OR (type = 'monitoring' AND cause IN {MONITORING_CAUSES})", name="alert_cause"
        ),
        # One open panic alert per device: further presses join it (enforced here against racing presses).
        sa.Index(
            "uq_open_alert_per_device",
            "device_id",
            unique=True,
            postgresql_where=sa.text(f"type = 'panic' AND {OPEN_ALERT}"),
            sqlite_where=sa.text(f"type = 'panic' AND {OPEN_ALERT}"),
        ),
        sa.Index("ix_alerts_status_region", "status", "region_code"),
        # A check-in asks whether its episode has an open alert, and deleting an episode (retention) sets its
        # alerts' episode_id to null: both find them by episode. Only monitoring alerts have one.
        sa.Index(
            "ix_alerts_episode",
            "episode_id",
            postgresql_where=sa.text("episode_id IS NOT NULL"),
            sqlite_where=sa.text("episode_id IS NOT NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    type: Mapped[str] = mapped_column(sa.String(12))
    category: Mapped[str] = mapped_column(sa.String(12))
    status: Mapped[str] = mapped_column(sa.String(12), default="new")
    outcome: Mapped[str | None] = mapped_column(sa.String(12))
    region_code: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))
    routed_by: Mapped[str] = mapped_column(sa.String(10))
    # The first press's note; later notes are in alert_presses. On monitoring alerts it is for people to read:
    # the queue and the reason sentences come from cause and reasons.
    note: Mapped[str | None] = mapped_column(sa.Text)
    # Monitoring alerts: why the rules opened it (screening.monitoring_alerts.CAUSES) and their reason codes.
    cause: Mapped[str | None] = mapped_column(sa.String(20))
    reasons: Mapped[list[str] | None] = mapped_column(OptionalJson)
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    device_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("devices.id", ondelete="SET NULL"))
    # Set on monitoring alerts: the isolation episode that raised it.
    episode_id: Mapped[uuid.UUID | None] = mapped_column(
        sa.ForeignKey("isolation_episodes.id", ondelete="SET NULL", name="fk_alerts_episode_id")
    )
    press_count: Mapped[int] = mapped_column(default=1)
    last_pressed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    accuracy_m: Mapped[float | None]
    located_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    escalation_level: Mapped[int] = mapped_column(default=0)
    escalated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    admins_notified_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    dispatched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    expired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The resident asked for erasure while the alert was open: its personal fields go as soon as it closes.
    erase_requested_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When the retention job (or an erasure) removed its phone, notes and location trail.
    personal_data_removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    acknowledged_by: Mapped[StaffUser | None] = relationship()


class AlertPress(Model):
    """One press of the panic button, in order: the first raised the alert, later ones joined it while open."""

    __tablename__ = "alert_presses"
    __table_args__ = (sa.Index("ix_alert_presses_alert_pressed", "alert_id", "pressed_at"),)

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"))
    category: Mapped[str] = mapped_column(sa.String(12))
    note: Mapped[str | None] = mapped_column(sa.Text)
    pressed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AlertLocation(Model):
    """Every fix the app sent for an alert; the alert row holds the latest."""

    __tablename__ = "alert_locations"
    __table_args__ = (
        sa.CheckConstraint("lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180", name="location_in_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    lat: Mapped[float]
    lon: Mapped[float]
    accuracy_m: Mapped[float | None]
    located_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class AlertTransition(Model):
    """The audit trail of an alert: who moved it from which status to which, when, with what note."""

    __tablename__ = "alert_transitions"
    __table_args__ = (sa.CheckConstraint("actor IN ('staff', 'resident', 'system')", name="transition_actor"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(sa.String(20))
    from_status: Mapped[str | None] = mapped_column(sa.String(12))
    to_status: Mapped[str] = mapped_column(sa.String(12))
    actor: Mapped[str] = mapped_column(sa.String(10))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    note: Mapped[str | None] = mapped_column(sa.Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    staff: Mapped[StaffUser | None] = relationship()


class AlertEvent(Model):
    """Every new or changed alert, in order: the id is the Server-Sent Events id a client resumes from."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    alert_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"), index=True)
    region_code: Mapped[str | None] = mapped_column(sa.String(5))
    kind: Mapped[str] = mapped_column(sa.String(20))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class IsolationEpisode(Model):
    """A resident's home isolation or quarantine, from the official start to release."""

    __tablename__ = "isolation_episodes"
    __table_args__ = (
        sa.CheckConstraint(f"reason IN {ISOLATION_REASONS}", name="isolation_reason"),
        sa.CheckConstraint(f"status IN {ISOLATION_STATUSES}", name="isolation_status"),
        sa.CheckConstraint("end_date > start_date", name="isolation_end_after_start"),
        sa.CheckConstraint("(lat IS NULL) = (lon IS NULL)", name="isolation_pin_whole"),
        sa.CheckConstraint(
            "lat IS NULL OR (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)", name="isolation_pin_range"
        ),
        sa.Index("ix_isolation_status_region", "status", "region_code"),
    )

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    device_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("devices.id", ondelete="SET NULL"), index=True)
    reason: Mapped[str] = mapped_column(sa.String(24))
    start_date: Mapped[dt.date]
    end_date: Mapped[dt.date]
    region_code: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))
    name: Mapped[str | None] = mapped_column(sa.String(120))
    phone: Mapped[str | None] = mapped_column(sa.String(32))
    # Where the resident isolates, for the officer who goes there; a pin only when the resident shared one.
    address: Mapped[str | None] = mapped_column(sa.String(300))
    lat: Mapped[float | None]
    lon: Mapped[float | None]
    screening_response_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("screening_responses.id"))
    status: Mapped[str] = mapped_column(sa.String(20), default="active")
    flag_urgent: Mapped[bool] = mapped_column(default=False)
    flag_silent: Mapped[bool] = mapped_column(default=False)
    flag_escalated: Mapped[bool] = mapped_column(default=False)
    last_checkin_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_reminder_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # When the retention job removed its name, phone and readings (reason, region, dates, outcome stay).
    personal_data_removed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Checkin(Model):
    """One report from an isolating resident; ordered by when it was measured, not when it arrived."""

    __tablename__ = "checkins"
    __table_args__ = (
        # A re-upload of the app's offline queue stores nothing twice.
        sa.UniqueConstraint("episode_id", "client_id", name="uq_checkin_client_id"),
        sa.CheckConstraint(f"triage IN {TRIAGE_LEVELS}", name="checkin_triage"),
        sa.CheckConstraint("spo2 IS NULL OR spo2 BETWEEN 50 AND 100", name="checkin_spo2_range"),
        sa.CheckConstraint(
            "temperature_c IS NULL OR temperature_c BETWEEN 30 AND 45", name="checkin_temperature_range"
        ),
        sa.Index("ix_checkins_episode_measured", "episode_id", "measured_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("isolation_episodes.id", ondelete="CASCADE"))
    client_id: Mapped[str | None] = mapped_column(sa.String(64))
    measured_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    temperature_c: Mapped[float | None]
    spo2: Mapped[int | None]
    respiratory_rate: Mapped[int | None]
    pulse: Mapped[int | None]
    symptoms: Mapped[list[str]] = mapped_column(JsonType)
    danger_signs: Mapped[list[str]] = mapped_column(JsonType)
    note: Mapped[str | None] = mapped_column(sa.Text)
    triage: Mapped[str] = mapped_column(sa.String(10))
    reasons: Mapped[list[str]] = mapped_column(JsonType)
    alert_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("alerts.id"))


class IsolationEvent(Model):
    """The audit trail of an episode: flags, reminders, escalations, notes and closing, by whom."""

    __tablename__ = "isolation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    episode_id: Mapped[uuid.UUID] = mapped_column(
        sa.ForeignKey("isolation_episodes.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(30))
    actor: Mapped[str] = mapped_column(sa.String(10))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    # What the action needs to be read (screening.isolation_events renders both); None when it needs nothing.
    details: Mapped[dict[str, Any] | None] = mapped_column(OptionalJson)
    # Free text a staff member wrote. The system writes none (an older system sentence the 0012h migration could
    # not read stays here as it was).
    note: Mapped[str | None] = mapped_column(sa.Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)

    staff: Mapped[StaffUser | None] = relationship()


class LoginFailure(Model):
    """A failed staff sign-in, kept for the audit and for the limits (counted here, so every process agrees)."""

    __tablename__ = "login_failures"
    __table_args__ = (
        sa.Index("ix_login_failures_user_address_at", "username", "client_address", "at"),
        sa.Index("ix_login_failures_address_at", "client_address", "at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    client_address: Mapped[str] = mapped_column(sa.String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class SecurityEvent(Model):
    """Something admins must look into, such as many failed sign-ins for one account from anywhere: which
    account, how many attempts from how many addresses (never the addresses), when."""

    __tablename__ = "security_events"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(40))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    attempts: Mapped[int]
    addresses: Mapped[int]
    window_seconds: Mapped[int]
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class StaffAccess(Model):
    """A staff read of residents' personal data (names, phones, locations): who, what, when."""

    __tablename__ = "staff_access_log"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="SET NULL"), index=True)
    username: Mapped[str] = mapped_column(sa.String(64))
    action: Mapped[str] = mapped_column(sa.String(40))
    subject: Mapped[str | None] = mapped_column(sa.String(80))
    records: Mapped[int]
    # Which records the read showed (a digest of their ids), so that a repeated read is told from a new one.
    read_digest: Mapped[str | None] = mapped_column(sa.String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class LiveStream(Model):
    """An open live stream of a staff account, so the streams per account can be capped across processes."""

    __tablename__ = "live_streams"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    staff_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Refreshed on every check of the caller; a stream not seen for a while has died with its process.
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


PROVINCE_CODE = province.CODE


class CaseRecord(Model):
    """Daily COVID-19 figures for a kabupaten/kota, or for the province (code 13) as a whole."""

    __tablename__ = "case_records"
    __table_args__ = (
        sa.UniqueConstraint("region_code", "date", name="uq_case_region_date"),
        sa.CheckConstraint("region_code = '13' OR region_code LIKE '13.__'", name="case_region_in_province"),
        sa.CheckConstraint(
            "specimens_tested IS NULL OR positive_specimens IS NULL OR positive_specimens <= specimens_tested",
            name="case_positive_within_tested",
        ),
        sa.CheckConstraint(
            "coalesce(specimens_tested, 0) >= 0 AND coalesce(positive_specimens, 0) >= 0 "
            "AND coalesce(beds_occupied, 0) >= 0 AND coalesce(beds_available, 0) >= 0",
            name="case_stocks_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(sa.String(5), index=True)
    date: Mapped[dt.date]
    new_cases: Mapped[int]
    new_recovered: Mapped[int]
    new_deaths: Mapped[int]
    specimens_tested: Mapped[int | None]
    positive_specimens: Mapped[int | None]
    beds_occupied: Mapped[int | None]
    beds_available: Mapped[int | None]
    # Negative daily values correct earlier reports; they are kept and marked, and listed as errata.
    correction: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(sa.String(40))
    note: Mapped[str | None] = mapped_column(sa.Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))


class CaseAudit(Model):
    """Every change to a daily record made by staff or an import: before and after."""

    __tablename__ = "case_audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_code: Mapped[str] = mapped_column(sa.String(5))
    date: Mapped[dt.date]
    actor: Mapped[str] = mapped_column(sa.String(60))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id"))
    before: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    after: Mapped[dict[str, Any]] = mapped_column(JsonType)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class Instruction(Model):
    """A governor's (or provincial) instrument: circular, instruction, regulation or decree."""

    __tablename__ = "instructions"
    __table_args__ = (
        sa.UniqueConstraint("number", name="uq_instruction_number"),
        sa.CheckConstraint(f"status IN {INSTRUCTION_STATUSES}", name="instruction_status"),
        sa.CheckConstraint(
            "effective_until IS NULL OR effective_from IS NULL OR effective_until >= effective_from",
            name="instruction_period",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(sa.String(80))
    type: Mapped[str] = mapped_column(sa.String(40))
    title: Mapped[str] = mapped_column(sa.String(400))
    issued_on: Mapped[dt.date | None]
    effective_from: Mapped[dt.date | None]
    effective_until: Mapped[dt.date | None]
    regions: Mapped[list[str]] = mapped_column(JsonType)
    # The summary in Indonesian, and in English for the dashboard's English readers.
    summary: Mapped[str | None] = mapped_column(sa.Text)
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    body: Mapped[str | None] = mapped_column(sa.Text)
    signed_by: Mapped[str | None] = mapped_column(sa.String(120))
    source_url: Mapped[str | None] = mapped_column(sa.String(500))
    supersedes_id: Mapped[int | None] = mapped_column(sa.ForeignKey("instructions.id"))
    status: Mapped[str] = mapped_column(sa.String(10), default="draft")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class JobRun(Model):
    """The latest run of one scheduled job, shared by every scheduler process (api/scheduling.py)."""

    __tablename__ = "job_runs"

    name: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # None while the run is going on (or its scheduler died during it).
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    failed: Mapped[bool] = mapped_column(default=False)
    runs: Mapped[int] = mapped_column(default=0)
    failures: Mapped[int] = mapped_column(default=0)


BED_COUNTS_NOT_NEGATIVE = " AND ".join(
    f"coalesce({name}, 0) >= 0"
    for name in (
        "isolation_total",
        "isolation_occupied",
        "icu_total",
        "icu_occupied",
        "hcu_total",
        "hcu_occupied",
        "ventilators_in_use",
        "admitted_today",
    )
)


class BedReport(Model):
    """One hospital's beds on one day, as its staff (or the task force, or an import) reported them."""

    __tablename__ = "bed_reports"
    __table_args__ = (
        sa.UniqueConstraint("hospital_code", "day", name="uq_bed_report_hospital_day"),
        sa.CheckConstraint(BED_COUNTS_NOT_NEGATIVE, name="bed_counts_not_negative"),
        sa.CheckConstraint(
            "isolation_occupied <= isolation_total AND icu_occupied <= icu_total "
            "AND (hcu_occupied IS NULL OR hcu_total IS NULL OR hcu_occupied <= hcu_total)",
            name="bed_occupied_within_total",
        ),
        sa.Index("ix_bed_reports_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    hospital_code: Mapped[str] = mapped_column(sa.ForeignKey("hospitals.code", ondelete="CASCADE"))
    day: Mapped[dt.date]
    isolation_total: Mapped[int]
    isolation_occupied: Mapped[int]
    icu_total: Mapped[int]
    icu_occupied: Mapped[int]
    hcu_total: Mapped[int | None]
    hcu_occupied: Mapped[int | None]
    ventilators_in_use: Mapped[int | None]
    admitted_today: Mapped[int | None]
    reported_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="SET NULL"))
    # Written by `flask demo load`; `flask demo clear` removes them.
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


class BedReportAudit(Model):
    """Every bed report written or replaced: by whom (a staff account or an import), before and after."""

    __tablename__ = "bed_report_audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    hospital_code: Mapped[str] = mapped_column(sa.ForeignKey("hospitals.code", ondelete="CASCADE"), index=True)
    day: Mapped[dt.date]
    actor: Mapped[str] = mapped_column(sa.String(60))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="SET NULL"))
    before: Mapped[dict[str, Any] | None] = mapped_column(OptionalJson)
    after: Mapped[dict[str, Any]] = mapped_column(JsonType)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


NOTIFICATION_STATUSES = ("queued", "sending", "sent", "dead")
CHANNELS = ("whatsapp", "sms")


class Notification(Model):
    """One message to one recipient through one channel, written in the transaction of the event that causes it
    and delivered by the dispatcher (api/services/dispatcher.py): the outbox."""

    __tablename__ = "notifications"
    __table_args__ = (
        sa.CheckConstraint(f"status IN {NOTIFICATION_STATUSES}", name="notification_status"),
        sa.CheckConstraint("attempts >= 0", name="notification_attempts_not_negative"),
        sa.Index("ix_notifications_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(20))
    # Who: "ops" for the log and webhook channels, a push subscription id for webpush.
    recipient: Mapped[str] = mapped_column(sa.String(80))
    kind: Mapped[str] = mapped_column(sa.String(40))
    # Ids and codes only (no names, phones or places), so that a payload is safe on a locked screen and in logs.
    payload: Mapped[dict[str, Any]] = mapped_column(JsonType)
    status: Mapped[str] = mapped_column(sa.String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Past this a failing notification is dead (SUMBAR_NOTIFY_GIVE_UP_HOURS after it was queued or retried by hand).
    give_up_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # A status code or an exception's class name: never a reply body, which may echo personal data.
    last_error: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    sent_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # WhatsApp: the message id the provider gave it, and its delivery and read receipts (status notifications).
    provider_message_id: Mapped[str | None] = mapped_column(sa.String(128), index=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class NotificationAttempt(Model):
    """One try at delivering a notification: when, what came of it, the status code, how long it took."""

    __tablename__ = "notification_attempts"

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    notification_id: Mapped[int] = mapped_column(
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        sa.ForeignKey("notifications.id", ondelete="CASCADE"),
        index=True,
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # sent, retry (the channel may succeed later), failed (it never will), dead (retried past the give-up time).
    outcome: Mapped[str] = mapped_column(sa.String(10))
    status_code: Mapped[int | None]
    duration_ms: Mapped[int]


class PushSubscription(Model):
    """A browser's Web Push subscription (RFC 8030): a resident's device has at most one, an officer several."""

    __tablename__ = "push_subscriptions"
    __table_args__ = (
        sa.CheckConstraint("(device_id IS NULL) != (staff_id IS NULL)", name="push_subscription_one_owner"),
        sa.Index("uq_push_subscription_per_device", "device_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # A capability URL at a push service on the allow-list (SUMBAR_PUSH_SERVICES); whoever has it can push.
    endpoint: Mapped[str] = mapped_column(sa.String(1000), unique=True)
    p256dh: Mapped[str] = mapped_column(sa.String(120))
    auth: Mapped[str] = mapped_column(sa.String(40))
    device_id: Mapped[uuid.UUID | None] = mapped_column(sa.ForeignKey("devices.id", ondelete="CASCADE"))
    staff_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ChannelContact(Model):
    """A WhatsApp or SMS number talking to the service: a resident like an app's device, with a device row of its
    own (so isolation, alerts, export, erasure and retention are the same) and the conversation's state."""

    __tablename__ = "channel_contacts"
    __table_args__ = (
        sa.CheckConstraint(f"channel IN {CHANNELS}", name="channel_contact_channel"),
        sa.UniqueConstraint("channel", "address", name="uq_channel_contact_address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(10))
    # The number in international form without "+" (WhatsApp's wa_id; SMS numbers have the "+" taken off).
    address: Mapped[str] = mapped_column(sa.String(32))
    device_id: Mapped[uuid.UUID] = mapped_column(sa.ForeignKey("devices.id", ondelete="CASCADE"), unique=True)
    # The conversation engine's state (screening.conversation): flow, answers so far, language.
    state: Mapped[dict[str, Any]] = mapped_column(JsonType)
    # The last message from the number: WhatsApp allows free-form replies for 24 hours after it.
    last_inbound_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    # BERHENTI/STOP: nothing more is sent to the number until it writes MULAI/START.
    stopped_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Conversations opened in the current hour (capped by SUMBAR_CHANNEL_CONVERSATIONS_PER_HOUR).
    hour_started_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    conversations_this_hour: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    device: Mapped[Device] = relationship()


class ChannelMessage(Model):
    """An inbound WhatsApp or SMS message: stored when the webhook answers (a repeat of its provider id is
    dropped), answered by the channel job, and its content cleared once answered."""

    __tablename__ = "channel_messages"
    __table_args__ = (
        sa.UniqueConstraint("channel", "provider_id", name="uq_channel_message_provider_id"),
        sa.Index("ix_channel_messages_waiting", "handled_at", "id"),
    )

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True)
    channel: Mapped[str] = mapped_column(sa.String(10))
    provider_id: Mapped[str] = mapped_column(sa.String(128))
    contact_id: Mapped[int] = mapped_column(sa.ForeignKey("channel_contacts.id", ondelete="CASCADE"), index=True)
    # {"kind", "text", "choice", "lat", "lon"} until answered, then null: the resident's words are not kept.
    body: Mapped[dict[str, Any] | None] = mapped_column(OptionalJson)
    received_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)
    # Taken by a channel job until then; if that job dies, another answers the message (effects carry the
    # provider id as their idempotency key, so a second run repeats nothing).
    taken_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    handled_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
