"""``casework caseload [--officer NAME | --all] [filters] [--today DATE] [--json]``: the disability
caseload — the people an officer follows, most overdue first, with their next due service,
overdue count and last contact, and the counts the page shows at its top.

Reads the cache only (works offline); the password unlocks it, from a prompt or
``CASEWORK_PASSWORD``. The figures are the ones the window shows (``casework.cache.caseload``).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from typing import Any

from casework.cache.caseload import CaseloadFilter, CaseloadPage, caseload
from casework.domain.schedules import ServiceType
from casework.sync.cli_common import EXIT_OK, add_profile_arguments, open_session, run_command
from casework.sync.cli_lists import add_output_arguments, cell, iso_date, print_json

STATUSES = ("overdue", "due_soon", "missed_medication")


def configure(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--officer", metavar="NAME",
                     help="the responsible officer (default: the signed-in user)")
    who.add_argument("--all", action="store_true", help="every officer's people in the cache")
    parser.add_argument("--community", metavar="CODE", help="社区代码（12位） a community's 12-digit code")
    parser.add_argument("--category", type=int, choices=range(1, 8), help="disability category 1-7")
    parser.add_argument("--grade", type=int, choices=range(1, 5), help="disability grade 1-4")
    parser.add_argument("--service", choices=[s.value for s in ServiceType], help="a planned service")
    parser.add_argument("--status", choices=STATUSES,
                        help="only overdue, due within a week, or missed medication")
    parser.add_argument("--today", type=iso_date, metavar="DATE", help="as of this day (default: today)")
    add_output_arguments(parser)
    add_profile_arguments(parser)


def listing(page: CaseloadPage, officer: str | None) -> dict[str, Any]:
    """The page as JSON-ready data: counts and rows, with service names in both languages."""
    rows = []
    for row in page.rows:
        line = dataclasses.asdict(row)
        if row.next_service:
            service = ServiceType(row.next_service)
            line["next_service_zh"], line["next_service_en"] = service.label_zh, service.label_en
        rows.append(line)
    return {"as_of": page.as_of, "officer": officer, "counts": dataclasses.asdict(page.counts),
            "shown": len(rows), "people": rows}


def _print_text(found: dict[str, Any]) -> None:
    counts = found["counts"]
    who = found["officer"] or "全部 / everyone"
    print(f"我的服务对象 / caseload of {who} · {found['as_of']}")
    print(f"共 {counts['people']} 人 · 逾期 {counts['overdue_people']} 人（{counts['overdue_services']} 次）"
          f" · 一周内到期 {counts['due_soon']} 人 · 连续漏取药 {counts['missed_medication']} 人"
          f"   {counts['people']} people, {counts['overdue_people']} overdue ({counts['overdue_services']}),"
          f" {counts['due_soon']} due this week, {counts['missed_medication']} missed medication running")
    for line in found["people"]:
        service = line.get("next_service_zh") or ""
        print(f"{cell(line['name'])}\t逾期 {line['overdue']}\t下次 {cell(line['next_due'])} {service}"
              f"\t最近联系 {cell(line['last_contact'])}\t{line['person_id']}")


def _caseload(args: argparse.Namespace) -> int:
    with open_session(args, contact_hub=False) as session:
        officer = None if args.all else (args.officer or session.username)
        chosen = CaseloadFilter(community=args.community, category=args.category, grade=args.grade,
                                service=args.service, status=args.status)
        limit = args.limit if args.limit > 0 else 1_000_000
        page = caseload(session.store, officer, args.today or dt.date.today(), chosen, limit=limit)
    found = listing(page, officer)
    if args.json:
        print_json(found)
    else:
        _print_text(found)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return run_command(_caseload, args)
