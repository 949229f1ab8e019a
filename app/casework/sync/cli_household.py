"""``casework household ID [--json]``: the integrated household view from the local cache.

Reads the cache only (works offline); the password unlocks it, from a prompt or
``CASEWORK_PASSWORD``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

import orjson

from casework.cache.household_view import household_view
from casework.sync.cli_common import EXIT_FAILED, EXIT_OK, add_profile_arguments, open_session, run_command


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("household_id", metavar="ID", help="the household's record id")
    parser.add_argument("--json", action="store_true", help="print the whole view as JSON")
    add_profile_arguments(parser)


def _outline(value: Any, indent: int = 0) -> list[str]:
    """A readable indented outline of a view (dataclasses, lists, dicts); empty fields left out."""
    pad = "  " * indent
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            if item is None or item == [] or item == {}:
                continue
            if isinstance(item, (dict, list)) or dataclasses.is_dataclass(item):
                lines.append(f"{pad}{key}:")
                lines.extend(_outline(item, indent + 1))
            else:
                lines.append(f"{pad}{key}: {item}")
        return lines
    if isinstance(value, (list, tuple)):
        lines = []
        for item in value:
            sub = _outline(item, indent + 1)
            if sub:
                lines.append(f"{pad}- {sub[0].strip()}")
                lines.extend(sub[1:])
        return lines
    return [f"{pad}{value}"]


def _household(args: argparse.Namespace) -> int:
    with open_session(args, contact_hub=False) as session:
        view = household_view(session.store, args.household_id)
    if view is None:
        print(f"本机缓存中没有此户：{args.household_id}  No such household in the local cache.",
              file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print(orjson.dumps(view, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())
    else:
        print("\n".join(_outline(view)))
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    return run_command(_household, args)
