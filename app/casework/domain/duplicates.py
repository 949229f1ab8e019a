"""Possible duplicate benefit grants (重复发放核查), their review, and a household's benefit ledger.

The rule (issue 12): two grants are a *possible duplicate* when all of these hold —
  * the same beneficiary: the same person, or the same household when either grant is a
    household grant (``beneficiary_person_id`` None);
  * the same category (cash / in_kind / service) and, for in-kind grants, the same item;
  * overlapping periods: periods are inclusive date ranges, so one ending Jan 31 and the other
    starting Feb 1 only touch and do NOT overlap, while ending and starting on the same day does;
  * different programmes (two months of the same programme are a series, not a duplicate).
A possible duplicate is for a person to review, never to delete.

Withheld data: a field above the user's clearance is ``None`` and named in ``withheld``
(see ``casework.domain.masking``; for grants that is amount, item and quantity). A pair that
could only be a duplicate by a withheld field (e.g. two in-kind grants to one person in one
winter, one of them with its item withheld) is NOT reported as a duplicate — the user could
not see why — but counted as *could not be checked*, so the page can say so and someone with
the clearance can look. A pair already ruled out by a visible field is neither.

Efficiency: a district holds millions of grants. Grants are grouped by (household, category,
item) — a household grant pairs with every member's grants, so the household is the smallest
group that holds every candidate pair. A group of up to six grants is checked pair by pair;
a larger one (years of monthly payments) is swept in order of start date, keeping only the
grants whose period is still open: the work is O(n log n) plus the overlapping pairs within a
group, never O(n²) over all grants. Grants with a withheld compared field are compared
only within their own household.

Review: a decision (duplicate / not a duplicate, with a reason) names the pair by both grants'
ids *and versions*, so a decided pair stays dismissed until one of its grants changes.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

IN_KIND = "in_kind"

# The fields the rule compares; one of them withheld makes a pair uncheckable.
COMPARED_FIELDS = ("beneficiary_person_id", "programme", "category", "item", "period_start", "period_end")
_NEEDED_UNLESS_IN_KIND = tuple(f for f in COMPARED_FIELDS if f != "item")


@dataclass(frozen=True, slots=True)
class Grant:
    """One benefit grant as the duplicate finder and the ledger need it (from ``BenefitGrantData``)."""

    id: str
    version: int
    household_id: str
    beneficiary_person_id: str | None  # None: granted to the household
    programme: str | None
    department: str | None
    category: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    amount: float | None = None
    item: str | None = None
    quantity: int | None = None
    withheld: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, id: str, version: int, data: Mapping[str, Any]) -> Grant:
        """Build from a benefit_grant record's data (``casework.domain.records.BenefitGrantData``)."""
        start, end = data.get("period_start"), data.get("period_end")
        return cls(
            id=id,
            version=version,
            household_id=data["household_id"],
            beneficiary_person_id=data.get("beneficiary_person_id"),
            programme=data.get("programme"),
            department=data.get("department"),
            category=data.get("category"),
            period_start=dt.date.fromisoformat(start) if start else None,
            period_end=dt.date.fromisoformat(end) if end else None,
            amount=data.get("amount"),
            item=data.get("item"),
            quantity=data.get("quantity"),
            withheld=frozenset(data.get("withheld") or ()),
        )

    def is_withheld(self, field: str) -> bool:
        return field in self.withheld

    @property
    def complete(self) -> bool:
        """Every field the rule needs for this grant is visible to this user (the item only
        matters for an in-kind grant)."""
        if not self.withheld:
            return self.period_start is not None and self.period_end is not None
        needed = COMPARED_FIELDS if self.category == IN_KIND else _NEEDED_UNLESS_IN_KIND
        return not self.withheld.intersection(needed) and (
            self.period_start is not None and self.period_end is not None
        )


@dataclass(frozen=True, order=True)
class PairKey:
    """A pair of grants at given versions, the grant with the smaller id first."""

    first_id: str
    first_version: int
    second_id: str
    second_version: int


def pair_key(a: Grant, b: Grant) -> PairKey:
    first, second = (a, b) if a.id <= b.id else (b, a)
    return PairKey(first.id, first.version, second.id, second.version)


@dataclass(frozen=True)
class DuplicatePair:
    """Two grants that are a possible duplicate; ``first`` has the smaller id."""

    first: Grant
    second: Grant

    @property
    def key(self) -> PairKey:
        return pair_key(self.first, self.second)

    @property
    def overlap(self) -> tuple[dt.date, dt.date]:
        """The days both grants cover (inclusive)."""
        assert self.first.period_start and self.first.period_end
        assert self.second.period_start and self.second.period_end
        return (max(self.first.period_start, self.second.period_start),
                min(self.first.period_end, self.second.period_end))


@dataclass(frozen=True)
class DuplicateScan:
    """What the finder found: the possible duplicates, and the pairs it could not check."""

    pairs: tuple[DuplicatePair, ...]
    unchecked: int  # pairs that might be duplicates but differ only in withheld fields
    unchecked_grant_ids: frozenset[str]


# --- the rule --------------------------------------------------------------------------------


class _Match(Enum):
    NO = 0
    UNKNOWN = 1
    YES = 2


def _known(g: Grant, field: str) -> bool:
    return field not in g.withheld


def compare(a: Grant, b: Grant) -> bool | None:
    """The rule on one pair: True (a possible duplicate), False (not one), or None (it could be
    one, but a field it turns on is withheld from this user)."""
    if a.id == b.id or a.household_id != b.household_id:
        return False
    checks = (
        _same_beneficiary(a, b),
        _same_category(a, b),
        _same_item(a, b),
        _overlapping(a, b),
        _different_programmes(a, b),
    )
    if _Match.NO in checks:
        return False
    return True if all(c is _Match.YES for c in checks) else None


def _same_beneficiary(a: Grant, b: Grant) -> _Match:
    if not _known(a, "beneficiary_person_id") or not _known(b, "beneficiary_person_id"):
        return _Match.UNKNOWN
    if a.beneficiary_person_id is None or b.beneficiary_person_id is None:
        return _Match.YES
    return _Match.YES if a.beneficiary_person_id == b.beneficiary_person_id else _Match.NO


def _same_category(a: Grant, b: Grant) -> _Match:
    if not _known(a, "category") or not _known(b, "category"):
        return _Match.UNKNOWN
    return _Match.YES if a.category == b.category else _Match.NO


def _same_item(a: Grant, b: Grant) -> _Match:
    """Items matter for in-kind grants only (and when a category is withheld it may be in-kind)."""
    if _known(a, "category") and _known(b, "category") and (a.category != IN_KIND or b.category != IN_KIND):
        return _Match.YES
    if not _known(a, "item") or not _known(b, "item"):
        return _Match.UNKNOWN
    return _Match.YES if a.item == b.item else _Match.NO


def _overlapping(a: Grant, b: Grant) -> _Match:
    if None in (a.period_start, a.period_end, b.period_start, b.period_end):
        return _Match.UNKNOWN
    assert a.period_start and a.period_end and b.period_start and b.period_end
    return _Match.YES if a.period_start <= b.period_end and b.period_start <= a.period_end else _Match.NO


def _different_programmes(a: Grant, b: Grant) -> _Match:
    if not _known(a, "programme") or not _known(b, "programme"):
        return _Match.UNKNOWN
    return _Match.YES if a.programme != b.programme else _Match.NO


# --- the finder ------------------------------------------------------------------------------


def _pair(a: Grant, b: Grant) -> DuplicatePair:
    return DuplicatePair(a, b) if a.id <= b.id else DuplicatePair(b, a)


_SMALL_GROUP = 6


def _sweep(group: list[Grant], found: list[DuplicatePair]) -> None:
    """Pairs within one (household, category, item) group: sorted by start, each grant meets only
    the grants whose period is still open on its start day (end >= start: same day overlaps)."""
    if len(group) <= _SMALL_GROUP:  # most groups (a household's few grants): pairwise is cheaper
        for i, a in enumerate(group):
            assert a.period_start and a.period_end
            for b in group[i + 1:]:
                assert b.period_start and b.period_end
                if a.period_start <= b.period_end and b.period_start <= a.period_end and _grouped_match(a, b):
                    found.append(_pair(a, b))
        return
    group.sort(key=_by_start)
    open_ends: list[tuple[dt.date, int]] = []  # heap of (period_end, index into group)
    for i, g in enumerate(group):
        assert g.period_start is not None and g.period_end is not None
        while open_ends and open_ends[0][0] < g.period_start:
            heapq.heappop(open_ends)
        for _, j in open_ends:
            h = group[j]
            if _grouped_match(h, g):
                found.append(_pair(h, g))
        heapq.heappush(open_ends, (g.period_end, i))


def _grouped_match(a: Grant, b: Grant) -> bool:
    """The rest of the rule for two visible grants of one group whose periods overlap."""
    return a.programme != b.programme and (
        a.beneficiary_person_id is None
        or b.beneficiary_person_id is None
        or a.beneficiary_person_id == b.beneficiary_person_id
    )


def _by_start(g: Grant) -> tuple[dt.date | None, str]:
    return g.period_start, g.id


def find_duplicates(grants: Iterable[Grant]) -> DuplicateScan:
    """Every possible duplicate pair among ``grants`` (see the module's rule), sorted by household,
    then overlap, then ids; plus the pairs that could not be checked for withheld data."""
    groups: dict[tuple[str, str | None, str | None], list[Grant]] = defaultdict(list)
    incomplete: list[Grant] = []
    by_household: dict[str, list[Grant]] = defaultdict(list)
    for g in grants:
        if (g.withheld or g.period_start is None or g.period_end is None) and not g.complete:
            incomplete.append(g)
            continue
        category = g.category
        groups[(g.household_id, category, g.item if category == IN_KIND else None)].append(g)
    found: list[DuplicatePair] = []
    for group in groups.values():
        if len(group) > 1:
            _sweep(group, found)
    unchecked = 0
    unchecked_ids: set[str] = set()
    if incomplete:
        wanted = {g.household_id for g in incomplete}
        for group in groups.values():
            if group[0].household_id in wanted:
                by_household[group[0].household_id].extend(group)
        seen_incomplete: dict[str, list[Grant]] = defaultdict(list)
        for g in incomplete:
            others = by_household[g.household_id] + seen_incomplete[g.household_id]
            for other in others:
                verdict = compare(g, other)
                if verdict is None:
                    unchecked += 1
                    unchecked_ids.update((g.id, other.id))
                elif verdict:
                    found.append(_pair(g, other))
            seen_incomplete[g.household_id].append(g)
    found.sort(key=lambda p: (p.first.household_id, p.overlap, p.first.id, p.second.id))
    return DuplicateScan(tuple(found), unchecked, frozenset(unchecked_ids))


def check_new_grant(candidate: Grant, existing: Iterable[Grant]) -> DuplicateScan:
    """Check before giving: the possible duplicates a grant about to be registered would make
    with the household's existing grants (and the pairs that cannot be checked)."""
    pairs: list[DuplicatePair] = []
    unchecked_ids: set[str] = set()
    unchecked = 0
    for other in existing:
        verdict = compare(candidate, other)
        if verdict is True:
            pairs.append(_pair(candidate, other))
        elif verdict is None:
            unchecked += 1
            unchecked_ids.update((candidate.id, other.id))
    pairs.sort(key=lambda p: (p.overlap, p.first.id, p.second.id))
    return DuplicateScan(tuple(pairs), unchecked, frozenset(unchecked_ids))


# --- review ----------------------------------------------------------------------------------


class Verdict(StrEnum):
    """A reviewer's decision on a possible duplicate."""

    DUPLICATE = "duplicate"
    NOT_DUPLICATE = "not_duplicate"

    @property
    def label_zh(self) -> str:
        return _VERDICT_LABELS[self][0]

    @property
    def label_en(self) -> str:
        return _VERDICT_LABELS[self][1]


_VERDICT_LABELS: dict[Verdict, tuple[str, str]] = {
    Verdict.DUPLICATE: ("确认重复（通知发放部门）", "Duplicate — notify the paying departments"),
    Verdict.NOT_DUPLICATE: ("非重复", "Not a duplicate"),
}


@dataclass(frozen=True)
class ReviewDecision:
    """A reviewer's decision on a pair at the grants' versions they saw. The page asks a reason
    for ``not_duplicate``; a ``duplicate`` may carry a note for the paying departments."""

    key: PairKey
    verdict: Verdict
    reason: str = ""


def _latest(decisions: Iterable[ReviewDecision]) -> dict[PairKey, ReviewDecision]:
    """The decision in force per pair key: the last one given (pass them in the order made)."""
    return {d.key: d for d in decisions}


def open_pairs(pairs: Iterable[DuplicatePair], decisions: Iterable[ReviewDecision]) -> list[DuplicatePair]:
    """The pairs still to review: those with no decision for both grants' current versions.
    A decision made before either grant changed no longer dismisses the pair."""
    decided = _latest(decisions)
    return [p for p in pairs if p.key not in decided]


def confirmed_duplicates(
    pairs: Iterable[DuplicatePair], decisions: Iterable[ReviewDecision]
) -> list[tuple[DuplicatePair, ReviewDecision]]:
    """The pairs confirmed as duplicates at their current versions, for the paying departments."""
    decided = _latest(decisions)
    confirmed = ((p, decided.get(p.key)) for p in pairs)
    return [(p, d) for p, d in confirmed if d is not None and d.verdict is Verdict.DUPLICATE]


# --- the ledger ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Totals:
    """Grants counted, and their cash amount where visible."""

    grants: int = 0
    amount: float = 0.0
    amount_withheld: int = 0  # grants with an amount this user may not see (not in ``amount``)


@dataclass(frozen=True)
class Ledger:
    """A household's benefits over a period: every grant whose period overlaps it."""

    start: dt.date
    end: dt.date
    grants: tuple[Grant, ...]  # by period start, then department, then id
    by_category: Mapping[str, Totals]
    by_department: Mapping[str, Totals]
    items: Mapping[str, int]  # in-kind item → quantity received, e.g. {"棉被": 22}
    items_withheld: int  # in-kind grants whose item or quantity this user may not see
    period_withheld: int  # grants left out because their period is withheld


def _add(totals: Totals, g: Grant) -> Totals:
    if g.amount is not None:
        return Totals(totals.grants + 1, totals.amount + g.amount, totals.amount_withheld)
    withheld = 1 if g.is_withheld("amount") else 0
    return Totals(totals.grants + 1, totals.amount, totals.amount_withheld + withheld)


def ledger(grants: Iterable[Grant], start: dt.date, end: dt.date) -> Ledger:
    """Totals by category and by department and the in-kind items counted, over the grants whose
    period overlaps ``start``–``end`` (inclusive). Amounts count whole, not pro rata; a visible
    item without a quantity counts as one."""
    chosen: list[Grant] = []
    period_withheld = 0
    for g in grants:
        if g.period_start is None or g.period_end is None:
            period_withheld += 1
        elif g.period_start <= end and start <= g.period_end:
            chosen.append(g)
    chosen.sort(key=lambda g: (g.period_start, g.department or "", g.id))
    by_category: dict[str, Totals] = {}
    by_department: dict[str, Totals] = {}
    items: Counter[str] = Counter()
    items_withheld = 0
    for g in chosen:
        category = g.category or "withheld"
        department = g.department or "withheld"
        by_category[category] = _add(by_category.get(category, Totals()), g)
        by_department[department] = _add(by_department.get(department, Totals()), g)
        if g.category == IN_KIND:
            if g.item is None or g.is_withheld("quantity"):
                items_withheld += 1
            else:
                items[g.item] += g.quantity if g.quantity is not None else 1
    return Ledger(start, end, tuple(chosen), by_category, by_department, dict(items), items_withheld,
                  period_withheld)
