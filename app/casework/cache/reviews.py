"""Recording a reviewer's decision on a possible duplicate, here, offline (issue 12).

The decision names the pair at the grants' versions this cache holds — the ones the reviewer
was shown — so it stops dismissing the pair as soon as either grant changes at the hub. It is an
append-only ``duplicate_review`` written to the outbox (``casework.cache.edits.create_record``):
the lists leave the pair out at once, and it goes up with the next sync.

Checked here before anything is written, so the reviewer hears it at once rather than at the
next sync: both grants are held here, of one household, and still a possible duplicate by the
domain's rule; "not a duplicate" carries a reason (``casework.domain.validation``).
"""

from __future__ import annotations

import datetime as dt

from casework.cache.edits import EditRefused, create_record
from casework.cache.store import CacheStore
from casework.cache.subsidies import household_grants
from casework.domain.duplicates import Verdict, compare, pair_key
from casework.domain.records import Kind
from casework.domain.registry import spec
from casework.domain.roles import Role


def review_pair(store: CacheStore, grant_ids: tuple[str, str], verdict: Verdict | str, reason: str | None, *,
                user: str, role: str | None = None, on: dt.date | None = None, offline: bool = True) -> str:
    """Record a decision on the pair of grants ``grant_ids`` (either order); the review's id.
    ``EditRefused`` (its message in Chinese and English) when the pair cannot be reviewed."""
    verdict = Verdict(verdict)
    if role is not None and Role(role) not in spec(Kind.DUPLICATE_REVIEW).writers:
        raise EditRefused(f"您的岗位不能核查重复发放。 Your role ({role}) does not review duplicate grants.")
    first_id, second_id = grant_ids
    with store.read() as conn:
        rows = dict(conn.exec_driver_sql(
            "SELECT id, household_id FROM record WHERE kind = ? AND id IN (?, ?)",
            (Kind.BENEFIT_GRANT.value, first_id, second_id)).all())
        missing = [g for g in (first_id, second_id) if g not in rows]
        if missing:
            raise EditRefused(f"本机缓存中没有这笔发放：{missing[0]}  No such grant in the local cache.")
        if rows[first_id] != rows[second_id]:
            raise EditRefused("两笔发放不属于同一户，不能作为一对核查。"
                              " The two grants are of different households: not a pair to review.")
        household_id = rows[first_id]
        grants = {g.id: g for g in household_grants(conn, household_id)}
    a, b = grants[first_id], grants[second_id]
    if compare(a, b) is not True:
        raise EditRefused("这两笔发放不是可能重复的一对（或有数据不可见）。"
                          " These two grants are not a possible duplicate (or data is withheld from you).")
    key = pair_key(a, b)
    data = {"household_id": household_id, "first_id": key.first_id, "first_version": key.first_version,
            "second_id": key.second_id, "second_version": key.second_version, "verdict": verdict.value,
            "reason": (reason or "").strip() or None,
            "departments": sorted({d for d in (a.department, b.department) if d}),
            "on": (on or dt.date.today()).isoformat(), "offline": offline}
    return create_record(store, Kind.DUPLICATE_REVIEW.value, data, user=user)
