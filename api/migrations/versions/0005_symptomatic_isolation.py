"""isolation episodes may start from a symptomatic self-screening result (reason 'symptomatic')

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 18:00:00

"""
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

OLD = "reason IN ('confirmed_asymptomatic', 'confirmed_symptomatic', 'suspect', 'close_contact')"
NEW = "reason IN ('confirmed_asymptomatic', 'confirmed_symptomatic', 'suspect', 'symptomatic', 'close_contact')"


def upgrade():
    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.drop_constraint('isolation_reason', type_='check')
        batch_op.create_check_constraint('isolation_reason', NEW)


def downgrade():
    op.execute("UPDATE isolation_episodes SET reason = 'suspect' WHERE reason = 'symptomatic'")
    with op.batch_alter_table('isolation_episodes', schema=None) as batch_op:
        batch_op.drop_constraint('isolation_reason', type_='check')
        batch_op.create_check_constraint('isolation_reason', OLD)
