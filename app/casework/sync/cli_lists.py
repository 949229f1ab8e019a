"""What ``casework duplicates``, ``permits`` and ``schooling`` share: the area and date options,
how many lines to print, and printing a list as JSON or as lines."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from typing import Any

import orjson

from casework.cache.list_support import check_area
from casework.domain.areas import street_name
from casework.sync.cli_common import EXIT_FAILED, CliExit

DEFAULT_LIMIT = 50  # a list page's first screen


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_area_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--street", metavar="CODE", help="街道代码（9位） a street's 9-digit code")
    parser.add_argument("--community", metavar="CODE", help="社区代码（12位） a community's 12-digit code")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help=f"at most this many lines, as the page's first screen (default {DEFAULT_LIMIT}; "
                             "0: all); the counts always cover the whole list")
    parser.add_argument("--json", action="store_true", help="print the counts and the lines as JSON")


def area_of(args: argparse.Namespace) -> str | None:
    """The street or community asked for (a community wins), None for everything the cache holds."""
    area = args.community or args.street
    if args.street and args.community and not args.community.startswith(args.street):
        raise CliExit(EXIT_FAILED, f"社区 {args.community} 不在街道 {args.street} 内。"
                                   f" Community {args.community} is not in street {args.street}.")
    expected = 12 if args.community else 9
    try:
        checked = check_area(area)
    except ValueError:
        checked = None
    if area is not None and (checked is None or len(area) != expected):
        raise CliExit(EXIT_FAILED, f"不是{'社区' if expected == 12 else '街道'}代码：{area}。"
                                   f" Not a {'community' if expected == 12 else 'street'} code: {area}.")
    return checked


def area_label(area: str | None) -> str:
    return "本机缓存全部 / everything in the local cache" if area is None else f"{area} {street_name(area)}"


def shown(items: list | tuple, limit: int) -> list:
    return list(items) if limit <= 0 else list(items[:limit])


def print_json(value: Mapping[str, Any]) -> None:
    print(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS).decode())


def cell(value: object) -> str:
    return "—" if value is None or value == "" else str(value)
