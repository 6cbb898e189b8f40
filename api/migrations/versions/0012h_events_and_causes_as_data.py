"""isolation events keep their details and monitoring alerts their cause and reason codes as data, not sentences

Revision ID: 0012h
Revises: 0011c
Create Date: 2026-12-07 08:00:00

The older code wrote English sentences into isolation_events.note and alerts.note and read them back. This
revision reads them once, here, into codes and details; a sentence it cannot read stays where it was.
"""
import datetime as dt
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0012h'
down_revision = '0011c'
branch_labels = None
depends_on = None

OPTIONAL_JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), 'postgresql')
CAUSES = "('emergency_checkin', 'silence')"

# The sentences the older code wrote, by action, and the details each one carries.
DAY = r'(\d{4}-\d{2}-\d{2})'
START = re.compile(r'(\w+) from ' + DAY)
MOVED = re.compile(DAY + ' -> ' + DAY)
QUIET_FOR = re.compile(r'no check-in for (\d+) h')
QUIET_SINCE = re.compile(r'no check-in since (\S+)')
CODES = re.compile(r'[\w:]+(, [\w:]+)*')
EMERGENCY_PREFIX = 'Isolation check-in emergency: '
SILENCE = re.compile(r'No isolation check-in for (\d+) h')

events = sa.table('isolation_events', sa.column('id', sa.Integer()), sa.column('action', sa.String()),
                  sa.column('actor', sa.String()), sa.column('note', sa.Text()),
                  sa.column('at', sa.DateTime(timezone=True)), sa.column('details', OPTIONAL_JSON))
alerts = sa.table('alerts', sa.column('id', sa.Uuid()), sa.column('type', sa.String()), sa.column('note', sa.Text()),
                  sa.column('cause', sa.String()), sa.column('reasons', OPTIONAL_JSON))


def _utc(moment):
    return moment.replace(tzinfo=dt.timezone.utc) if moment.tzinfo is None else moment


def event_details(action, note, at):
    """The details an older system or resident sentence carries, or None when it is not one of them."""
    match = START.fullmatch(note)
    if action == 'start' and match:
        return {'reason': match[1], 'from': match[2]}
    match = MOVED.fullmatch(note)
    if action == 'end_date_moved' and match:
        return {'from': match[1], 'to': match[2]}
    match = QUIET_FOR.fullmatch(note)
    if action in ('flag_silent', 'escalated') and match:
        return {'hours': int(match[1])}
    match = QUIET_SINCE.fullmatch(note)
    if action == 'reminder' and match:
        try:
            since = _utc(dt.datetime.fromisoformat(match[1]))
        except ValueError:
            return None
        return {'hours': int((_utc(at) - since).total_seconds() // 3600), 'since': since.isoformat()}
    if action in ('flag_urgent', 'alert_opened') and CODES.fullmatch(note):
        return {'reasons': note.split(', ')}
    if action == 'unflag_silent' and note == 'check-in received':
        return {'cause': 'checkin_received'}
    if action == 'close:completed' and note == 'release date reached':
        return {'cause': 'release_date_reached'}
    return None


def alert_cause(note):
    """Cause and reason codes an older monitoring alert's note carries, or None."""
    if note.startswith(EMERGENCY_PREFIX):
        codes = [code.strip() for code in note[len(EMERGENCY_PREFIX):].split(',') if code.strip()]
        return 'emergency_checkin', codes
    match = SILENCE.fullmatch(note)
    if match:
        return 'silence', [f'no_checkin_{match[1]}h']
    return None


def upgrade():
    with op.batch_alter_table('isolation_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('details', OPTIONAL_JSON, nullable=True))
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cause', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('reasons', OPTIONAL_JSON, nullable=True))
        batch_op.create_check_constraint('alert_cause', f"cause IS NULL OR (type = 'monitoring' AND cause IN {CAUSES})")
    connection = op.get_bind()
    rows = connection.execute(sa.select(events.c.id, events.c.action, events.c.note, events.c.at).where(
        events.c.actor.in_(('system', 'resident')), events.c.note.is_not(None))).all()
    read = [(row.id, event_details(row.action, row.note, row.at)) for row in rows]
    updates = [{'_id': row_id, 'details': details} for row_id, details in read if details is not None]
    if updates:
        connection.execute(sa.update(events).where(events.c.id == sa.bindparam('_id')).values(
            details=sa.bindparam('details'), note=None), updates)
    rows = connection.execute(sa.select(alerts.c.id, alerts.c.note).where(
        alerts.c.type == 'monitoring', alerts.c.note.is_not(None))).all()
    found = [(row.id, alert_cause(row.note)) for row in rows]
    updates = [{'_id': row_id, 'cause': cause[0], 'reasons': cause[1]} for row_id, cause in found if cause]
    if updates:
        connection.execute(sa.update(alerts).where(alerts.c.id == sa.bindparam('_id')).values(
            cause=sa.bindparam('cause'), reasons=sa.bindparam('reasons')), updates)


def event_note(action, details):
    """The sentence the older code wrote for these details (so it reads them again after a downgrade)."""
    if action == 'start':
        return f"{details.get('reason')} from {details.get('from')}"
    if action == 'end_date_moved':
        return f"{details.get('from')} -> {details.get('to')}"
    if action == 'reminder' and details.get('since'):
        return f"no check-in since {details['since']}"
    if 'hours' in details:
        return f"no check-in for {details['hours']} h"
    if 'reasons' in details:
        return ', '.join(details['reasons'])
    return {'checkin_received': 'check-in received', 'release_date_reached': 'release date reached'}.get(
        details.get('cause'))


def downgrade():
    connection = op.get_bind()
    rows = connection.execute(sa.select(events.c.id, events.c.action, events.c.details).where(
        events.c.details.is_not(None), events.c.note.is_(None))).all()
    updates = [{'_id': row.id, 'note': event_note(row.action, row.details)} for row in rows if row.details]
    if updates:
        connection.execute(sa.update(events).where(events.c.id == sa.bindparam('_id')).values(
            note=sa.bindparam('note')), updates)
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_constraint('alert_cause', type_='check')
        batch_op.drop_column('reasons')
        batch_op.drop_column('cause')
    with op.batch_alter_table('isolation_events', schema=None) as batch_op:
        batch_op.drop_column('details')
