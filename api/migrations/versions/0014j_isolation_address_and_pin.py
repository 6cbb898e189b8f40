"""an isolation episode's address and optional location pin, given by its resident

Revision ID: 0014j
Revises: 0014w
Create Date: 2026-12-07 10:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0014j'
down_revision = '0014w'
branch_labels = None
depends_on = None

PIN_WHOLE = '(lat IS NULL) = (lon IS NULL)'
PIN_RANGE = 'lat IS NULL OR (lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180)'


def upgrade():
    # Plain ADD COLUMN, never a batch copy: on SQLite a copy drops the old table, and with foreign keys on that
    # deletes every check-in and audit event (ON DELETE CASCADE). Existing episodes stay valid (all three null).
    op.add_column('isolation_episodes', sa.Column('address', sa.String(length=300), nullable=True))
    op.add_column('isolation_episodes', sa.Column('lat', sa.Double(), nullable=True))
    op.add_column('isolation_episodes', sa.Column('lon', sa.Double(), nullable=True))
    # SQLite cannot add a table constraint in place; there the API's validation alone keeps the pin whole.
    if op.get_bind().dialect.name != 'sqlite':
        op.create_check_constraint('isolation_pin_whole', 'isolation_episodes', PIN_WHOLE)
        op.create_check_constraint('isolation_pin_range', 'isolation_episodes', PIN_RANGE)


def downgrade():
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint('isolation_pin_range', 'isolation_episodes', type_='check')
        op.drop_constraint('isolation_pin_whole', 'isolation_episodes', type_='check')
    op.drop_column('isolation_episodes', 'lon')
    op.drop_column('isolation_episodes', 'lat')
    op.drop_column('isolation_episodes', 'address')
