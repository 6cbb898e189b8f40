"""alerts found by their isolation episode (a check-in's open-alert question, an episode's deletion)

Revision ID: 0015e
Revises: 0014j
Create Date: 2026-12-07 13:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0015e'
down_revision = '0014j'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_alerts_episode',
        'alerts',
        ['episode_id'],
        postgresql_where=sa.text('episode_id IS NOT NULL'),
        sqlite_where=sa.text('episode_id IS NOT NULL'),
    )


def downgrade():
    op.drop_index('ix_alerts_episode', table_name='alerts')
