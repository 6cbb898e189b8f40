"""the notification outbox (one row per message to send, one per attempt), Web Push subscriptions, officers on duty

Revision ID: 0013a
Revises: 0013b
Create Date: 2026-12-07 08:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0013a'
down_revision = '0013b'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')
STATUSES = "('queued', 'sending', 'sent', 'dead')"


def upgrade():
    op.create_table(
        'notifications',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('channel', sa.String(length=20), nullable=False),
        sa.Column('recipient', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('payload', JSON, nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('give_up_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_error', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(f'status IN {STATUSES}', name='notification_status'),
        sa.CheckConstraint('attempts >= 0', name='notification_attempts_not_negative'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_notifications_status_next', 'notifications', ['status', 'next_attempt_at'])
    op.create_index('ix_notifications_created_at', 'notifications', ['created_at'])
    op.create_table(
        'notification_attempts',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('notification_id', BIG_ID, nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outcome', sa.String(length=10), nullable=False),
        sa.Column('status_code', sa.Integer(), nullable=True),
        sa.Column('duration_ms', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['notification_id'], ['notifications.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_notification_attempts_notification_id', 'notification_attempts', ['notification_id'])
    op.create_table(
        'push_subscriptions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('endpoint', sa.String(length=1000), nullable=False),
        sa.Column('p256dh', sa.String(length=120), nullable=False),
        sa.Column('auth', sa.String(length=40), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=True),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('(device_id IS NULL) != (staff_id IS NULL)', name='push_subscription_one_owner'),
        sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('endpoint'),
    )
    op.create_index('uq_push_subscription_per_device', 'push_subscriptions', ['device_id'], unique=True)
    op.create_index('ix_push_subscriptions_staff_id', 'push_subscriptions', ['staff_id'])
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('on_duty', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('on_duty')
    op.drop_index('ix_push_subscriptions_staff_id', table_name='push_subscriptions')
    op.drop_index('uq_push_subscription_per_device', table_name='push_subscriptions')
    op.drop_table('push_subscriptions')
    op.drop_index('ix_notification_attempts_notification_id', table_name='notification_attempts')
    op.drop_table('notification_attempts')
    op.drop_index('ix_notifications_created_at', table_name='notifications')
    op.drop_index('ix_notifications_status_next', table_name='notifications')
    op.drop_table('notifications')
