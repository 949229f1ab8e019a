"""``casework search TEXT``: search people in the local cache, as the desktop app's search box.

Reads the cache only (the hub is not contacted): it works offline and needs the password to
unlock the cache, from a prompt or ``CASEWORK_PASSWORD``. It says whose cache it searched
(``--user`` picks another profile than the last), and masks identity and phone numbers as the
window does; ``--unmasked`` shows them whole and writes an audit event that goes up with the
next sync.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

import orjson

from casework.cache.edits import record_audit
from casework.cache.search import search_people
from casework.domain.display_masks import mask_id_number, mask_phone
from casework.sync.cli_common import EXIT_FAILED, EXIT_OK, add_profile_arguments, open_session, run_command

_COLUMNS = ("name", "sex", "birth_date", "id_number", "phone", "relation", "address", "match")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", help="姓名、拼音首字母、身份证号（或后4/6位）、电话（或后4位）、地址片段 "
                                     "name, pinyin initials, identity number or its last 4/6, "
                                     "phone or its last 4, address fragment")
    parser.add_argument("--limit", type=int, default=50, help="at most this many people (default 50)")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")
    parser.add_argument("--unmasked", action="store_true",
                        help="show whole identity and phone numbers (audited, like an export)")
    add_profile_arguments(parser)


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def masked(hit: object) -> object:
    """The hit as the window shows it."""
    return dataclasses.replace(hit, id_number=mask_id_number(hit.id_number),  # type: ignore[type-var]
                               phone=mask_phone(hit.phone))


def _search(args: argparse.Namespace) -> int:
    with open_session(args, contact_hub=False) as session:
        print(f"搜索 {session.username} 在 {session.hub_url} 的本机缓存 / searching the local cache of "
              f"{session.username} at {session.hub_url}", file=sys.stderr)
        hits = search_people(session.store, args.text, limit=args.limit)
        if args.unmasked:
            record_audit(session.store, "export_made", record_kind="person", offline=True,
                         purpose=f"casework search --unmasked {args.text[:200]!r}: {len(hits)} people")
        else:
            hits = [masked(h) for h in hits]
    if args.json:
        print(orjson.dumps([dataclasses.asdict(h) for h in hits], option=orjson.OPT_INDENT_2).decode())
    else:
        for hit in hits:
            print("  ".join(_cell(getattr(hit, c, None)) for c in _COLUMNS) + f"  [{hit.household_id}]")
        print(f"共 {len(hits)} 人 / {len(hits)} people")
    return EXIT_OK if hits else EXIT_FAILED


def run(args: argparse.Namespace) -> int:
    return run_command(_search, args)
