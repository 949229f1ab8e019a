"""``casework permits [--street S | --community C] [--today DATE] [--json]``: residence permits
expiring within 30 days or expired and not yet followed up, as the migrant services page lists
them, with the counts by community and status.

Reads the cache only (works offline); the password unlocks it, from a prompt or
``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from casework.cache.list_support import household_lines, person_lines
from casework.cache.migrant_lists import PermitWorklist, permit_worklist
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


def _listing(found: PermitWorklist, limit: int, session) -> dict[str, Any]:
    alerts = shown(found.permits.alerts, limit)
    with session.store.read() as conn:
        people = person_lines(conn, {a.permit.person_id for a in alerts})
        homes = household_lines(conn, {a.permit.household_id for a in alerts})
    lines = []
    for a in alerts:
        person, home = people.get(a.permit.person_id), homes.get(a.permit.household_id)
        lines.append({
            "person_id": a.permit.person_id, "name": person.name if person else None,
            "id_number": person.id_number if person else None, "phone": person.phone if person else None,
            "household_id": a.permit.household_id, "address": home.address if home else None,
            "community": found.community_of.get(a.permit.person_id),
            "status": a.status.value, "status_zh": a.status.label_zh, "status_en": a.status.label_en,
            "expires_on": a.expires_on, "days_left": a.days_left,
            "number": (a.permit.value or {}).get("number"), "fingerprint": a.permit.fingerprint})
    by_status = {s: sum(c[s] for c in found.counts.values()) for s in ("expiring", "expired")}
    return {"today": found.today, "area": found.area,
            "counts": {**by_status, "handled": found.permits.handled, "unchecked": found.permits.unchecked,
                       "by_community": found.counts},
            "shown": len(lines), "permits": lines}


def _print_text(area: str | None, listing: dict[str, Any]) -> None:
    c = listing["counts"]
    print(f"居住证到期提醒 Residence permits — {area_label(area)}，截至 as of {listing['today']}")
    print(f"即将到期（30天内）{c['expiring']} 人，已过期 {c['expired']} 人；已跟进 {c['handled']} 人；"
          f"居住证信息不可见 {c['unchecked']} 人")
    print(f"{c['expiring']} expiring within 30 days, {c['expired']} expired; {c['handled']} followed up; "
          f"{c['unchecked']} with permit data withheld")
    if len(c["by_community"]) > 1:
        for community, n in c["by_community"].items():
            print(f"  {community}: 即将到期 expiring {n['expiring']}, 已过期 expired {n['expired']}")
    for p in listing["permits"]:
        left = p["days_left"]
        days = f"剩 {left} 天 {left} days left" if left >= 0 else f"已过 {-left} 天 {-left} days ago"
        print(f"{p['expires_on']}  {p['status_zh']} {p['status_en']}  {days}  {cell(p['name'])}  "
              f"{cell(p['phone'])}  {cell(p['address'])}  [{p['person_id']}]")
    total = c["expiring"] + c["expired"]
    if listing["shown"] < total:
        print(f"（仅显示前 {listing['shown']} 人 / first {listing['shown']} shown; --limit 0 for all）")


def _permits(args: argparse.Namespace) -> int:
    area = area_of(args)
    today = args.today or dt.date.today()
    with open_session(args, contact_hub=False) as session:
        listing = _listing(permit_worklist(session.store, today, area), args.limit, session)
    if args.json:
        print_json(listing)
    else:
        _print_text(area, listing)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return run_command(_permits, args)
