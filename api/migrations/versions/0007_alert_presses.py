"""every panic press is a row of its own (the count and the notes no longer lost to concurrent presses)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:10:00

"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('alert_presses',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('alert_id', sa.Uuid(), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('pressed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('alert_presses', schema=None) as batch_op:
        batch_op.create_index('ix_alert_presses_alert_pressed', ['alert_id', 'pressed_at'], unique=False)
    # Existing panic alerts keep their first press (their notes so far stay on the alert).
    op.execute("INSERT INTO alert_presses (alert_id, category, note, pressed_at) "
               "SELECT id, category, note, created_at FROM alerts WHERE type = 'panic'")


def downgrade():
    with op.batch_alter_table('alert_presses', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_presses_alert_pressed')
    op.drop_table('alert_presses')
