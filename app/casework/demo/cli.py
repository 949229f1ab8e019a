"""``casework demo``: the app on a built-in demo district, in one command.

The first run generates the district (two streets of 越秀区) into ``CASEWORK_HOME/demo/hub.db``;
later runs reuse it. An embedded hub serves it on a loopback port, one demo user per role
exists with a known password, and the app opens with a login dialog that lists them.
``--screenshots DIR`` walks through the app offscreen, saves a PNG of each step and exits.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casework.ui import i18n
from casework.ui.display_check import display_problem


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                        help="interface language: zh (中文, the default) or en")
    parser.add_argument("--households", type=int, default=None,
                        help="size of the demo district when it is first built (default 3000)")
    parser.add_argument("--rebuild", action="store_true", help="generate the demo district again")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="walk through login, search, households, a rental link and the offline "
                             "state; save a PNG of each into DIR and exit (runs offscreen)")


def _quiet_offscreen_resize_notes() -> None:
    """Offscreen, Qt notes every window size-limit change it cannot pass to a window frame
    ("does not support propagateSizeHints"); keep every other message."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def run(args: argparse.Namespace) -> int:
    if args.screenshots:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _quiet_offscreen_resize_notes()
    elif (problem := display_problem()) is not None:
        print(problem, file=sys.stderr)  # before building the district, not after
        return 2
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from casework.demo.demo_hub import DEMO_HOUSEHOLDS, ensure_demo_database
    from casework.ui.application import create_application
    from casework.ui.settings import Settings

    db_path = ensure_demo_database(args.households or DEMO_HOUSEHOLDS, rebuild=args.rebuild)
    with demo_settings(args, Settings) as settings:
        create_application(args.lang or settings.language)
        return _run_with(args, db_path, settings)


@contextmanager
def demo_settings(args: argparse.Namespace, settings_class: type[Any]) -> Iterator[Any]:
    """The user's settings for the interactive demo (``--lang`` is remembered); a throwaway
    file for ``--screenshots``, so an offscreen walk never leaves its language, window size or
    last user behind for the next interactive run."""
    if not args.screenshots:
        settings = settings_class()
        if args.lang:
            settings.language = args.lang
        yield settings
        return
    with tempfile.TemporaryDirectory(prefix="casework-screenshots-") as folder:
        settings = settings_class(Path(folder) / "settings.ini")
        settings.language = args.lang or "zh"
        yield settings


def _run_with(args: argparse.Namespace, db_path: Path, settings: Any) -> int:
    from casework.demo.demo_hub import DEMO_ACCOUNTS, start_demo_hub
    from casework.ui.login_dialog import DemoUser
    from casework.ui.startup import make_parts, run_app

    hub = start_demo_hub(db_path)
    print(f"演示中心 Demo hub: {hub.url}  (数据 data: {db_path})")
    try:
        if args.screenshots:
            from casework.demo.screenshots import take_screenshots

            return take_screenshots(args.screenshots, hub, db_path, make_parts(settings))
        users = [DemoUser(a.username, a.password, a.role, scope=a.scope, clearance=a.clearance)
                 for a in DEMO_ACCOUNTS]
        return run_app(make_parts(settings), hub_url=hub.url, demo_users=users)
    finally:
        hub.stop()
