"""``casework duplicates [--household ID | --street S | --community C] [--json]``: possible duplicate
benefit grants still to review, as the subsidies page lists them; with ``--household`` also the
household's ledger over a period. ``--review A,B --verdict V [--reason TEXT]`` records a decision
on a listed pair instead (``casework.sync.cli_review``).

Reads the cache only (works offline); the password unlocks it, from a prompt or
``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from casework.cache.list_support import HouseholdLine, household_lines, person_lines
from casework.cache.subsidies import DuplicateList, area_duplicates, household_duplicates, household_ledger
from casework.domain.benefits import CATEGORIES, PROGRAMMES
from casework.domain.duplicates import DuplicatePair, Grant, Ledger, Totals
from casework.sync.cli_common import EXIT_FAILED, EXIT_OK, add_profile_arguments, open_session, run_command
from casework.sync.cli_lists import (
    add_area_arguments,
    add_output_arguments,
    area_label,
    area_of,
    cell,
    iso_date,
    print_json,
    shown,
)
from casework.sync.cli_review import add_review_arguments, record_review


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--household", metavar="ID", help="one household: its possible duplicates and ledger")
    add_area_arguments(parser)
    parser.add_argument("--from", dest="start", type=iso_date, metavar="DATE",
                        help="ledger period start (default: 365 days before --to)")
    parser.add_argument("--to", dest="end", type=iso_date, metavar="DATE",
                        help="ledger period end (default: today)")
    add_output_arguments(parser)
    add_review_arguments(parser)
    add_profile_arguments(parser)


def _grant(g: Grant, names: dict[str, str | None]) -> dict[str, Any]:
    programme = PROGRAMMES.get(g.programme or "")
    return {"id": g.id, "version": g.version, "programme": g.programme,
            "programme_name": programme.name if programme else None, "department": g.department,
            "category": g.category, "period_start": g.period_start, "period_end": g.period_end,
            "amount": g.amount, "item": g.item, "quantity": g.quantity,
            "beneficiary_person_id": g.beneficiary_person_id,
            "beneficiary": (names.get(g.beneficiary_person_id) if g.beneficiary_person_id
                            else "全户 household"),
            "withheld": sorted(g.withheld)}


def _totals(t: Totals) -> dict[str, Any]:
    return {"grants": t.grants, "amount": t.amount, "amount_withheld": t.amount_withheld}


def _ledger(led: Ledger, names: dict[str, str | None]) -> dict[str, Any]:
    return {"start": led.start, "end": led.end, "grants": [_grant(g, names) for g in led.grants],
            "by_category": {k: _totals(v) for k, v in led.by_category.items()},
            "by_department": {k: _totals(v) for k, v in led.by_department.items()},
            "items": led.items, "items_withheld": led.items_withheld, "period_withheld": led.period_withheld}


def _pair(p: DuplicatePair, home: HouseholdLine | None, names: dict[str, str | None]) -> dict[str, Any]:
    return {"household_id": p.first.household_id, "address": home.address if home else None,
            "community": home.area if home else None, "overlap": list(p.overlap),
            "first": _grant(p.first, names), "second": _grant(p.second, names)}


def _listing(found: DuplicateList, limit: int, session) -> dict[str, Any]:
    pairs = shown(found.pairs, limit)
    with session.store.read() as conn:
        homes = household_lines(conn, {p.first.household_id for p in pairs})
        people = person_lines(conn, {g.beneficiary_person_id for p in pairs for g in (p.first, p.second)
                                     if g.beneficiary_person_id})
    names = {pid: line.name for pid, line in people.items()}
    return {
        "counts": {"pairs": len(found.pairs), "households": found.households, "reviewed": found.reviewed,
                   "unchecked": found.unchecked, "grants": found.grants, "by_community": found.by_community},
        "shown": len(pairs),
        "pairs": [_pair(p, homes.get(p.first.household_id), names) for p in pairs],
    }, names


def _describe(g: dict[str, Any]) -> str:
    what = (f"{g['item']}×{g['quantity'] or 1}" if g["category"] == "in_kind" and g["item"]
            else f"¥{g['amount']:,.2f}" if g["amount"] is not None
            else "（不可见 withheld）" if g["withheld"] else CATEGORIES.get(g["category"] or "", "—"))
    return (f"{cell(g['programme_name'] or g['programme'])} [{cell(g['department'])}] "
            f"{g['period_start']}–{g['period_end']} {what} → {cell(g['beneficiary'])}")


def _print_text(title: str, listing: dict[str, Any]) -> None:
    c = listing["counts"]
    print(title)
    print(f"可能重复 {c['pairs']} 对，涉及 {c['households']} 户；已复核 {c['reviewed']} 对；"
          f"因数据不可见无法核查 {c['unchecked']} 对；共核查 {c['grants']} 笔发放")
    print(f"{c['pairs']} possible duplicate pairs in {c['households']} households; {c['reviewed']} reviewed; "
          f"{c['unchecked']} could not be checked (data withheld); {c['grants']} grants checked")
    if len(c["by_community"]) > 1:
        for community, n in c["by_community"].items():
            print(f"  {community}: {n}")
    for p in listing["pairs"]:
        start, end = p["overlap"]
        print(f"\n{cell(p['address'])}  [{p['household_id']}]  重叠 overlap {start}–{end}")
        print(f"  A  {_describe(p['first'])}")
        print(f"  B  {_describe(p['second'])}")
    if listing["shown"] < c["pairs"]:
        print(f"\n（仅显示前 {listing['shown']} 对 / first {listing['shown']} shown; --limit 0 for all）")


def _money(t: dict[str, Any]) -> str:
    """Grants counted, and their cash where any (an in-kind or service grant has no amount)."""
    text = f"{t['grants']} 笔 grants" + (f", ¥{t['amount']:,.2f}" if t["amount"] else "")
    return text + (f"（{t['amount_withheld']} 笔金额不可见 amount withheld）" if t["amount_withheld"] else "")


def _print_ledger(led: dict[str, Any]) -> None:
    print(f"\n发放台账 Benefit ledger {led['start']}–{led['end']}: {len(led['grants'])} 笔 grants")
    for g in led["grants"]:
        print(f"  {_describe(g)}")
    for category, t in led["by_category"].items():
        print(f"  {CATEGORIES.get(category, category)} {category}: {_money(t)}")
    for department, t in led["by_department"].items():
        print(f"  {department}: {_money(t)}")
    for item, n in led["items"].items():
        print(f"  {item} × {n}")
    if led["items_withheld"]:
        print(f"  实物不可见 in-kind withheld: {led['items_withheld']}")


def _duplicates(args: argparse.Namespace) -> int:
    if args.review:  # a decision on a listed pair, recorded here (casework.sync.cli_review)
        with open_session(args, contact_hub=False) as session:
            return record_review(args, session)
    area = None if args.household else area_of(args)
    end = args.end or dt.date.today()
    start = args.start or end - dt.timedelta(days=365)
    with open_session(args, contact_hub=False) as session:
        if args.household:
            with session.store.read() as conn:
                if args.household not in household_lines(conn, [args.household]):
                    print(f"本机缓存中没有此户：{args.household}  No such household in the local cache.",
                          file=sys.stderr)
                    return EXIT_FAILED
            found = household_duplicates(session.store, args.household)
            led = household_ledger(session.store, args.household, start, end)
        else:
            found, led = area_duplicates(session.store, area), None
        listing, names = _listing(found, args.limit, session)
        if led is not None:
            with session.store.read() as conn:
                people = person_lines(conn, {g.beneficiary_person_id for g in led.grants
                                             if g.beneficiary_person_id})
            names |= {pid: line.name for pid, line in people.items()}
    result: dict[str, Any] = {"household_id": args.household, "area": area, **listing}
    if led is not None:
        result["ledger"] = _ledger(led, names)
    if args.json:
        print_json(result)
    else:
        title = (f"户 household {args.household}" if args.household else area_label(area))
        _print_text(f"可能重复发放 Possible duplicate grants — {title}", listing)
        if led is not None:
            _print_ledger(result["ledger"])
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return run_command(_duplicates, args)
