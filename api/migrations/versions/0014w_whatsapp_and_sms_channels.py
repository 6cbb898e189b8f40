"""WhatsApp and SMS: numbers as residents (channel_contacts), inbound messages, provider ids and receipts on the outbox

Revision ID: 0014w
Revises: 0013a
Create Date: 2026-12-07 10:00:00
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0014w'
down_revision = '0013a'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
OPTIONAL_JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), 'postgresql')
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade():
    # Existing notifications were never sent through a provider that gives ids or receipts: the new columns stay null.
    with op.batch_alter_table('notifications') as batch:
        batch.add_column(sa.Column('provider_message_id', sa.String(length=128), nullable=True))
        batch.add_column(sa.Column('delivered_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('read_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index('ix_notifications_provider_message_id', ['provider_message_id'])
    op.create_table(
        'channel_contacts',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('address', sa.String(length=32), nullable=False),
        sa.Column('device_id', sa.Uuid(), nullable=False),
        sa.Column('state', JSON, nullable=False),
        sa.Column('last_inbound_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('hour_started_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('conversations_this_hour', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("channel IN ('whatsapp', 'sms')", name='channel_contact_channel'),
        sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'address', name='uq_channel_contact_address'),
        sa.UniqueConstraint('device_id'),
    )
    op.create_index('ix_channel_contacts_last_inbound_at', 'channel_contacts', ['last_inbound_at'])
    op.create_table(
        'channel_messages',
        sa.Column('id', BIG_ID, nullable=False),
        sa.Column('channel', sa.String(length=10), nullable=False),
        sa.Column('provider_id', sa.String(length=128), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('body', OPTIONAL_JSON, nullable=True),
        sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('taken_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('handled_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['contact_id'], ['channel_contacts.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('channel', 'provider_id', name='uq_channel_message_provider_id'),
    )
    op.create_index('ix_channel_messages_waiting', 'channel_messages', ['handled_at', 'id'])
    op.create_index('ix_channel_messages_contact_id', 'channel_messages', ['contact_id'])
    op.create_index('ix_channel_messages_received_at', 'channel_messages', ['received_at'])


def downgrade():
    op.drop_table('channel_messages')
    op.drop_table('channel_contacts')
    with op.batch_alter_table('notifications') as batch:
        batch.drop_index('ix_notifications_provider_message_id')
        batch.drop_column('read_at')
        batch.drop_column('delivered_at')
        batch.drop_column('provider_message_id')
