"""Versions of the cache's schema and the steps between them.

The version is SQLite's ``PRAGMA user_version``. Each migration is a list of SQL statements
run in one transaction together with the new version number, so a crash leaves the old
version or the new one. Before migrating an existing cache, ``backup`` copies the encrypted
file aside (``cache.db.v<N>.bak``). A cache whose version is above ``SCHEMA_VERSION`` was
written by a newer app: it is refused (``CacheTooNew``) before anything is written to it.

Steps are frozen SQL, not ``schema.metadata.create_all``: the metadata describes the newest
shape, a step must keep producing the shape of its own version. ``tests/cache/test_migrations``
checks that the steps together produce exactly what ``casework.cache.schema`` describes.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from casework.cache.schema import ADDRESS_FTS_DDL


@dataclass(frozen=True)
class Migration:
    version: int  # the version after this step
    description: str
    statements: tuple[str, ...]


V1_STATEMENTS = (
    """CREATE TABLE record (
        rid INTEGER NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, version INTEGER NOT NULL,
        area TEXT NOT NULL, household_id TEXT, person_id TEXT, fact_type TEXT, link_id TEXT,
        data TEXT NOT NULL, PRIMARY KEY (rid), UNIQUE (id))""",
    "CREATE INDEX ix_record_household ON record (household_id) WHERE household_id IS NOT NULL",
    "CREATE INDEX ix_record_link ON record (link_id) WHERE link_id IS NOT NULL",
    """CREATE TABLE searchable (
        rid INTEGER NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, household_id TEXT,
        name TEXT, sex TEXT, birth_date TEXT, relation TEXT, id_number TEXT, phone TEXT,
        id_rev TEXT, phone_rev TEXT, initials TEXT, address TEXT, PRIMARY KEY (rid))""",
    "CREATE INDEX ix_searchable_name ON searchable (name) WHERE name IS NOT NULL",
    "CREATE INDEX ix_searchable_id_rev ON searchable (id_rev) WHERE id_rev IS NOT NULL",
    "CREATE INDEX ix_searchable_phone_rev ON searchable (phone_rev) WHERE phone_rev IS NOT NULL",
    "CREATE INDEX ix_searchable_household ON searchable (household_id) WHERE kind = 'person'",
    """CREATE TABLE name_bigram (token TEXT NOT NULL, rid INTEGER NOT NULL,
        PRIMARY KEY (token, rid)) WITHOUT ROWID""",
    """CREATE TABLE name_initials (token TEXT NOT NULL, rid INTEGER NOT NULL,
        PRIMARY KEY (token, rid)) WITHOUT ROWID""",
    ADDRESS_FTS_DDL,
    """CREATE TABLE holding (kind TEXT NOT NULL, count INTEGER NOT NULL, checksum TEXT NOT NULL,
        PRIMARY KEY (kind))""",
    'CREATE TABLE meta ("key" TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY ("key"))',
    """CREATE TABLE outbox (op_id TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL,
        base_version INTEGER, payload TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (op_id))""",
    "INSERT INTO meta (key, value) VALUES ('cursor', '0'), ('scope_epoch', '0'), "
    "('search_index', 'ready')",
)

# The outbox gains its order (``seq``), the op's action, its state and the hub's answer; the
# rows a v1 cache may hold are kept, in their order. Cases and notes get their query indexes.
V2_STATEMENTS = (
    """CREATE TABLE outbox_v2 (seq INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, op_id TEXT NOT NULL,
        kind TEXT NOT NULL, record_id TEXT NOT NULL, action TEXT NOT NULL, base_version INTEGER,
        payload TEXT NOT NULL, created_at TEXT NOT NULL, author TEXT,
        state TEXT NOT NULL DEFAULT 'pending', result TEXT, hub_version INTEGER, hub_seq INTEGER,
        answered_at TEXT, UNIQUE (op_id))""",
    """INSERT INTO outbox_v2 (op_id, kind, record_id, action, base_version, payload, created_at)
        SELECT op_id, kind, record_id, coalesce(json_extract(payload, '$.action'), 'update'),
               base_version, payload, created_at FROM outbox ORDER BY rowid""",
    "DROP TABLE outbox",
    "ALTER TABLE outbox_v2 RENAME TO outbox",
    "CREATE INDEX ix_outbox_record ON outbox (record_id)",
    "CREATE INDEX ix_case_household ON record (json_extract(data, '$.household_id')) WHERE kind = 'case'",
    "CREATE INDEX ix_case_assigned ON record (json_extract(data, '$.assigned_to')) WHERE kind = 'case'",
    "CREATE INDEX ix_note_case ON record (json_extract(data, '$.case_id')) WHERE kind = 'case_note'",
)

# The worklists' index (issue 12): one kind, fact type and area is one range.
V3_STATEMENTS = ("CREATE INDEX IF NOT EXISTS ix_record_kind ON record (kind, fact_type, area)",)

# The disability caseload's stored rows and the people whose rows must be recomputed (issue 11).
V4_STATEMENTS = (
    """CREATE TABLE caseload (officer TEXT NOT NULL, person_id TEXT NOT NULL, household_id TEXT NOT NULL,
        area TEXT NOT NULL, next_due TEXT, next_service TEXT, overdue INTEGER NOT NULL, last_contact TEXT,
        missed_medication INTEGER NOT NULL, services TEXT NOT NULL, category INTEGER, grade INTEGER,
        stale_after TEXT, PRIMARY KEY (officer, person_id)) WITHOUT ROWID""",
    "CREATE INDEX ix_caseload_officer_overdue ON caseload (officer, overdue, next_due)",
    "CREATE INDEX ix_caseload_stale ON caseload (stale_after) WHERE stale_after IS NOT NULL",
    "CREATE INDEX ix_caseload_person ON caseload (person_id)",
    "CREATE INDEX ix_caseload_household ON caseload (household_id)",
    """CREATE TABLE caseload_dirty (person_id TEXT NOT NULL, household_id TEXT NOT NULL,
        PRIMARY KEY (person_id)) WITHOUT ROWID""",
    "CREATE INDEX ix_caseload_source ON record (kind) WHERE kind IN ('service_plan', 'service_record')",
)

# The worklists' plain kind index made other queries' plans worse (issue 12): partial indexes
# instead, each for one list's subset.
V5_STATEMENTS = (
    "DROP INDEX IF EXISTS ix_record_kind",
    "CREATE INDEX ix_worklist_grant ON record (area) WHERE kind = 'benefit_grant'",
    "CREATE INDEX ix_worklist_permit ON record (area) WHERE fact_type = 'residence_permit'",
    "CREATE INDEX ix_worklist_enrolment ON record (area) WHERE fact_type = 'school_enrolment'",
    "CREATE INDEX ix_worklist_migrant ON record (area) "
    "WHERE kind = 'household' AND json_extract(data, '$.household_type') = 'migrant'",
    "CREATE INDEX ix_worklist_decision ON record (kind) "
    "WHERE kind IN ('duplicate_review', 'permit_follow_up', 'schooling_follow_up')",
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "records, search tables, holdings, meta, outbox", V1_STATEMENTS),
    Migration(2, "outbox order, state and answers; case and note indexes", V2_STATEMENTS),
    Migration(3, "record kind index for the worklists", V3_STATEMENTS),
    Migration(4, "the disability caseload", V4_STATEMENTS),
    Migration(5, "partial worklist indexes instead of the kind index", V5_STATEMENTS),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def pending(current: int) -> list[Migration]:
    return [m for m in MIGRATIONS if m.version > current]


def apply(conn: Connection, current: int) -> int:
    """Run every step above ``current`` in the caller's transaction; returns the new version."""
    version = current
    for step in pending(current):
        for statement in step.statements:
            conn.exec_driver_sql(statement)
        version = step.version
        conn.exec_driver_sql(f"PRAGMA user_version = {int(version)}")
    return version


def backup(path: Path, version: int) -> Path:
    """Copy the (checkpointed, closed) encrypted cache file aside before migrating it."""
    target = path.with_name(f"{path.name}.v{version}.bak")
    shutil.copy2(path, target)
    return target
