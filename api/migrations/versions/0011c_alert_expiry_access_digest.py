"""alerts may expire (status 'expired', expired_at); access records say which records a read showed

Revision ID: 0011c
Revises: 0011a
Create Date: 2026-12-07 07:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0011c'
down_revision = '0011a'
branch_labels = None
depends_on = None

BEFORE = "status IN ('new', 'acknowledged', 'dispatched', 'resolved', 'cancelled')"
AFTER = "status IN ('new', 'acknowledged', 'dispatched', 'resolved', 'cancelled', 'expired')"


def upgrade():
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expired_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint('alert_status', type_='check')
        batch_op.create_check_constraint('alert_status', AFTER)
    with op.batch_alter_table('staff_access_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('read_digest', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('staff_access_log', schema=None) as batch_op:
        batch_op.drop_column('read_digest')
    # Expired alerts count as cancelled under the older schema, which knows no expiry.
    op.execute("UPDATE alerts SET status = 'cancelled', cancelled_at = expired_at WHERE status = 'expired'")
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_constraint('alert_status', type_='check')
        batch_op.create_check_constraint('alert_status', BEFORE)
        batch_op.drop_column('expired_at')
