"""``casework duplicates --review A,B --verdict duplicate|not_duplicate [--reason TEXT]``: a reviewer's
decision on a listed pair, recorded offline in the cache (``casework.cache.reviews``); it goes up
with the next ``casework sync``. A and B are the two grant ids the listing shows for the pair
(``first.id`` and ``second.id`` in ``--json``), in either order.
"""

from __future__ import annotations

import argparse

from casework.cache.edits import EditRefused
from casework.cache.reviews import review_pair
from casework.domain.duplicates import Verdict
from casework.sync.cli_common import EXIT_FAILED, EXIT_OK, CliExit


def add_review_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--review", metavar="A,B",
                        help="record a decision on the pair of these two grant ids (as listed); offline, "
                             "sent with the next sync")
    parser.add_argument("--verdict", choices=[v.value for v in Verdict],
                        help="; ".join(f"{v.value}: {v.label_zh} {v.label_en}" for v in Verdict))
    parser.add_argument("--reason", metavar="TEXT", help="why (required for not_duplicate)")


def _grant_ids(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise CliExit(EXIT_FAILED, f"--review 需要两笔发放的编号，以逗号分隔 --review takes two grant ids, "
                                   f"comma-separated: {text!r}")
    return parts[0], parts[1]


def record_review(args: argparse.Namespace, session) -> int:
    """Record the decision ``args`` asks for; a message either way."""
    if args.verdict is None:
        raise CliExit(EXIT_FAILED, "--review 需要 --verdict duplicate|not_duplicate。"
                                   " --review needs --verdict.")
    grant_ids = _grant_ids(args.review)
    try:
        review_id = review_pair(session.store, grant_ids, args.verdict, args.reason, user=session.username,
                                role=session.user.get("role"))
    except EditRefused as exc:
        raise CliExit(EXIT_FAILED, exc.message) from exc
    verdict = Verdict(args.verdict)
    print(f"已记录核查结论“{verdict.label_zh}”，下次同步时上传。 Recorded “{verdict.label_en}” "
          f"({review_id}); it goes to the hub with the next sync.")
    return EXIT_OK
