"""``casework app`` (and plain ``casework``): the desktop app."""

from __future__ import annotations

import argparse
import logging
import sys

from casework.ui import i18n


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                        help="interface language: zh (中文, the default) or en; remembered in the settings")
    parser.add_argument("--hub", metavar="URL", default="",
                        help="the hub address to offer on the first sign-in")


def _log_to_file() -> None:
    """The app's log goes to ``logs/app.log`` under the casework folder (a desktop app has no
    console to read); warnings also to standard error."""
    from casework import paths

    handler = logging.FileHandler(paths.logs_dir() / "app.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    console = logging.StreamHandler()
    console.setLevel(logging.WARNING)
    logging.basicConfig(level=logging.INFO, handlers=[handler, console])


def run(args: argparse.Namespace) -> int:
    from casework.ui.display_check import display_problem

    if (problem := display_problem()) is not None:
        print(problem, file=sys.stderr)
        return 2
    from casework.ui import preload

    preload.start()  # the client core imports while Qt starts and the password is typed
    from casework.ui.application import create_application
    from casework.ui.settings import Settings
    from casework.ui.startup import make_parts, run_app

    _log_to_file()
    settings = Settings()
    if args.lang:
        settings.language = args.lang
    create_application(settings.language)
    return run_app(make_parts(settings), hub_url=args.hub)
