"""Database tables (persistence only; rules live in screening/ and surveillance/)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.extensions import db

ROLES = ("admin", "satgas_provinsi", "satgas_kabkota", "editor")
REGION_TYPES = ("Kabupaten", "Kota")

JsonType = sa.JSON().with_variant(JSONB(), "postgresql")


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

    def process_result_value(self, value: dt.datetime | None, dialect: sa.Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Region(db.Model):
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


class StaffUser(db.Model):
    __tablename__ = "staff_users"
    __table_args__ = (
        sa.CheckConstraint(f"role IN {ROLES}", name="staff_role"),
        sa.CheckConstraint("role != 'satgas_kabkota' OR region_code IS NOT NULL", name="kabkota_has_region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    region_code: Mapped[str | None] = mapped_column(sa.ForeignKey("regions.code"))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    region: Mapped[Region | None] = relationship()


class StaffToken(db.Model):
    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("staff_users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)

    user: Mapped[StaffUser] = relationship()


class Device(db.Model):
    __tablename__ = "devices"

    id: Mapped[uuid.UUID] = mapped_column(sa.Uuid, primary_key=True, default=uuid.uuid4)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    platform: Mapped[str | None] = mapped_column(sa.String(20))
    app_version: Mapped[str | None] = mapped_column(sa.String(40))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class ScreeningResponse(db.Model):
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
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class IdempotencyRecord(db.Model):
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
