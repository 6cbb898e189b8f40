"""instructions get an English summary beside the Indonesian one (the dashboard shows the visitor's language)

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 21:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('instructions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('summary_en', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('instructions', schema=None) as batch_op:
        batch_op.drop_column('summary_en')
