"""hospitals as data, their daily bed reports with an audit trail, and the rumah_sakit staff role

Revision ID: 0013b
Revises: 0012h
Create Date: 2026-12-07 09:00:00

"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0013b'
down_revision = '0012h'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
OPTIONAL_JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), 'postgresql')
COUNTS = ('isolation_total', 'isolation_occupied', 'icu_total', 'icu_occupied', 'hcu_total', 'hcu_occupied',
          'ventilators_in_use', 'admitted_today')
OLD_ROLES = "('admin', 'satgas_provinsi', 'satgas_kabkota', 'editor')"
NEW_ROLES = "('admin', 'satgas_provinsi', 'satgas_kabkota', 'editor', 'rumah_sakit')"


def upgrade():
    op.create_table(
        'hospitals',
        sa.Column('code', sa.String(length=12), nullable=False),
        sa.Column('region_code', sa.String(length=5), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('type', sa.String(length=30), nullable=False),
        sa.Column('beds', sa.Integer(), nullable=True),
        sa.Column('phone', sa.String(length=60), nullable=False),
        sa.Column('address', sa.String(length=300), nullable=False),
        sa.Column('lat', sa.Float(), nullable=False),
        sa.Column('lon', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['region_code'], ['regions.code']),
        sa.PrimaryKeyConstraint('code'),
    )
    with op.batch_alter_table('hospitals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hospitals_region_code'), ['region_code'], unique=False)
    op.create_table(
        'bed_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hospital_code', sa.String(length=12), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=name.startswith(('hcu', 'vent', 'admitted'))) for name in COUNTS],
        sa.Column('reported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('reported_by_id', sa.Integer(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.CheckConstraint(' AND '.join(f'coalesce({name}, 0) >= 0' for name in COUNTS),
                           name='bed_counts_not_negative'),
        sa.CheckConstraint(
            'isolation_occupied <= isolation_total AND icu_occupied <= icu_total '
            'AND (hcu_occupied IS NULL OR hcu_total IS NULL OR hcu_occupied <= hcu_total)',
            name='bed_occupied_within_total'),
        sa.ForeignKeyConstraint(['hospital_code'], ['hospitals.code'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reported_by_id'], ['staff_users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('hospital_code', 'day', name='uq_bed_report_hospital_day'),
    )
    with op.batch_alter_table('bed_reports', schema=None) as batch_op:
        batch_op.create_index('ix_bed_reports_day', ['day'], unique=False)
    op.create_table(
        'bed_report_audits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('hospital_code', sa.String(length=12), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('actor', sa.String(length=60), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=True),
        sa.Column('before', OPTIONAL_JSON, nullable=True),
        sa.Column('after', JSON, nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['hospital_code'], ['hospitals.code'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('bed_report_audits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bed_report_audits_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_bed_report_audits_hospital_code'), ['hospital_code'], unique=False)
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hospital_code', sa.String(length=12), nullable=True))
        batch_op.create_foreign_key('fk_staff_users_hospital', 'hospitals', ['hospital_code'], ['code'])
        batch_op.drop_constraint('staff_role', type_='check')
        batch_op.create_check_constraint('staff_role', f'role IN {NEW_ROLES}')
        batch_op.create_check_constraint('hospital_staff_has_hospital',
                                         "(role = 'rumah_sakit') = (hospital_code IS NOT NULL)")


def downgrade():
    connection = op.get_bind()
    users = sa.table('staff_users', sa.column('role', sa.String()))
    # Hospital accounts have no place in the older roles.
    connection.execute(sa.delete(users).where(users.c.role == 'rumah_sakit'))
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_constraint('hospital_staff_has_hospital', type_='check')
        batch_op.drop_constraint('staff_role', type_='check')
        batch_op.create_check_constraint('staff_role', f'role IN {OLD_ROLES}')
        batch_op.drop_constraint('fk_staff_users_hospital', type_='foreignkey')
        batch_op.drop_column('hospital_code')
    with op.batch_alter_table('bed_report_audits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bed_report_audits_hospital_code'))
        batch_op.drop_index(batch_op.f('ix_bed_report_audits_at'))
    op.drop_table('bed_report_audits')
    with op.batch_alter_table('bed_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_bed_reports_day')
    op.drop_table('bed_reports')
    with op.batch_alter_table('hospitals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hospitals_region_code'))
    op.drop_table('hospitals')
