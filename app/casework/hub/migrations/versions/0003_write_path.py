"""write path: applied ops (idempotency by op_id) and the revision log

Creates:

- ``applied_op``: every op the write service has answered, with its first result, keyed by the
  client's ``op_id``: an op seen again returns this result and changes nothing.
- ``record_revision``: one row per applied op — record, kind, household, the version it made,
  op_id, user, device, time and each field's before and after (JSON) — so every change is
  attributable and conflicts can name who last set a field.
- indexes on ``audit_event`` by subject and by user, for ``casework hub audit``.

Self-contained (no imports of the hub's modules), like 0002.

Revision ID: 0003_write_path
Revises: 0002
Create Date: 2026-12-02 17:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_write_path'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('applied_op',
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('op_id')
    )
    op.create_table('record_revision',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('seq', sa.BigInteger(), nullable=True),
    sa.Column('op_id', sa.String(length=36), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('device_id', sa.String(length=64), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('record_revision', schema=None) as batch_op:
        batch_op.create_index('ix_record_revision_record', ['record_id', 'version'], unique=False)
        batch_op.create_index('ix_record_revision_household', ['household_id'], unique=False)
        batch_op.create_index('ix_record_revision_user_at', ['username', 'at'], unique=False)
        batch_op.create_index('ix_record_revision_at', ['at'], unique=False)
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index('ix_audit_event_subject', ['subject'], unique=False)
        batch_op.create_index('ix_audit_event_user_at', ['username', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_event_user_at')
        batch_op.drop_index('ix_audit_event_subject')
    with op.batch_alter_table('record_revision', schema=None) as batch_op:
        batch_op.drop_index('ix_record_revision_at')
        batch_op.drop_index('ix_record_revision_user_at')
        batch_op.drop_index('ix_record_revision_household')
        batch_op.drop_index('ix_record_revision_record')
    op.drop_table('record_revision')
    op.drop_table('applied_op')
