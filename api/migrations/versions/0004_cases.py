"""case statistics per region and day, their audit trail, governor instructions

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 05:12:43.382793

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('instructions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=400), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_until', sa.Date(), nullable=True),
    sa.Column('regions', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('signed_by', sa.String(length=120), nullable=True),
    sa.Column('source_url', sa.String(length=500), nullable=True),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'published')", name='instruction_status'),
    sa.CheckConstraint('effective_until IS NULL OR effective_from IS NULL OR effective_until >= effective_from', name='instruction_period'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['instructions.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number', name='uq_instruction_number')
    )
    op.create_table('case_audits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('actor', sa.String(length=60), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('before', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True),
    sa.Column('after', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['staff_id'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_audits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_audits_at'), ['at'], unique=False)

    op.create_table('case_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=5), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('new_cases', sa.Integer(), nullable=False),
    sa.Column('new_recovered', sa.Integer(), nullable=False),
    sa.Column('new_deaths', sa.Integer(), nullable=False),
    sa.Column('specimens_tested', sa.Integer(), nullable=True),
    sa.Column('positive_specimens', sa.Integer(), nullable=True),
    sa.Column('beds_occupied', sa.Integer(), nullable=True),
    sa.Column('beds_available', sa.Integer(), nullable=True),
    sa.Column('correction', sa.Boolean(), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("region_code = '13' OR region_code LIKE '13.__'", name='case_region_in_province'),
    sa.CheckConstraint('coalesce(specimens_tested, 0) >= 0 AND coalesce(positive_specimens, 0) >= 0 AND coalesce(beds_occupied, 0) >= 0 AND coalesce(beds_available, 0) >= 0', name='case_stocks_not_negative'),
    sa.CheckConstraint('specimens_tested IS NULL OR positive_specimens IS NULL OR positive_specimens <= specimens_tested', name='case_positive_within_tested'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['staff_users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('region_code', 'date', name='uq_case_region_date')
    )
    with op.batch_alter_table('case_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_records_region_code'), ['region_code'], unique=False)



def downgrade():
    with op.batch_alter_table('case_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_records_region_code'))

    op.drop_table('case_records')
    with op.batch_alter_table('case_audits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_audits_at'))

    op.drop_table('case_audits')
    op.drop_table('instructions')
