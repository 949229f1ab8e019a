"""What ``casework sync``, ``search`` and ``household`` share: which profile, the password,
signing in, and turning the client's errors into a message and an exit code."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys

from casework.sync.profile import last_profile
from casework.sync.session import (
    AuthFailed,
    CacheError,
    HubError,
    HubUnreachable,
    KeyFileError,
    NoOfflineProfile,
    Session,
    SignInError,
    WrongPassword,
    sign_in,
)

PASSWORD_ENV = "CASEWORK_PASSWORD"

# Exit codes of the client commands.
EXIT_OK = 0
EXIT_FAILED = 1  # e.g. not found
EXIT_UNREACHABLE = 3  # the hub did not answer
EXIT_REFUSED = 4  # wrong password or refused credentials
EXIT_UNVERIFIED = 5  # the sync ended but the cache could not be confirmed against the hub
EXIT_CANCELLED = 130


class CliExit(Exception):
    """Stop the command with this exit code after printing ``message`` to stderr."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def add_profile_arguments(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    parser.add_argument("--hub", metavar="URL", required=required,
                        help="the hub's address, e.g. http://127.0.0.1:8765 (default: the last used)")
    parser.add_argument("--user", metavar="NAME", required=required,
                        help="user name on the hub (default: the last used)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what the client does")


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def resolve_profile(args: argparse.Namespace) -> tuple[str, str]:
    """The hub and user from the options, else from the last sign-in."""
    if args.hub and args.user:
        return args.hub, args.user
    last = last_profile()
    hub = args.hub or (last.hub_url if last else None)
    user = args.user or (last.username if last else None)
    if not hub or not user:
        raise CliExit(EXIT_FAILED, "请先运行 casework sync --hub URL --user NAME。"
                                   " No profile yet: run `casework sync --hub URL --user NAME` first.")
    return hub, user


def read_password(username: str) -> str:
    """From ``CASEWORK_PASSWORD`` (scripts) or a prompt that does not echo."""
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        try:
            password = getpass.getpass(f"{username} 的密码 / password: ")
        except EOFError:
            password = ""
    if not password:
        raise CliExit(EXIT_REFUSED, f"没有输入密码。No password given (prompt or ${PASSWORD_ENV}).")
    return password


def open_session(args: argparse.Namespace, *, contact_hub: bool) -> Session:
    """Sign in for a command; every expected failure becomes a ``CliExit``."""
    hub, user = resolve_profile(args)
    password = read_password(user)
    try:
        session = sign_in(hub, user, password, contact_hub=contact_hub)
    except WrongPassword as exc:
        raise CliExit(EXIT_REFUSED, exc.message) from exc
    except AuthFailed as exc:
        raise CliExit(EXIT_REFUSED, f"中心拒绝登录 / the hub refused the sign-in: {exc.message}") from exc
    except NoOfflineProfile as exc:
        code = EXIT_UNREACHABLE if contact_hub else EXIT_FAILED  # with the hub asked: it did not answer
        raise CliExit(code, exc.message) from exc
    except (SignInError, KeyFileError, CacheError) as exc:
        raise CliExit(EXIT_FAILED, exc.message) from exc
    except HubError as exc:
        raise CliExit(EXIT_FAILED, exc.message) from exc
    except HubUnreachable as exc:  # only with contact_hub and no fallback possible
        raise CliExit(EXIT_UNREACHABLE, exc.message) from exc
    for notice in session.notices:
        print(notice, file=sys.stderr)
    return session


def run_command(body, args: argparse.Namespace) -> int:
    """Run ``body(args)`` and print a ``CliExit`` as its message and exit code."""
    setup_logging(getattr(args, "verbose", False))
    try:
        return int(body(args) or 0)
    except CliExit as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    except CacheError as exc:  # e.g. damage found mid-command (CacheCorrupt): said plainly, no traceback
        print(exc.message, file=sys.stderr)
        return EXIT_FAILED
