"""summary totals: running count and checksum per (street, department, kind)

Creates ``summary_total`` and fills it from the records already stored, so ``/sync/summary``
can read a few rows instead of hashing every record (``casework.hub.summary``).

The fill streams (district, street, department, kind, id, version) of the live records —
through a server-side cursor on PostgreSQL, since a district is millions of rows — and hashes
them here; the code is kept self-contained (only ``record_hash``, the wire checksum) so later
changes to the hub's modules cannot change what this revision does.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 13:10:00
"""

import sqlalchemy as sa
from alembic import op

from casework.domain.checksum import record_hash

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

_BATCH = 20_000
_MOD = 1 << 64
_SIGN = 1 << 63


def _live_records(conn: sa.Connection):
    """Batches of (district, street, department, kind, id, version) tuples from the driver."""
    sql = "SELECT district, street, department, kind, id, version FROM record WHERE NOT deleted"
    dbapi = conn.connection.dbapi_connection
    cursor = dbapi.cursor(name="summary_total_fill") if conn.dialect.name == "postgresql" else dbapi.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(_BATCH):
            yield rows
    finally:
        cursor.close()


def upgrade() -> None:
    op.create_table('summary_total',
    sa.Column('street', sa.String(length=9), nullable=False),
    sa.Column('department', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=6), nullable=False),
    sa.Column('count', sa.BigInteger(), nullable=False),
    sa.Column('checksum', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('street', 'department', 'kind')
    )
    with op.batch_alter_table('summary_total', schema=None) as batch_op:
        batch_op.create_index('ix_summary_total_district', ['district'], unique=False)

    groups: dict[tuple[str, str, str], list] = {}
    for rows in _live_records(op.get_bind()):
        for district, street, department, kind, record_id, version in rows:
            key = (street, department, kind)
            group = groups.get(key)
            if group is None:
                group = groups[key] = [district, 0, 0]
            group[1] += 1
            group[2] += record_hash(record_id, version)
    table = sa.table('summary_total', *(sa.column(name) for name in
                     ('street', 'department', 'kind', 'district', 'count', 'checksum')))
    rows = []
    for (street, department, kind), (district, count, total) in groups.items():
        total %= _MOD
        rows.append({'street': street, 'department': department, 'kind': kind, 'district': district,
                     'count': count, 'checksum': total - _MOD if total >= _SIGN else total})
    if rows:
        op.bulk_insert(table, rows)


def downgrade() -> None:
    with op.batch_alter_table('summary_total', schema=None) as batch_op:
        batch_op.drop_index('ix_summary_total_district')
    op.drop_table('summary_total')
