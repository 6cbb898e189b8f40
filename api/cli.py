"""Command-line tools: `flask --app api users|reference|demo|jobs|cases|hospitals ...`."""

from __future__ import annotations

import datetime as dt
import os
from typing import NoReturn

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup

from api.extensions import db
from api.models import ROLES, StaffUser
from api.services.exceptions import ServiceError

users_cli = AppGroup("users", help="Staff accounts.")
reference_cli = AppGroup("reference", help="Reference data shipped in data/.")
demo_cli = AppGroup("demo", help="Demo data for a local run.")
jobs_cli = AppGroup("jobs", help="Scheduled jobs, run by hand.")
cases_cli = AppGroup("cases", help="Daily case statistics.")
privacy_cli = AppGroup("privacy", help="Residents' personal data: the retention table.")
hospitals_cli = AppGroup("hospitals", help="Referral hospitals' bed reports.")


def _fail(error: ServiceError) -> NoReturn:
    details = "; ".join(f"{field}: {msgs[0]['en']}" for field, msgs in (error.errors or {}).items() if msgs)
    raise click.ClickException(f"{error.message['en']} {details}".strip())


@users_cli.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--region", "region_code", default=None, help="Kemendagri code; required for satgas_kabkota.")
@click.option("--hospital", "hospital_code", default=None, help="Hospital code (kode RS); required for rumah_sakit.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_user(username: str, role: str, region_code: str | None, hospital_code: str | None, password: str) -> None:
    """Create a staff account."""
    from api.services.accounts import create_staff_user

    try:
        user = create_staff_user(username, role, password, region_code, hospital_code)
    except ServiceError as error:
        _fail(error)
    bound = user.region_code or user.hospital_code
    click.echo(f"created {user.username} ({user.role}{' ' + bound if bound else ''})")


@users_cli.command("set-password")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def set_user_password(username: str, password: str) -> None:
    """Change a password and sign the account out everywhere."""
    from api.services.accounts import set_password, staff_user_named

    try:
        user = staff_user_named(username)
        set_password(user, password)
    except ServiceError as error:
        _fail(error)
    click.echo(f"password changed for {user.username}")


@users_cli.command("disable")
@click.argument("username")
def disable_user(username: str) -> None:
    """Disable an account: its tokens, console sessions and live streams stop at once."""
    _set_active(username, active=False)


@users_cli.command("enable")
@click.argument("username")
def enable_user(username: str) -> None:
    """Enable a disabled account again (it signs in afresh)."""
    _set_active(username, active=True)


def _set_active(username: str, *, active: bool) -> None:
    from api.services.accounts import set_active, staff_user_named

    try:
        user = set_active(staff_user_named(username), active)
    except ServiceError as error:
        _fail(error)
    click.echo(f"{'enabled' if active else 'disabled'} {user.username}")


@users_cli.command("list")
def list_users() -> None:
    """Every staff account."""
    for user in db.session.scalars(sa.select(StaffUser).order_by(StaffUser.username)):
        state = "" if user.is_active else " (inactive)"
        click.echo(f"{user.username}\t{user.role}\t{user.region_code or user.hospital_code or '-'}{state}")


@reference_cli.command("load")
def load_reference() -> None:
    """Insert or update the 19 kabupaten/kota and the referral hospitals (idempotent)."""
    from api.services.hospitals import load_hospitals
    from api.services.regions import load_regions

    inserted, updated = load_regions()
    click.echo(f"regions: {inserted} inserted, {updated} updated")
    inserted, updated = load_hospitals()
    click.echo(f"hospitals: {inserted} inserted, {updated} updated")


@reference_cli.command("instructions")
def load_reference_instructions() -> None:
    """Insert or update the shipped governor instructions (idempotent)."""
    from api.services.instructions import load_instructions

    inserted, updated = load_instructions()
    click.echo(f"instructions: {inserted} inserted, {updated} updated")


@cases_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--region", default=None, help="Region code for files without a region column (default: 13, the province)."
)
def import_cases(path: str, region: str | None) -> None:
    """Import daily case figures from CSV or a covid19.go.id prov_detail JSON file.

    The whole file is checked first; when any row is bad, every problem is listed and nothing is written.
    Real figures for an area replace that area's demo series.
    """
    from api.services.case_import import parse_cases, write_rows

    with open(path, encoding="utf-8-sig") as handle:
        report = parse_cases(handle.read(), region)
    if report.problems:
        for problem in report.problems:
            click.echo(f"row {problem.row}: {problem.field}: {problem.message['en']}", err=True)
        raise click.ClickException(f"{len(report.problems)} problem(s); nothing was imported")
    with click.progressbar(length=len(report.rows), label="importing", file=None) as bar:
        write_rows(report, source=f"import:{os.path.basename(path)}"[:40], actor="cli", progress=bar.update)
    for code, days in report.replaced_demo.items():
        click.echo(f"{code}: real figures replace the demo series ({days} demo days removed)")
    click.echo(
        f"{report.inserted} inserted, {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.corrections} marked as corrections"
    )


@cases_cli.command("refresh")
def refresh_cases() -> None:
    """Derive every case statistic again now, into the shared cache (after a change made outside the product)."""
    import time

    from api.services.case_stats import refresh

    started = time.perf_counter()
    refresh()
    click.echo(f"case statistics derived in {(time.perf_counter() - started) * 1000:.0f} ms")


@hospitals_cli.command("import-beds")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_beds(path: str) -> None:
    """Import bed reports of many hospitals from CSV (docs/hospitals.md gives the columns).

    The whole file is checked first; when any row is bad, every problem is listed and nothing is written.
    """
    from api.services.bed_reports import import_bed_file

    with open(path, encoding="utf-8-sig") as handle:
        result = import_bed_file(handle.read(), f"import:{os.path.basename(path)}")
    if result.problems:
        for problem in result.problems:
            click.echo(f"row {problem['row']}: {problem['field']}: {problem['message']['en']}", err=True)
        raise click.ClickException(f"{len(result.problems)} problem(s); nothing was imported")
    click.echo(f"{result.inserted} inserted, {result.replaced} replaced")


@demo_cli.command("load")
def load_demo() -> None:
    """Demo staff accounts, screening responses and case series (idempotent; never run this in production).

    Areas that already have case figures get no demo series. The accounts share the demo password
    (SUMBAR_DEMO_PASSWORD, else the published one); the console warns while any exist.
    """
    from api.services.demo import load_demo_data

    for line in load_demo_data():
        click.echo(line)


@demo_cli.command("clear")
def clear_demo() -> None:
    """Remove all demo data: demo case series, demo screening responses and demo staff accounts."""
    from api.services.demo import clear_demo_data

    for line in clear_demo_data():
        click.echo(line)


@jobs_cli.command("list")
def list_jobs() -> None:
    from api.jobs import JOBS

    for name, job in JOBS.items():
        click.echo(f"{name}\t{job.trigger} {job.trigger_args}\t{job.description}")


@jobs_cli.command("run")
@click.argument("name")
def run_job(name: str) -> None:
    """Run one job once, now."""
    from api.jobs import JOBS

    if name not in JOBS:
        raise click.ClickException(f"unknown job {name}; known: {', '.join(JOBS)}")
    click.echo(f"{name}: {JOBS[name].func()}")


@privacy_cli.command("purge")
@click.option(
    "--now",
    "now_text",
    default=None,
    metavar="ISO-DATETIME",
    help="Apply the retention periods as of this moment (with its offset), instead of the clock's now.",
)
def purge_personal_data(now_text: str | None) -> None:
    """Remove personal data past its retention period (the daily job does the same)."""
    from api.services.privacy import purge

    try:
        now = dt.datetime.fromisoformat(now_text) if now_text else None
    except ValueError:
        raise click.BadParameter(
            "an ISO 8601 date and time, e.g. 2026-12-01T02:00:00+07:00", param_hint="--now"
        ) from None
    if now is not None and now.tzinfo is None:
        raise click.BadParameter("give the offset too, e.g. +07:00", param_hint="--now")
    counts = purge(now.astimezone(dt.UTC) if now else None)
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))


def register_cli(app: Flask) -> None:
    for group in (users_cli, reference_cli, demo_cli, jobs_cli, cases_cli, privacy_cli, hospitals_cli):
        app.cli.add_command(group)
