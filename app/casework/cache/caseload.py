"""The disability officer's caseload from the cache: who I follow, what is due, what is overdue.

Computing every person's occurrences on each look would cost seconds at district scale (some
90,000 disabled people), so the rows are stored (``schema.caseload``: one per officer and
person, over that officer's plans) and recomputed only where they may have changed:

- a page from the hub that brings or removes a person's plan or service record marks that
  person (for a removal: everyone of the household) dirty in the same transaction
  (``note_page``); a reset or a dropped kind marks the whole caseload for a rebuild;
- a row whose ``stale_after`` date has come (an occurrence opened or closed) is recomputed;
- people with local, unsent plan edits or service records are always recomputed, from the
  hub's state with the outbox laid over it, so a record made on a doorstep counts at once.

``refresh`` does that work (on the database worker, after a sync or before a query);
``caseload`` reads a page of rows and the counts at the top.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import Connection

from casework.cache import outbox
from casework.domain.caseload import CaseloadEntry, entry_for
from casework.domain.records import Kind
from casework.domain.schedules import ServicePlan, ServiceRecord
from casework.domain.service_data import plan_from, record_from

if TYPE_CHECKING:
    from casework.cache.store import CacheStore

SERVICE_KINDS = (Kind.SERVICE_PLAN.value, Kind.SERVICE_RECORD.value)
AS_OF_KEY = "caseload_as_of"  # meta: the date the stored rows hold for; absent: rebuild all
_CHUNK = 500
_DUE_SOON_DAYS = 7


# --- keeping the rows current ---------------------------------------------------------------

def note_page(conn: Connection, latest: Mapping[str, Mapping[str, Any]],
              removed_households: Mapping[str, str | None]) -> None:
    """Mark the people whose plans or records a page brings or removes (in the page's
    transaction). ``removed_households``: the household each removed record was filed under,
    as the cache held it (a removal carries no data)."""
    dirty: list[tuple[str, str]] = []
    households: set[str] = set()
    for record_id, change in latest.items():
        if change.get("kind") not in SERVICE_KINDS:
            continue
        data = change.get("data")
        if change.get("op") == "remove" or not isinstance(data, dict):
            household_id = removed_households.get(record_id)
            if household_id:
                households.add(household_id)
            continue
        person_id, household_id = data.get("person_id"), data.get("household_id")
        if isinstance(person_id, str) and isinstance(household_id, str):
            dirty.append((person_id, household_id))
    if not (dirty or households):
        return
    if conn.exec_driver_sql("SELECT 1 FROM meta WHERE key = ?", (AS_OF_KEY,)).scalar() is None:
        return  # not yet built (an initial sync): the first refresh builds every row anyway
    if dirty:
        conn.exec_driver_sql("INSERT OR IGNORE INTO caseload_dirty (person_id, household_id) VALUES (?, ?)",
                             dirty)
    for household_id in households:  # everyone of the household with a row: recomputed
        conn.exec_driver_sql("INSERT OR IGNORE INTO caseload_dirty (person_id, household_id) "
                             "SELECT person_id, household_id FROM caseload WHERE household_id = ?",
                             (household_id,))


def invalidate(conn: Connection) -> None:
    """Have the next refresh rebuild every row (records were dropped wholesale)."""
    conn.exec_driver_sql("DELETE FROM meta WHERE key = ?", (AS_OF_KEY,))


def refresh(conn: Connection, as_of: dt.date) -> int:
    """Recompute the rows that may have changed, in the caller's write transaction; returns
    how many people were recomputed."""
    stored = conn.exec_driver_sql("SELECT value FROM meta WHERE key = ?", (AS_OF_KEY,)).scalar()
    local = _local_people(conn)
    if stored is None or stored > as_of.isoformat():
        conn.exec_driver_sql("DELETE FROM caseload")
        plans, records = _all_service_records(conn)
        people = {plan["person_id"]: plan["household_id"] for plan in plans.values()}
        people.update(local)
    else:
        people = dict(conn.exec_driver_sql("SELECT person_id, household_id FROM caseload_dirty").all())
        stale = "SELECT person_id, household_id FROM caseload WHERE stale_after <= ?"
        people.update(conn.exec_driver_sql(stale, (as_of.isoformat(),)).all())
        people.update(local)
        plans, records = _service_records_of(conn, set(people.values()))
        ids = list(people)
        for start in range(0, len(ids), _CHUNK):
            chunk = orjson.dumps(ids[start:start + _CHUNK]).decode()
            conn.exec_driver_sql("DELETE FROM caseload WHERE person_id IN (SELECT value FROM json_each(?))",
                                 (chunk,))
    _lay_over_outbox(conn, plans, records)
    certificates = _certificates(conn, people)
    rows = _rows(plans, records, set(people), certificates, _areas(conn, set(people.values())), as_of)
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO caseload (officer, person_id, household_id, area, next_due, next_service, overdue, "
            "last_contact, missed_medication, services, category, grade, stale_after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.exec_driver_sql("DELETE FROM caseload_dirty")
    conn.exec_driver_sql(
        "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (AS_OF_KEY, as_of.isoformat()))
    return len(people)


def _local_people(conn: Connection) -> dict[str, str]:
    """People with unsent plan edits or service records: always recomputed."""
    found: dict[str, str] = {}
    entries = outbox.entries(conn, kinds=list(SERVICE_KINDS))
    missing: list[str] = []
    for entry in entries:
        data = entry.data or {}
        if isinstance(data.get("person_id"), str) and isinstance(data.get("household_id"), str):
            found[data["person_id"]] = data["household_id"]
        else:
            missing.append(entry.record_id)  # an update names fields, not its person
    if missing:
        for person_id, household_id in conn.exec_driver_sql(
                "SELECT person_id, household_id FROM record WHERE id IN (SELECT value FROM json_each(?))",
                (orjson.dumps(missing).decode(),)):
            if person_id and household_id:
                found[person_id] = household_id
    return found


Stored = dict[str, dict[str, Any]]  # record id → data


def _all_service_records(conn: Connection) -> tuple[Stored, Stored]:
    plans: Stored = {}
    records: Stored = {}
    for kind, record_id, data in conn.exec_driver_sql(
            # the literals of the partial index ix_caseload_source, so SQLite uses it
            "SELECT kind, id, data FROM record WHERE kind IN ('service_plan', 'service_record')"):
        (plans if kind == Kind.SERVICE_PLAN else records)[record_id] = orjson.loads(data)
    return plans, records


def _service_records_of(conn: Connection, households: Iterable[str]) -> tuple[Stored, Stored]:
    plans: Stored = {}
    records: Stored = {}
    ids = list(households)
    for start in range(0, len(ids), _CHUNK):
        for kind, record_id, data in conn.exec_driver_sql(
                "SELECT kind, id, data FROM record WHERE household_id IN (SELECT value FROM json_each(?)) "
                "AND kind IN (?, ?)", (orjson.dumps(ids[start:start + _CHUNK]).decode(), *SERVICE_KINDS)):
            (plans if kind == Kind.SERVICE_PLAN else records)[record_id] = orjson.loads(data)
    return plans, records


def _lay_over_outbox(conn: Connection, plans: Stored, records: Stored) -> None:
    """Local plan edits and service records over the hub's state."""
    entries = outbox.entries(conn, kinds=list(SERVICE_KINDS))
    if not entries:
        return
    cursor = outbox.cursor_of(conn)
    versions = outbox.pulled_versions(conn, [e.record_id for e in entries])
    by_record: dict[str, list[outbox.OutboxEntry]] = defaultdict(list)
    for entry in entries:
        by_record[entry.record_id].append(entry)
    for record_id, found in by_record.items():
        target = plans if found[0].kind == Kind.SERVICE_PLAN else records
        laid = outbox.lay_over(target.get(record_id), found, cursor, versions.get(record_id))
        if laid.data is None:
            target.pop(record_id, None)
        else:
            target[record_id] = dict(laid.data)


def _certificates(conn: Connection, people: Mapping[str, str]) -> dict[str, tuple[int | None, int | None]]:
    """Category and grade per person, as far as this user may see them (None where withheld)."""
    found: dict[str, tuple[int | None, int | None]] = {}
    households = list(set(people.values()))
    for start in range(0, len(households), _CHUNK):
        for person_id, data in conn.exec_driver_sql(
                "SELECT person_id, data FROM record WHERE household_id IN (SELECT value FROM json_each(?)) "
                "AND kind = 'disability_certificate'",
                (orjson.dumps(households[start:start + _CHUNK]).decode(),)):
            if person_id in people:
                cert = orjson.loads(data)
                found[person_id] = (cert.get("category"), cert.get("grade"))
    return found


def _areas(conn: Connection, households: Iterable[str]) -> dict[str, str]:
    """The community of each household (a household record's id is the household id)."""
    ids = list(households)
    found: dict[str, str] = {}
    for start in range(0, len(ids), _CHUNK):
        found.update(conn.exec_driver_sql(
            "SELECT r.id, r.area FROM json_each(?) AS j JOIN record AS r ON r.id = j.value",
            (orjson.dumps(ids[start:start + _CHUNK]).decode(),)).all())
    return found


Certificates = Mapping[str, tuple[int | None, int | None]]


def _rows(plans: Stored, records: Stored, people: set[str], certificates: Certificates,
          areas: Mapping[str, str], as_of: dt.date) -> list[tuple]:
    by_plan: dict[str, list[ServiceRecord]] = defaultdict(list)
    for data in records.values():
        try:
            by_plan[data["plan_id"]].append(record_from(data))
        except (KeyError, ValueError):
            continue  # a record the hub would refuse: not counted
    grouped: dict[tuple[str, str], list[tuple[ServicePlan, list[ServiceRecord]]]] = defaultdict(list)
    household_of: dict[str, str] = {}
    for plan_id, data in plans.items():
        person_id = data.get("person_id")
        if person_id not in people:
            continue
        try:
            plan = plan_from(data)
        except (KeyError, ValueError):
            continue
        grouped[(str(data.get("responsible") or ""), person_id)].append((plan, by_plan.get(plan_id, [])))
        household_of[person_id] = data["household_id"]
    rows = []
    for (officer, person_id), person_plans in grouped.items():
        entry: CaseloadEntry = entry_for(person_plans, as_of)
        household_id = household_of[person_id]
        category, grade = certificates.get(person_id, (None, None))
        rows.append((officer, person_id, household_id, areas.get(household_id, ""), _iso(entry.next_due),
                     entry.next_service.value if entry.next_service else None, entry.overdue,
                     _iso(entry.last_contact), int(entry.missed_medication),
                     " ".join(s.value for s in entry.services), category, grade, _iso(entry.stale_after)))
    return rows


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


# --- reading ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseloadFilter:
    community: str | None = None  # 12-digit community code
    category: int | None = None
    grade: int | None = None
    service: str | None = None  # a ServiceType value
    status: str | None = None  # "overdue" | "due_soon" | "missed_medication"


@dataclass(frozen=True)
class CaseloadRow:
    person_id: str
    household_id: str
    area: str
    name: str | None
    sex: str | None
    birth_date: str | None
    category: int | None
    grade: int | None
    next_due: str | None
    next_service: str | None
    overdue: int
    last_contact: str | None
    missed_medication: bool
    services: tuple[str, ...]


@dataclass(frozen=True)
class CaseloadCounts:
    people: int
    overdue_people: int
    overdue_services: int
    due_soon: int  # people whose next service is due within the week
    missed_medication: int


@dataclass(frozen=True)
class CaseloadPage:
    as_of: str
    counts: CaseloadCounts
    rows: tuple[CaseloadRow, ...]


def _where(officer: str | None, chosen: CaseloadFilter, as_of: dt.date) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if officer is not None:
        clauses.append("c.officer = ?")
        params.append(officer)
    if chosen.community:
        clauses.append("c.area = ?")
        params.append(chosen.community)
    if chosen.category is not None:
        clauses.append("c.category = ?")
        params.append(chosen.category)
    if chosen.grade is not None:
        clauses.append("c.grade = ?")
        params.append(chosen.grade)
    if chosen.service:
        clauses.append("(' ' || c.services || ' ') LIKE ?")
        params.append(f"% {chosen.service} %")
    if chosen.status == "overdue":
        clauses.append("c.overdue > 0")
    elif chosen.status == "due_soon":
        clauses.append("c.next_due BETWEEN ? AND ?")
        params += [as_of.isoformat(), (as_of + dt.timedelta(days=_DUE_SOON_DAYS - 1)).isoformat()]
    elif chosen.status == "missed_medication":
        clauses.append("c.missed_medication = 1")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def read_caseload(conn: Connection, officer: str | None, as_of: dt.date,
                  chosen: CaseloadFilter = CaseloadFilter(), offset: int = 0,
                  limit: int = 100) -> CaseloadPage:
    """A page of the caseload (most overdue first, then the soonest due) and its counts; the
    rows must be current (``refresh``). ``officer`` None: every officer's people."""
    where, params = _where(officer, chosen, as_of)
    soon_end = (as_of + dt.timedelta(days=_DUE_SOON_DAYS - 1)).isoformat()
    people, overdue_people, overdue_services, due_soon, missed = conn.exec_driver_sql(
        "SELECT count(*), coalesce(sum(c.overdue > 0), 0), coalesce(sum(c.overdue), 0), "
        "coalesce(sum(c.next_due BETWEEN ? AND ?), 0), coalesce(sum(c.missed_medication), 0) "
        f"FROM caseload AS c{where}", (as_of.isoformat(), soon_end, *params)).one()
    found = conn.exec_driver_sql(
        "SELECT c.person_id, c.household_id, p.area, s.name, s.sex, s.birth_date, c.category, c.grade, "
        "c.next_due, c.next_service, c.overdue, c.last_contact, c.missed_medication, c.services "
        f"FROM caseload AS c LEFT JOIN record AS p ON p.id = c.person_id "
        f"LEFT JOIN searchable AS s ON s.rid = p.rid{where} "
        "ORDER BY c.overdue DESC, c.next_due IS NULL, c.next_due, c.person_id LIMIT ? OFFSET ?",
        (*params, limit, offset)).all()
    rows = tuple(CaseloadRow(r[0], r[1], r[2] or "", r[3], r[4], r[5], r[6], r[7], r[8], r[9], int(r[10]),
                             r[11], bool(r[12]), tuple(r[13].split())) for r in found)
    counts = CaseloadCounts(int(people), int(overdue_people), int(overdue_services), int(due_soon),
                            int(missed))
    return CaseloadPage(as_of.isoformat(), counts, rows)


def caseload(store: CacheStore, officer: str | None, as_of: dt.date,
             chosen: CaseloadFilter = CaseloadFilter(), offset: int = 0, limit: int = 100) -> CaseloadPage:
    """Bring the stored rows up to date, then read a page (on the database worker)."""
    store.ensure_indexes()
    with store._write() as conn:  # the store's one write path, as casework.cache.edits uses it
        refresh(conn, as_of)
    with store.read() as conn:
        return read_caseload(conn, officer, as_of, chosen, offset, limit)
