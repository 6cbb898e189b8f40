"""initial schema: regions, staff, devices, screening responses, idempotency

Revision ID: 0001
Revises:
Create Date: 2026-11-28 04:24:37.023014

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('devices',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=True),
    sa.Column('app_version', sa.String(length=40), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_table('idempotency_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=False),
    sa.Column('body', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('scope', 'key', name='uq_idempotency_scope_key')
    )
    with op.batch_alter_table('idempotency_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_records_created_at'), ['created_at'], unique=False)

    op.create_table('regions',
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('bps_code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('capital', sa.String(length=60), nullable=False),
    sa.Column('population_2020', sa.Integer(), nullable=False),
    sa.Column('area_km2', sa.Float(), nullable=False),
    sa.Column('centroid_lat', sa.Float(), nullable=False),
    sa.Column('centroid_lon', sa.Float(), nullable=False),
    sa.CheckConstraint('population_2020 > 0', name='population_positive'),
    sa.CheckConstraint("type IN ('Kabupaten', 'Kota')", name='region_type'),
    sa.PrimaryKeyConstraint('code'),
    sa.UniqueConstraint('bps_code')
    )
    op.create_table('screening_responses',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('questionnaire_id', sa.String(length=40), nullable=False),
    sa.Column('questionnaire_version', sa.String(length=20), nullable=False),
    sa.Column('answers', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=True),
    sa.Column('device_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('screening_responses', schema=None) as batch_op:
        batch_op.create_index('ix_screening_region_created', ['region_code', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_responses_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_responses_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_screening_responses_device_id'), ['device_id'], unique=False)

    op.create_table('staff_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role != 'satgas_kabkota' OR region_code IS NOT NULL", name='kabkota_has_region'),
    sa.CheckConstraint("role IN ('admin', 'satgas_provinsi', 'satgas_kabkota', 'editor')", name='staff_role'),
    sa.ForeignKeyConstraint(['region_code'], ['regions.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('staff_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('token_hash')
    )
    with op.batch_alter_table('staff_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_tokens_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staff_tokens_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('staff_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_tokens_user_id'))
        batch_op.drop_index(batch_op.f('ix_staff_tokens_expires_at'))

    op.drop_table('staff_tokens')
    op.drop_table('staff_users')
    with op.batch_alter_table('screening_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_screening_responses_device_id'))
        batch_op.drop_index(batch_op.f('ix_screening_responses_created_at'))
        batch_op.drop_index(batch_op.f('ix_screening_responses_category'))
        batch_op.drop_index('ix_screening_region_created')

    op.drop_table('screening_responses')
    op.drop_table('regions')
    with op.batch_alter_table('idempotency_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_records_created_at'))

    op.drop_table('idempotency_records')
    op.drop_table('devices')
