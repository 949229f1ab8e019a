"""The cache's tables (SQLAlchemy Core), and which of its indexes may be built late.

``record`` holds every synced record as the hub sent it (``data``, JSON text) in one table,
like the hub: one upsert path, one removal path, one household query. Beside ``data`` it
keeps the values the queries need as plain columns, filled on ingest: ``household_id`` (a
household's own id for the household record, so the household view is one index range),
``person_id``, ``fact_type`` and ``link_id`` (the rental housing a migrant household rents,
the enterprise of an employment fact, the rental housing of a residence registration, the
landlord person of a rental home).

``searchable`` is narrow on purpose: one row per person with what a search hit shows (name,
sex, birth date, relation, identity and phone numbers), ``id_rev``/``phone_rev`` (those numbers
reversed, so "the last 4 or 6 characters" is an index prefix range) and ``initials`` (every
pinyin-initials reading as a JSON list, kept so an update removes exactly the tokens it
added); and one row per household with its ``address``. Building its indexes scans a couple
of hundred bytes per person instead of every record's JSON, and a search hit is one row
here, not a record, its JSON and its household.

Search tables: ``name_bigram`` (every two adjacent characters of a name, and the last
character followed by END_MARK, so a one-character query is a prefix range), ``name_initials``
(one row per reading) and ``address_fts`` (FTS5 trigram over household addresses,
contentless: the text lives in ``searchable.address``).

Integers named ``rid`` are the record table's rowid; the search tables refer to records by it.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, Table, Text, func

END_MARK = "\x01"  # follows a name's last character in name_bigram

metadata = MetaData()

record = Table(
    "record", metadata,
    Column("rid", Integer, primary_key=True),
    Column("id", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("area", Text, nullable=False),
    Column("household_id", Text),
    Column("person_id", Text),
    Column("fact_type", Text),
    Column("link_id", Text),
    Column("data", Text, nullable=False),
)
ix_record_household = Index("ix_record_household", record.c.household_id,
                            sqlite_where=record.c.household_id.isnot(None))
ix_record_link = Index("ix_record_link", record.c.link_id, sqlite_where=record.c.link_id.isnot(None))
# The worklists (issue 12) read one subset in one area: grants, permits, enrolments, migrant
# households, review and follow-up records; without these each is a scan of every record's JSON.
# Partial indexes, usable only by a query that names the subset in the same words (literals), so
# no other query's plan changes: a plain index on kind (schema v3) was picked over the household
# and link indexes by queries that also filter on kind.
DECISION_KINDS = ("duplicate_review", "permit_follow_up", "schooling_follow_up")
ix_worklist_grant = Index("ix_worklist_grant", record.c.area, sqlite_where=record.c.kind == "benefit_grant")
ix_worklist_permit = Index("ix_worklist_permit", record.c.area,
                           sqlite_where=record.c.fact_type == "residence_permit")
ix_worklist_enrolment = Index("ix_worklist_enrolment", record.c.area,
                              sqlite_where=record.c.fact_type == "school_enrolment")
ix_worklist_migrant = Index("ix_worklist_migrant", record.c.area, sqlite_where=(
    (record.c.kind == "household") & (func.json_extract(record.c.data, "$.household_type") == "migrant")))
ix_worklist_decision = Index("ix_worklist_decision", record.c.kind,
                             sqlite_where=record.c.kind.in_(DECISION_KINDS))

searchable = Table(
    "searchable", metadata,
    Column("rid", Integer, primary_key=True),  # = record.rid of a person or household
    Column("kind", Text, nullable=False),  # person | household
    Column("record_id", Text, nullable=False),
    Column("household_id", Text),
    Column("name", Text),
    Column("sex", Text),
    Column("birth_date", Text),
    Column("relation", Text),
    Column("id_number", Text),
    Column("phone", Text),
    Column("id_rev", Text),
    Column("phone_rev", Text),
    Column("initials", Text),  # JSON list of readings, e.g. ["sz", "dz"]
    Column("address", Text),  # households only
)

name_bigram = Table(
    "name_bigram", metadata,
    Column("token", Text, primary_key=True),
    Column("rid", Integer, primary_key=True),
    sqlite_with_rowid=False,
)

name_initials = Table(
    "name_initials", metadata,
    Column("token", Text, primary_key=True),
    Column("rid", Integer, primary_key=True),
    sqlite_with_rowid=False,
)

holding = Table(
    "holding", metadata,
    Column("kind", Text, primary_key=True),
    Column("count", Integer, nullable=False),
    Column("checksum", Text, nullable=False),  # casework.domain.checksum, 16 hex digits
)

meta = Table(
    "meta", metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

# Local edits not yet settled with the hub, oldest first (``casework.cache.outbox``). A plain
# table on purpose: a damaged cache's unsent work can be exported from it row by row.
outbox = Table(
    "outbox", metadata,
    Column("seq", Integer, primary_key=True),  # the order edits were made in (AUTOINCREMENT)
    Column("op_id", Text, nullable=False, unique=True),  # client-made UUID; the hub applies each op once
    Column("kind", Text, nullable=False),
    Column("record_id", Text, nullable=False),
    Column("action", Text, nullable=False),  # create | update | append
    Column("base_version", Integer),  # None for a record created here
    Column("payload", Text, nullable=False),  # JSON: the wire op (casework.wire.v1.PushOp) as sent
    Column("created_at", Text, nullable=False),  # ISO 8601, UTC
    Column("author", Text),  # who made the edit here (a conflict's ``mine_by``)
    Column("state", Text, nullable=False, server_default="pending"),  # pending|applied|conflict|rejected
    Column("result", Text),  # JSON: the hub's OpResult, once answered
    Column("hub_version", Integer),  # the record's version after the op, as the hub answered
    Column("hub_seq", Integer),  # the feed seq of the op's change, as the hub answered
    Column("answered_at", Text),
    Index("ix_outbox_record", "record_id"),
    sqlite_autoincrement=True,
)

# Casework queries: a household's cases, a worker's cases, a case's notes. Expression indexes
# over the stored JSON, partial by kind: the pulled rows stay exactly what the hub sent.
ix_case_household = Index("ix_case_household", func.json_extract(record.c.data, "$.household_id"),
                          sqlite_where=record.c.kind == "case")
ix_case_assigned = Index("ix_case_assigned", func.json_extract(record.c.data, "$.assigned_to"),
                         sqlite_where=record.c.kind == "case")
ix_note_case = Index("ix_note_case", func.json_extract(record.c.data, "$.case_id"),
                     sqlite_where=record.c.kind == "case_note")

# The disability caseload (issue 11): one row per (officer, person) over that officer's plans,
# recomputed when the person's plans or records change (``caseload_dirty``, filled as pages
# and local edits are written) or when its ``stale_after`` date comes (``casework.domain.caseload``).
caseload = Table(
    "caseload", metadata,
    Column("officer", Text, primary_key=True),
    Column("person_id", Text, primary_key=True),
    Column("household_id", Text, nullable=False),
    Column("area", Text, nullable=False),
    Column("next_due", Text),
    Column("next_service", Text),
    Column("overdue", Integer, nullable=False),
    Column("last_contact", Text),
    Column("missed_medication", Integer, nullable=False),
    Column("services", Text, nullable=False),  # space-separated service types
    Column("category", Integer),  # of the disability certificate; None where withheld
    Column("grade", Integer),
    Column("stale_after", Text),
    sqlite_with_rowid=False,
)
Index("ix_caseload_officer_overdue", caseload.c.officer, caseload.c.overdue, caseload.c.next_due)
Index("ix_caseload_stale", caseload.c.stale_after, sqlite_where=caseload.c.stale_after.isnot(None))
Index("ix_caseload_person", caseload.c.person_id)
Index("ix_caseload_household", caseload.c.household_id)
# A rebuild reads every plan and service record: their own range, not a scan of every record.
ix_caseload_source = Index("ix_caseload_source", record.c.kind,
                           sqlite_where=record.c.kind.in_(["service_plan", "service_record"]))

caseload_dirty = Table(
    "caseload_dirty", metadata,
    Column("person_id", Text, primary_key=True),
    Column("household_id", Text, nullable=False),
    sqlite_with_rowid=False,
)

# The indexes an initial sync does without. During an initial sync into an empty cache they
# are dropped and the search tables left empty, then all are built once at the end
# (``search_index.build``): a sorted build is many times faster than keeping random-key
# B-trees current page by page (household and link ids are random UUIDs: at district scale
# each page would dirty thousands of index pages, each encrypted and written at commit).
# The page writer never looks records up by household or link, only by ``id`` (kept UNIQUE);
# only the queries do, and every query builds what is missing first.
DEFERRABLE_INDEXES: tuple[Index, ...] = (
    ix_record_household,
    ix_record_link,
    Index("ix_searchable_name", searchable.c.name, sqlite_where=searchable.c.name.isnot(None)),
    Index("ix_searchable_id_rev", searchable.c.id_rev, sqlite_where=searchable.c.id_rev.isnot(None)),
    Index("ix_searchable_phone_rev", searchable.c.phone_rev,
          sqlite_where=searchable.c.phone_rev.isnot(None)),
    Index("ix_searchable_household", searchable.c.household_id, sqlite_where=searchable.c.kind == "person"),
)

ADDRESS_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS address_fts USING fts5("
    "address, tokenize='trigram', detail='none', content='', contentless_delete=1)"
)
