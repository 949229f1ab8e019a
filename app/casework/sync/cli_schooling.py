"""``casework schooling [--street S | --community C] [--today DATE] [--json]``: school-age children
(6–15) of migrant households with no school enrolment and no follow-up this school year, as the
migrant services page lists them, with the counts by community.

Reads the cache only (works offline); the password unlocks it, from a prompt or
``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from casework.cache.list_support import household_lines, person_lines
from casework.cache.migrant_lists import SchoolingWorklist, schooling_worklist
from casework.sync.cli_common import EXIT_OK, add_profile_arguments, open_session, run_command
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


def configure(parser: argparse.ArgumentParser) -> None:
    add_area_arguments(parser)
    parser.add_argument("--today", type=iso_date, metavar="DATE", help="list as of this day (default: today)")
    add_output_arguments(parser)
    add_profile_arguments(parser)


def _listing(found: SchoolingWorklist, limit: int, session) -> dict[str, Any]:
    alerts = shown(found.children.children, limit)
    with session.store.read() as conn:
        people = person_lines(conn, {a.child.person_id for a in alerts})
        homes = household_lines(conn, {a.child.household_id for a in alerts})
    lines = []
    for a in alerts:
        person, home = people.get(a.child.person_id), homes.get(a.child.household_id)
        lines.append({
            "person_id": a.child.person_id, "name": person.name if person else None,
            "sex": person.sex if person else None, "birth_date": a.child.birth_date, "age": a.age,
            "household_id": a.child.household_id, "address": home.address if home else None,
            "community": found.community_of.get(a.child.household_id)})
    return {"today": found.today, "area": found.area,
            "counts": {"children": len(found.children.children), "handled": found.children.handled,
                       "unchecked": found.children.unchecked, "by_community": found.counts},
            "shown": len(lines), "children": lines}


def _print_text(area: str | None, listing: dict[str, Any]) -> None:
    c = listing["counts"]
    print(f"适龄未入学随迁子女 School-age migrant children not enrolled — {area_label(area)}，"
          f"截至 as of {listing['today']}")
    print(f"未入学 {c['children']} 人；本学年已跟进 {c['handled']} 人；出生日期不可见 {c['unchecked']} 人")
    print(f"{c['children']} not enrolled; {c['handled']} followed up this school year; "
          f"{c['unchecked']} with birth date withheld")
    if len(c["by_community"]) > 1:
        for community, n in c["by_community"].items():
            print(f"  {community}: {n}")
    for child in listing["children"]:
        print(f"{cell(child['name'])}  {cell(child['sex'])}  {child['birth_date']}  {child['age']} 岁 years  "
              f"{cell(child['address'])}  [{child['person_id']}]")
    if listing["shown"] < c["children"]:
        print(f"（仅显示前 {listing['shown']} 人 / first {listing['shown']} shown; --limit 0 for all）")


def _schooling(args: argparse.Namespace) -> int:
    area = area_of(args)
    today = args.today or dt.date.today()
    with open_session(args, contact_hub=False) as session:
        listing = _listing(schooling_worklist(session.store, today, area), args.limit, session)
    if args.json:
        print_json(listing)
    else:
        _print_text(area, listing)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return run_command(_schooling, args)
