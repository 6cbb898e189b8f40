"""mark demo staff accounts and demo screening responses, so demo data can be told apart and removed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 18:40:00

"""
import uuid

import sqlalchemy as sa
from alembic import op
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The demo loader's fixed account names and response ids (api/services/demo.py as of this revision).
DEMO_USERNAMES = ('admin', 'satgas-provinsi', 'satgas-padang', 'satgas-agam', 'editor')
DEMO_NAMESPACE = uuid.UUID("6f1c2b8e-3f44-4d6b-9a51-5b0f2d1a7c10")
DEMO_RESPONSES = 120
PUBLISHED_DEMO_PASSWORD = "sumbar-demo-2020"


def upgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('screening_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False))
    connection = op.get_bind()
    users = sa.table('staff_users', sa.column('id'), sa.column('username'), sa.column('password_hash'),
                     sa.column('is_demo', sa.Boolean()))
    hasher = PasswordHasher()
    for row in connection.execute(sa.select(users.c.id, users.c.password_hash).where(users.c.username.in_(DEMO_USERNAMES))):
        # Only accounts that still carry the published demo password are demo accounts.
        try:
            hasher.verify(row.password_hash, PUBLISHED_DEMO_PASSWORD)
        except (VerificationError, InvalidHashError):
            continue
        connection.execute(sa.update(users).where(users.c.id == row.id).values(is_demo=True))
    responses = sa.table('screening_responses', sa.column('id', sa.Uuid()), sa.column('is_demo', sa.Boolean()))
    demo_ids = [uuid.uuid5(DEMO_NAMESPACE, str(index)) for index in range(DEMO_RESPONSES)]
    connection.execute(sa.update(responses).where(responses.c.id.in_(demo_ids)).values(is_demo=True))


def downgrade():
    with op.batch_alter_table('screening_responses', schema=None) as batch_op:
        batch_op.drop_column('is_demo')
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('is_demo')
