"""sessions that can be ended, device token use, erasure marks, login failures, staff access log, live streams

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 18:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('login_failures',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('client_address', sa.String(length=64), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index('ix_login_failures_address_at', ['client_address', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_failures_at'), ['at'], unique=False)
        batch_op.create_index('ix_login_failures_user_address_at', ['username', 'client_address', 'at'], unique=False)

    op.create_table('live_streams',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('live_streams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_streams_staff_id'), ['staff_id'], unique=False)

    op.create_table('staff_access_log',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=80), nullable=True),
    sa.Column('records', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('staff_access_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_access_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_access_log_staff_id'), ['staff_id'], unique=False)

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('erase_requested_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('personal_data_removed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy_notice_version', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_devices_last_used_at'), ['last_used_at'], unique=False)

    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('personal_data_removed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))

    # Devices registered so far count as used when they were registered.
    op.execute("UPDATE devices SET last_used_at = created_at")



def downgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('session_version')

    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.drop_column('personal_data_removed_at')

    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_devices_last_used_at'))
        batch_op.drop_column('last_used_at')
        batch_op.drop_column('privacy_notice_version')

    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_column('personal_data_removed_at')
        batch_op.drop_column('erase_requested_at')

    with op.batch_alter_table('staff_access_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_access_log_staff_id'))
        batch_op.drop_index(batch_op.f('ix_staff_access_log_at'))

    op.drop_table('staff_access_log')
    with op.batch_alter_table('live_streams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_streams_staff_id'))

    op.drop_table('live_streams')
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index('ix_login_failures_user_address_at')
        batch_op.drop_index(batch_op.f('ix_login_failures_at'))
        batch_op.drop_index('ix_login_failures_address_at')

    op.drop_table('login_failures')
