"""``casework app`` (and plain ``casework``): the desktop app."""

from __future__ import annotations

import argparse
import logging

from casework.ui import i18n


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES),
                        help="interface language: zh (中文, the default) or en; remembered in the settings")
    parser.add_argument("--hub", metavar="URL", default="",
                        help="the hub address to offer on the first sign-in")


def run(args: argparse.Namespace) -> int:
    from casework.ui import preload

    preload.start()  # the client core imports while Qt starts and the password is typed
    from casework.ui.application import create_application
    from casework.ui.settings import Settings
    from casework.ui.startup import make_parts, run_app

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    if args.lang:
        settings.language = args.lang
    create_application(settings.language)
    return run_app(make_parts(settings), hub_url=args.hub)
