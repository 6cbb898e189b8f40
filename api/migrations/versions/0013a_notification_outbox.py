"""the notification outbox: one row per message to send, one per attempt at sending it

Revision ID: 0013a
Revises: 0012h
Create Date: 2026-12-07 08:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0013a'
down_revision = '0012h'
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


def downgrade():
    op.drop_index('ix_notification_attempts_notification_id', table_name='notification_attempts')
    op.drop_table('notification_attempts')
    op.drop_index('ix_notifications_created_at', table_name='notifications')
    op.drop_index('ix_notifications_status_next', table_name='notifications')
    op.drop_table('notifications')
