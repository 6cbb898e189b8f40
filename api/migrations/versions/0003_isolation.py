"""isolation: episodes, check-ins, their audit trail; alerts link to the episode that raised them

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 05:04:03.864716

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('isolation_episodes',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('device_id', sa.Uuid(), nullable=True),
    sa.Column('reason', sa.String(length=24), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('phone', sa.String(length=32), nullable=True),
    sa.Column('screening_response_id', sa.Uuid(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('flag_urgent', sa.Boolean(), nullable=False),
    sa.Column('flag_silent', sa.Boolean(), nullable=False),
    sa.Column('flag_escalated', sa.Boolean(), nullable=False),
    sa.Column('last_checkin_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_reminder_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("reason IN ('confirmed_asymptomatic', 'confirmed_symptomatic', 'suspect', 'close_contact')", name='isolation_reason'),
    sa.CheckConstraint("status IN ('active', 'completed', 'referred', 'hospitalized', 'died', 'lost_to_follow_up')", name='isolation_status'),
    sa.CheckConstraint('end_date > start_date', name='isolation_end_after_start'),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], ),
    sa.ForeignKeyConstraint(['screening_response_id'], ['screening_responses.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_isolation_episodes_device_id'), ['device_id'], unique=False)
        batch_op.create_index('ix_isolation_status_region', ['status', 'region_code'], unique=False)

    op.create_table('checkins',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Uuid(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=True),
    sa.Column('measured_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('temperature_c', sa.Double(), nullable=True),
    sa.Column('spo2', sa.Integer(), nullable=True),
    sa.Column('respiratory_rate', sa.Integer(), nullable=True),
    sa.Column('pulse', sa.Integer(), nullable=True),
    sa.Column('symptoms', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('danger_signs', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('triage', sa.String(length=10), nullable=False),
    sa.Column('reasons', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('alert_id', sa.Uuid(), nullable=True),
    sa.CheckConstraint("triage IN ('emergency', 'urgent', 'stable')", name='checkin_triage'),
    sa.CheckConstraint('spo2 IS NULL OR spo2 BETWEEN 50 AND 100', name='checkin_spo2_range'),
    sa.CheckConstraint('temperature_c IS NULL OR temperature_c BETWEEN 30 AND 45', name='checkin_temperature_range'),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ),
    sa.ForeignKeyConstraint(['episode_id'], ['isolation_episodes.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('episode_id', 'client_id', name='uq_checkin_client_id')
    )
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.create_index('ix_checkins_episode_measured', ['episode_id', 'measured_at'], unique=False)

    op.create_table('isolation_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('episode_id', sa.Uuid(), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('actor', sa.String(length=10), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['episode_id'], ['isolation_episodes.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('isolation_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_isolation_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_isolation_events_episode_id'), ['episode_id'], unique=False)

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('episode_id', sa.Uuid(), nullable=True))
        batch_op.create_foreign_key('fk_alerts_episode_id', 'isolation_episodes', ['episode_id'], ['id'], ondelete='SET NULL')



def downgrade():
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_constraint('fk_alerts_episode_id', type_='foreignkey')
        batch_op.drop_column('episode_id')

    with op.batch_alter_table('isolation_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_isolation_events_episode_id'))
        batch_op.drop_index(batch_op.f('ix_isolation_events_at'))

    op.drop_table('isolation_events')
    with op.batch_alter_table('checkins', schema=None) as batch_op:
        batch_op.drop_index('ix_checkins_episode_measured')

    op.drop_table('checkins')
    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.drop_index('ix_isolation_status_region')
        batch_op.drop_index(batch_op.f('ix_isolation_episodes_device_id'))

    op.drop_table('isolation_episodes')
