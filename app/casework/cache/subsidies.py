"""Subsidies from the cache (issue 12): a household's benefit ledger and the possible duplicate
grants of a household, a street or a community, without the pairs a reviewer already decided.

The rules are ``casework.domain.duplicates``'; this module only reads the grants (as the hub sent
them, masked where it masked them) and the review decisions out of the cache:

- a household's grants are one range of the household index;
- an area's grants are one range of ``ix_worklist_grant`` (a partial index by area);
  the finder groups them by household itself;
- review decisions are append-only ``duplicate_review`` records (``casework.domain.kinds_followups``;
  pulled, and this device's own not yet pulled back). A cache that holds none dismisses nothing.
  A decision names the pair at both grants' versions (``PairKey``), so it stops dismissing the
  pair when either grant changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection

from casework.cache.list_support import appended, area_clause, check_area
from casework.cache.store import CacheStore
from casework.domain.duplicates import (
    DuplicatePair,
    Grant,
    Ledger,
    PairKey,
    ReviewDecision,
    Verdict,
    find_duplicates,
    ledger,
    open_pairs,
)
from casework.domain.records import Kind

log = logging.getLogger(__name__)

REVIEW_KIND = Kind.DUPLICATE_REVIEW.value


@dataclass(frozen=True)
class DuplicateList:
    """What the possible-duplicates list shows: the pairs still to review (by household, then
    overlap), and the counts its header gives."""

    area: str | None  # the street or community listed; None: one household or the whole cache
    pairs: tuple[DuplicatePair, ...]  # still to review at the grants' current versions
    reviewed: int  # pairs found but already decided at these versions
    unchecked: int  # pairs that could be duplicates but turn on data withheld from this user
    unchecked_grant_ids: frozenset[str]
    grants: int  # grants looked at
    households: int  # households with at least one pair still to review
    by_community: dict[str, int]  # community code → pairs still to review


# --- reading ----------------------------------------------------------------------------------

def _grants(rows: Iterable[tuple[str, int, str]]) -> list[Grant]:
    return [Grant.from_data(rid, int(version), orjson.loads(data)) for rid, version, data in rows]


def household_grants(conn: Connection, household_id: str) -> list[Grant]:
    """Every grant to the household or any member (one household-index range)."""
    return _grants(conn.exec_driver_sql(
        "SELECT id, version, data FROM record WHERE household_id = ? AND kind = ?",
        (household_id, Kind.BENEFIT_GRANT.value)))


def area_grants(conn: Connection, area: str | None) -> tuple[list[Grant], dict[str, str]]:
    """Every grant filed in the area (None: the whole cache), and each grant's household's
    community (grant id → area code)."""
    clause, params = area_clause(area)
    rows = conn.exec_driver_sql(  # the literal kind: ix_worklist_grant is for this query
        f"SELECT id, version, data, area FROM record WHERE kind = 'benefit_grant'{clause}", params).all()
    return _grants((r[0], r[1], r[2]) for r in rows), {r[0]: r[3] for r in rows}


def _decision(data: dict[str, Any]) -> ReviewDecision:
    key = PairKey(str(data["first_id"]), int(data["first_version"]),
                  str(data["second_id"]), int(data["second_version"]))
    if key.first_id > key.second_id:  # a PairKey names the smaller id first
        key = PairKey(key.second_id, key.second_version, key.first_id, key.first_version)
    return ReviewDecision(key, Verdict(data["verdict"]), str(data.get("reason") or ""))


def review_decisions(conn: Connection) -> list[ReviewDecision]:
    """Every review decision the cache holds, in the order made (the last one for a pair
    counts). A record this client cannot read is logged and left out, never guessed at."""
    found = []
    for record in appended(conn, REVIEW_KIND):
        try:
            found.append(_decision(record.data))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("duplicate_review %s not understood (%s); left out", record.id, exc)
    return found


# --- the lists ---------------------------------------------------------------------------------

def _duplicate_list(grants: list[Grant], decisions: list[ReviewDecision], area: str | None,
                    community_of: dict[str, str]) -> DuplicateList:
    scan = find_duplicates(grants)
    still = open_pairs(scan.pairs, decisions)
    by_community = Counter(community_of.get(p.first.id, "") for p in still)
    return DuplicateList(
        area=area, pairs=tuple(still), reviewed=len(scan.pairs) - len(still), unchecked=scan.unchecked,
        unchecked_grant_ids=scan.unchecked_grant_ids, grants=len(grants),
        households=len({p.first.household_id for p in still}),
        by_community=dict(sorted(by_community.items())))


def household_duplicates(store: CacheStore, household_id: str) -> DuplicateList:
    """The possible duplicates among one household's grants, still to review."""
    with store.read() as conn:
        grants = household_grants(conn, household_id)
        area = conn.exec_driver_sql("SELECT area FROM record WHERE id = ?", (household_id,)).scalar()
        decisions = review_decisions(conn)
    return _duplicate_list(grants, decisions, None, {g.id: area or "" for g in grants})


def area_duplicates(store: CacheStore, area: str | None = None) -> DuplicateList:
    """The possible duplicates of every household in a street or community (a 9- or 12-digit
    code; None: everything the cache holds), still to review."""
    area = check_area(area)
    with store.read() as conn:
        grants, community_of = area_grants(conn, area)
        decisions = review_decisions(conn)
    return _duplicate_list(grants, decisions, area, community_of)


def household_ledger(store: CacheStore, household_id: str, start: dt.date, end: dt.date) -> Ledger:
    """The household's benefits over ``start``–``end`` (inclusive): every grant whose period
    overlaps it, totals by category and department, in-kind items counted."""
    with store.read() as conn:
        grants = household_grants(conn, household_id)
    return ledger(grants, start, end)
