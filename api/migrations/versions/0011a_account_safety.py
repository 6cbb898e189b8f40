"""random session versions, the demo password mark on staff accounts, and security events for admins

Revision ID: 0011a
Revises: 0010
Create Date: 2026-12-07 07:00:00

"""
import secrets

import sqlalchemy as sa
from alembic import op
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

revision = '0011a'
down_revision = '0010'
branch_labels = None
depends_on = None

PUBLISHED_DEMO_PASSWORD = "sumbar-demo-2020"


def upgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.alter_column('session_version', existing_type=sa.Integer(), type_=sa.BigInteger(),
                              existing_nullable=False, server_default=None)
        batch_op.add_column(sa.Column('has_demo_password', sa.Boolean(), server_default=sa.false(), nullable=False))
    connection = op.get_bind()
    users = sa.table('staff_users', sa.column('id'), sa.column('password_hash'),
                     sa.column('session_version', sa.BigInteger()), sa.column('has_demo_password', sa.Boolean()))
    hasher = PasswordHasher()
    for row in connection.execute(sa.select(users.c.id, users.c.password_hash)).all():
        try:
            hasher.verify(row.password_hash, PUBLISHED_DEMO_PASSWORD)
            demo = True
        except (VerificationError, InvalidHashError):
            demo = False
        # Versions counted up from 0 are guessable: every session made before this ends, once.
        connection.execute(sa.update(users).where(users.c.id == row.id).values(
            session_version=secrets.randbelow(2**62) + 1, has_demo_password=demo))
    op.create_table(
        'security_events',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('addresses', sa.Integer(), nullable=False),
        sa.Column('window_seconds', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('security_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_security_events_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_security_events_staff_id'), ['staff_id'], unique=False)


def downgrade():
    with op.batch_alter_table('security_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_security_events_staff_id'))
        batch_op.drop_index(batch_op.f('ix_security_events_at'))
    op.drop_table('security_events')
    connection = op.get_bind()
    users = sa.table('staff_users', sa.column('session_version', sa.BigInteger()))
    # Back to small numbers: every session ends again rather than keep a version that no longer fits.
    connection.execute(sa.update(users).values(session_version=0))
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('has_demo_password')
        batch_op.alter_column('session_version', existing_type=sa.BigInteger(), type_=sa.Integer(),
                              existing_nullable=False, server_default='0')
