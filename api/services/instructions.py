"""Governor instructions: loading the shipped records, editing and publishing, public search."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from api.clock import utcnow
from api.extensions import db
from api.models import Instruction
from api.services.exceptions import Conflict, InvalidInput, NotFound
from api.services.regions import region_exists
from api.transactions import unit_of_work
from screening.text import bilingual

INSTRUCTIONS_CSV = Path(str(resources.files("sumbar_data").joinpath("instructions.csv")))
TYPES = ("surat edaran", "instruksi", "peraturan", "keputusan", "peraturan daerah", "surat")
NOT_FOUND = bilingual("Instruksi tidak ditemukan.", "Instruction not found.")


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_instructions(path: Path = INSTRUCTIONS_CSV) -> tuple[int, int]:
    """Insert the shipped instruments as published records (by number; running it twice changes nothing)."""
    inserted = updated = 0
    now = utcnow()
    with unit_of_work(), path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            values = {
                "type": row["type"],
                "title": row["title"],
                "issued_on": _date(row["issued_on"]),
                "effective_from": _date(row["effective_from"]),
                "effective_until": _date(row["effective_until"]),
                "signed_by": row["signed_by"] or None,
                "summary": row["summary"] or None,
                "summary_en": row["summary_en"] or None,
                "source_url": row["source_url"] or None,
            }
            record = db.session.scalar(sa.select(Instruction).where(Instruction.number == row["number"]))
            if record is None:
                db.session.add(
                    Instruction(
                        number=row["number"],
                        regions=[],
                        status="published",
                        created_at=now,
                        updated_at=now,
                        published_at=now,
                        **values,
                    )
                )
                inserted += 1
            elif any(getattr(record, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(record, key, value)
                record.updated_at = now
                updated += 1
    return inserted, updated


def data_version() -> str:
    """Changes whenever an instruction is added, edited, published or withdrawn."""
    count, latest = db.session.execute(sa.select(sa.func.count(), sa.func.max(Instruction.updated_at))).one()
    return f"{db.engine.url}|{count}|{latest}"


def search(q: str | None = None, *, include_drafts: bool = False) -> Sequence[Instruction]:
    """Newest first (by date issued, else effective date, else creation); `q` matches number, title and body."""
    query = sa.select(Instruction)
    if not include_drafts:
        query = query.where(Instruction.status == "published")
    for word in (q or "").split():
        pattern = f"%{word.lower()}%"
        query = query.where(
            sa.or_(
                sa.func.lower(Instruction.number).like(pattern),
                sa.func.lower(Instruction.title).like(pattern),
                sa.func.lower(sa.func.coalesce(Instruction.body, "")).like(pattern),
                sa.func.lower(sa.func.coalesce(Instruction.summary, "")).like(pattern),
                sa.func.lower(sa.func.coalesce(Instruction.summary_en, "")).like(pattern),
            )
        )
    order = sa.func.coalesce(Instruction.issued_on, Instruction.effective_from)
    return db.session.scalars(query.order_by(order.desc().nulls_last(), Instruction.created_at.desc())).all()


# Instruction ids are 32-bit in the database; a larger number names none (and must not reach the driver).
MAX_ID = 2**31 - 1


def get_instruction(instruction_id: int, *, include_drafts: bool = False) -> Instruction:
    record = db.session.get(Instruction, instruction_id) if 0 < instruction_id <= MAX_ID else None
    if record is None or (record.status != "published" and not include_drafts):
        raise NotFound(NOT_FOUND)
    return record


def _check(values: dict[str, Any], current: Instruction | None = None) -> None:
    errors: dict[str, list[dict[str, str]]] = {}
    number = values.get("number")
    if number:
        clash = db.session.scalar(sa.select(Instruction.id).where(Instruction.number == number))
        if clash is not None and (current is None or clash != current.id):
            raise Conflict(bilingual(f"Nomor {number} sudah ada.", f"Number {number} already exists."))
    start = values.get("effective_from", current.effective_from if current else None)
    end = values.get("effective_until", current.effective_until if current else None)
    if start and end and end < start:
        errors["effective_until"] = [bilingual("Sebelum tanggal mulai berlaku.", "Before the effective date.")]
    unknown = [code for code in values.get("regions") or [] if not region_exists(code)]
    if unknown:
        errors["regions"] = [
            bilingual(
                f"Kode wilayah tidak dikenal: {', '.join(unknown)}.", f"Unknown region codes: {', '.join(unknown)}."
            )
        ]
    supersedes = values.get("supersedes_id")
    if supersedes is not None and (
        db.session.get(Instruction, supersedes) is None or (current and supersedes == current.id)
    ):
        errors["supersedes_id"] = [
            bilingual("Instruksi yang digantikan tidak ada.", "The superseded instruction does not exist.")
        ]
    if errors:
        raise InvalidInput(bilingual("Isian tidak valid.", "Invalid input."), {"json": errors})


def create_instruction(values: dict[str, Any]) -> Instruction:
    with unit_of_work():
        _check(values)
        now = utcnow()
        record = Instruction(**{"regions": [], **values}, status="draft", created_at=now, updated_at=now)
        db.session.add(record)
    return record


def update_instruction(instruction_id: int, values: dict[str, Any]) -> Instruction:
    with unit_of_work():
        record = get_instruction(instruction_id, include_drafts=True)
        _check(values, record)
        for key, value in values.items():
            setattr(record, key, value)
        record.updated_at = utcnow()
    return record


def publish_instruction(instruction_id: int, published: bool = True) -> Instruction:
    with unit_of_work():
        record = get_instruction(instruction_id, include_drafts=True)
        record.status = "published" if published else "draft"
        record.published_at = utcnow() if published else None
        record.updated_at = utcnow()
    return record
