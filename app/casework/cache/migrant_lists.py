"""Migrant services' worklists from the cache (issue 12): lapsing residence permits and
school-age migrant children with no school enrolment, for a street or a community.

The rules are ``casework.domain.migrants``'; this module reads what they need:

- permits: the ``residence_permit`` department facts filed in the area (``ix_worklist_permit``,
  a partial index by area; the queries name its subset in the same words, as literals);
- follow-ups: the append-only ``permit_follow_up`` / ``schooling_follow_up`` records
  (``casework.domain.kinds_followups``; pulled, and this device's own not yet pulled back);
- schooling: the area's migrant households (``ix_worklist_migrant``), their members from the
  narrow ``searchable`` rows (birth date and household, no record JSON), and the area's
  ``school_enrolment`` facts (``ix_worklist_enrolment``). A
  department fact is filed under its household's community, so the area's enrolments are every
  enrolment its children can have.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass

import orjson
from sqlalchemy import Connection

from casework.cache.list_support import appended, area_clause, check_area
from casework.cache.store import CacheStore
from casework.domain.migrants import (
    PERMIT_WARNING_DAYS,
    SCHOOL_AGE_FROM,
    SCHOOL_AGE_TO,
    Child,
    Permit,
    PermitFollowUp,
    PermitFollowUpOutcome,
    PermitList,
    PermitStatus,
    SchoolingFollowUp,
    SchoolingFollowUpOutcome,
    SchoolingList,
    enrolled_person_ids,
    lapsing_permits,
    unenrolled_children,
)
from casework.domain.records import Kind

log = logging.getLogger(__name__)

PERMIT_FOLLOW_UP_KIND = Kind.PERMIT_FOLLOW_UP.value
SCHOOLING_FOLLOW_UP_KIND = Kind.SCHOOLING_FOLLOW_UP.value
_FACT = Kind.DEPARTMENT_FACT.value


@dataclass(frozen=True)
class PermitWorklist:
    """The permits page: the domain's list, where each person's permit is filed, and the
    counts by community and status its header and filter show."""

    area: str | None
    today: dt.date
    permits: PermitList
    community_of: dict[str, str]  # person id → community code of their permit
    counts: dict[str, dict[str, int]]  # community → {"expiring": n, "expired": n}


@dataclass(frozen=True)
class SchoolingWorklist:
    area: str | None
    today: dt.date
    children: SchoolingList
    community_of: dict[str, str]  # household id → community code
    counts: dict[str, int]  # community → children listed


# --- follow-ups -------------------------------------------------------------------------------

def _on(data: dict) -> dt.date:
    return dt.date.fromisoformat(str(data["on"])[:10])


def permit_follow_ups(conn: Connection) -> list[PermitFollowUp]:
    found = []
    for record in appended(conn, PERMIT_FOLLOW_UP_KIND):
        d = record.data
        try:
            found.append(PermitFollowUp(str(d["person_id"]), str(d["permit_fingerprint"]),
                                        PermitFollowUpOutcome(d["outcome"]), _on(d)))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("permit_follow_up %s not understood (%s); left out", record.id, exc)
    return found


def schooling_follow_ups(conn: Connection) -> list[SchoolingFollowUp]:
    found = []
    for record in appended(conn, SCHOOLING_FOLLOW_UP_KIND):
        d = record.data
        try:
            found.append(SchoolingFollowUp(str(d["person_id"]), SchoolingFollowUpOutcome(d["outcome"]),
                                           _on(d)))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("schooling_follow_up %s not understood (%s); left out", record.id, exc)
    return found


# --- permits ----------------------------------------------------------------------------------

def permit_worklist(store: CacheStore, today: dt.date, area: str | None = None) -> PermitWorklist:
    """Residence permits expiring within 30 days (today included) or expired, in a street or
    community (None: everything the cache holds), less the people followed up since their
    permit's data last changed."""
    area = check_area(area)
    clause, params = area_clause(area)
    warn = (today + dt.timedelta(days=PERMIT_WARNING_DAYS)).isoformat()
    with store.read() as conn:
        # Only the people with some permit due by the warning day or unreadable can be listed;
        # all of their permits go to the rule (their latest one counts).
        rows = conn.exec_driver_sql(
            f"SELECT area, data FROM record WHERE fact_type = 'residence_permit' AND kind = ?{clause} "
            f"AND person_id IN (SELECT person_id FROM record WHERE fact_type = 'residence_permit' "
            f"AND kind = ?{clause} AND (json_extract(data, '$.value.expires_on') IS NULL "
            "OR json_extract(data, '$.value.expires_on') <= ?))",
            (_FACT, *params, _FACT, *params, warn)).all()
        follow_ups = permit_follow_ups(conn)
    permits, community_of = [], {}
    for community, data in rows:
        permit = Permit.from_fact(orjson.loads(data))
        permits.append(permit)
        community_of[permit.person_id] = community
    found = lapsing_permits(permits, follow_ups, today)
    counts: dict[str, Counter[str]] = {}
    for alert in found.alerts:
        counts.setdefault(community_of[alert.permit.person_id], Counter())[alert.status.value] += 1
    return PermitWorklist(area, today, found, community_of, {
        c: {s.value: n[s.value] for s in PermitStatus} for c, n in sorted(counts.items())})


# --- schooling --------------------------------------------------------------------------------

def schooling_worklist(store: CacheStore, today: dt.date, area: str | None = None) -> SchoolingWorklist:
    """School-age children (6–15 today) of the area's migrant households with no school
    enrolment, less those followed up this school year."""
    area = check_area(area)
    clause, params = area_clause(area, "h.area")
    fact_clause, fact_params = area_clause(area)
    # A year's margin on either side of the school-age window: the rule decides, this only
    # spares it the babies and the adults (and keeps everyone whose birth date is withheld).
    born_after = dt.date(today.year - SCHOOL_AGE_TO - 2, 1, 1).isoformat()
    born_by = dt.date(today.year - SCHOOL_AGE_FROM + 1, 12, 31).isoformat()
    with store.read() as conn:
        members = conn.exec_driver_sql(
            "SELECT s.record_id, s.household_id, s.birth_date, h.area, "
            "json_extract(h.data, '$.household_type') FROM record AS h "
            "JOIN searchable AS s ON s.household_id = h.id AND s.kind = 'person' "
            f"WHERE h.kind = 'household' AND json_extract(h.data, '$.household_type') = 'migrant'{clause} "
            "AND (s.birth_date IS NULL OR s.birth_date BETWEEN ? AND ?)",
            (*params, born_after, born_by)).all()
        enrolments = conn.exec_driver_sql(
            f"SELECT person_id FROM record WHERE kind = ? AND fact_type = 'school_enrolment'{fact_clause}",
            (_FACT, *fact_params)).all()
        follow_ups = schooling_follow_ups(conn)
    children = [Child.from_records(pid, {"household_id": hid, "birth_date": born},
                                   {"household_type": household_type})
                for pid, hid, born, _, household_type in members]
    enrolled = enrolled_person_ids({"person_id": r[0], "fact_type": "school_enrolment"} for r in enrolments)
    found = unenrolled_children(children, enrolled, follow_ups, today)
    community_of = {hid: community for _, hid, _, community, _ in members}
    counts = Counter(community_of[a.child.household_id] for a in found.children)
    return SchoolingWorklist(area, today, found, community_of, dict(sorted(counts.items())))
