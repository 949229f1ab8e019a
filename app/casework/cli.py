"""The ``casework`` command. Each subcommand lives in its own module, imported only when used,
so ``casework`` (the desktop app) starts without loading the hub's web stack.

A command module provides ``configure(parser)`` to declare its arguments and
``run(args) -> int`` to do the work.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from casework import __version__, paths

# name → (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "app": ("casework.ui.cli", "open the desktop app (the default)"),
    "demo": ("casework.demo.cli", "run the app on the built-in demo district"),
    "generate": ("casework.demo.generate_cli", "generate a synthetic district into a hub database"),
    "hub": ("casework.hub.cli", "run and administer the district hub"),
    "sync": ("casework.sync.cli_sync", "log in and sync the local cache with the hub"),
    "search": ("casework.sync.cli_search", "search people in the local cache"),
    "household": ("casework.sync.cli_household", "show one household from the local cache"),
    "caseload": ("casework.sync.cli_caseload", "the disability caseload from the local cache"),
    "duplicates": ("casework.sync.cli_duplicates", "possible duplicate benefit grants, from the local cache"),
    "permits": ("casework.sync.cli_permits", "residence permits expiring or expired, from the local cache"),
    "schooling": ("casework.sync.cli_schooling", "unenrolled school-age migrant children (local cache)"),
    "bench": ("casework.bench.cli", "run a performance benchmark"),
}


def _base_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casework",
        description="District casework: the desktop app and the district hub.",
    )
    parser.add_argument("--version", action="version", version=f"casework {__version__}")
    parser.add_argument("--home", metavar="DIR",
                        help="keep every file under DIR (default: $CASEWORK_HOME or the user data folder)")
    return parser


def _command_name(argv: list[str]) -> str | None:
    """The first word that is neither an option nor the value of ``--home``."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--home":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _base_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    command = _command_name(argv)
    # Only the chosen command's module is imported; the others are listed for --help.
    for name, (module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                                help="keep every file under DIR")
        if name == command:
            module = importlib.import_module(module_name)
            module.configure(sub_parser)
            sub_parser.set_defaults(_run=module.run)
    if command is None and not any(a in ("-h", "--help", "--version") for a in argv):
        return main([*argv, "app"])  # plain ``casework`` opens the desktop app
    args = parser.parse_args(argv)
    paths.set_home(args.home)
    return int(args._run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
