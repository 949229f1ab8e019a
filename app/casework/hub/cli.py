"""``casework hub``: run the district hub and administer its users and devices.

    casework hub serve [--db URL] [--host 127.0.0.1] [--port 8700] [--workers N]
    casework hub user add NAME --role ROLE (--streets CODE[,CODE…] | --district [CODE])
                          --clearance LEVEL [--display-name TEXT] [--db URL]   (password on stdin)
    casework hub user change NAME [--role …] [--streets … | --district …] [--clearance …]
    casework hub user list
    casework hub user unlock NAME              (after too many failed logins)
    casework hub user reset-password NAME      (new password on stdin; also unlocks)
    casework hub user disable NAME | enable NAME
    casework hub device revoke NAME DEVICE_ID
    casework hub summary-check [--repair]
    casework hub audit (--household ID | --user NAME) [--since DATE] [--json]
    casework hub duplicates [--db URL] [--department D] [--street S] --format csv|xlsx [--output FILE]

Without ``--db`` the hub uses a SQLite file under the casework home folder.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from casework import paths
from casework.domain.roles import Role

DEFAULT_PORT = 8700
DEFAULT_DISTRICT = "440104"  # 越秀区, where the demo district is generated
USER_ACCOUNT_ACTIONS = {
    "unlock": "lift the lock after too many failed logins",
    "reset-password": "set a new password (read from standard input); also unlocks",
    "disable": "refuse the user's logins and tokens from now on",
    "enable": "allow a disabled user to log in again",
}


def default_db_url() -> str:
    folder = paths.home() / "hub"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{Path(folder) / 'hub.db'}"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    serve = sub.add_parser("serve", help="run the hub's HTTP API")
    _db_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT,
                       help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--workers", type=_positive, default=1, metavar="N",
                       help="worker processes sharing the port (default 1; on PostgreSQL use about "
                            "one per core: a SQLite hub has one writer at a time anyway)")
    serve.add_argument("--idle-lock-max", type=_positive, metavar="MINUTES",
                       help="the district's policy: the app locks after at most this many idle minutes "
                            "(default 30); sent to the app at every login")

    user = sub.add_parser("user", help="add, change or list hub users").add_subparsers(
        dest="user_command", metavar="ACTION", required=True)
    add = user.add_parser("add", help="add a user; the password is read from standard input")
    add.add_argument("username")
    _db_option(add)
    _access_options(add, required=True)
    add.add_argument("--display-name", help="the name shown in the app (default: the username)")
    change = user.add_parser("change", help="change a user's role, scope or clearance")
    change.add_argument("username")
    _db_option(change)
    _access_options(change, required=False)
    change.add_argument("--display-name")
    lister = user.add_parser("list", help="list users with role, scope and clearance")
    _db_option(lister)
    for action, help_text in USER_ACCOUNT_ACTIONS.items():
        account = user.add_parser(action, help=help_text)
        account.add_argument("username")
        _db_option(account)

    device = sub.add_parser("device", help="revoke a device").add_subparsers(
        dest="device_command", metavar="ACTION", required=True)
    revoke = device.add_parser("revoke", help="refuse a user's device from now on")
    revoke.add_argument("username")
    revoke.add_argument("device_id")
    _db_option(revoke)

    check = sub.add_parser(
        "summary-check",
        help="recount the summary totals from the records and compare; holds writes meanwhile")
    _db_option(check)
    check.add_argument("--repair", action="store_true", help="replace the totals with the recount")

    trail = sub.add_parser("audit", help="who saw or changed a household, or what a user did, when and why")
    _db_option(trail)
    whose = trail.add_mutually_exclusive_group()
    whose.add_argument("--household", metavar="ID", help="a household's id")
    whose.add_argument("--user", metavar="NAME", help="a user name")
    trail.add_argument("--since", metavar="DATE", help="from this date or ISO date-time (UTC)")
    trail.add_argument("--json", action="store_true", help="one JSON object per line")

    from casework.hub.duplicates_export import configure as configure_duplicates

    configure_duplicates(sub.add_parser(
        "duplicates", help="the confirmed duplicate grants, for the paying departments (csv or xlsx)"))


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="hub database: SQLAlchemy URL or SQLite file (default: under the casework home)")


def _access_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--role", required=required, choices=[r.value for r in Role],
                        help="; ".join(f"{r.value} {r.label_zh}" for r in Role))
    where = parser.add_mutually_exclusive_group(required=required)
    where.add_argument("--streets", metavar="CODE[,CODE…]", help="9-digit street codes of one district")
    where.add_argument("--district", metavar="CODE", nargs="?", const="",
                       help=f"the whole district (6-digit code; default {DEFAULT_DISTRICT}, the demo's)")
    parser.add_argument("--clearance", required=required, metavar="LEVEL",
                        help="public 公开 | internal 内部 | secret 秘密 | confidential 机密")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _scope(args: argparse.Namespace) -> list[str] | None:
    if args.streets is not None:
        codes = [code.strip() for code in args.streets.split(",")]
        if not all(len(code) == 9 for code in codes):  # a lone district code is --district's job
            raise ValueError(
                f"--streets 需要 9 位街道代码 --streets takes 9-digit street codes: {args.streets}")
        return codes
    if args.district is not None:
        return [args.district or DEFAULT_DISTRICT]
    return None


def _read_password() -> str:
    """From the terminal (asked twice) or the first line of standard input."""
    if sys.stdin.isatty():
        first = getpass.getpass("密码 Password: ")
        if getpass.getpass("再输入一次 Again: ") != first:
            raise ValueError("两次输入的密码不一致 The passwords do not match")
        return first
    return sys.stdin.readline().rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    from casework.hub.db import SchemaTooNew

    try:
        if args.hub_command == "serve":
            return _serve(args)
        if args.hub_command == "summary-check":
            return _summary_check(args)
        if args.hub_command == "audit":
            return _audit(args)
        if args.hub_command == "duplicates":
            from casework.hub.duplicates_export import run as run_duplicates

            return run_duplicates(args)
        return _administer(args)
    except (ValueError, SchemaTooNew) as exc:  # UserError is a ValueError
        print(f"casework hub: {exc}", file=sys.stderr)
        return 2


def _administer(args: argparse.Namespace) -> int:
    from casework.hub import db, users

    url = args.db or default_db_url()
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        if args.hub_command == "device":
            users.revoke_device(engine, args.username, args.device_id)
            print(f"设备已撤销 Device {args.device_id!r} of {args.username!r} revoked")
        elif args.user_command == "add":
            users.add_user(engine, args.username, _read_password(), args.role, _scope(args),
                           args.clearance, args.display_name)
            print(f"已添加用户 User {args.username!r} added")
        elif args.user_command == "change":
            epoch = users.change_user(engine, args.username, role=args.role, scope=_scope(args),
                                      clearance=args.clearance, display_name=args.display_name)
            print(f"已修改用户 User {args.username!r} changed (scope epoch {epoch})")
        elif args.user_command in USER_ACCOUNT_ACTIONS:
            _account_action(engine, args)
        else:
            for u in users.list_users(engine):
                print(f"{u['username']}\t{u['display_name']}\t{u['role']}\t{','.join(u['scope'])}\t"
                      f"{u['clearance']}\tepoch {u['scope_epoch']}" + ("\tdisabled" if u["disabled"] else ""))
    finally:
        engine.dispose()
    return 0


def _account_action(engine: Any, args: argparse.Namespace) -> None:
    from casework.hub import users

    name = args.username
    if args.user_command == "unlock":
        was = users.unlock_user(engine, name)
        print(f"已解锁 User {name!r} unlocked" if was else f"未锁定 User {name!r} was not locked")
    elif args.user_command == "reset-password":
        users.set_password(engine, name, _read_password())
        print(f"已重设密码并解锁 Password of {name!r} reset; the account is unlocked")
    else:
        users.set_disabled(engine, name, args.user_command == "disable")
        print(f"已停用 User {name!r} disabled" if args.user_command == "disable"
              else f"已启用 User {name!r} enabled")


def _summary_check(args: argparse.Namespace) -> int:
    """Compare ``summary_total`` with a recount from the records; 1 if they differ (unless
    repaired). The recount runs under the feed lock, so no write slips in between the two
    (at district scale that holds writers for about a minute)."""
    from casework.hub import db
    from casework.hub.feed_writer import lock_feed
    from casework.hub.summary import read_totals, recount_totals, replace_totals

    url = args.db or default_db_url()
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        with engine.begin() as conn:
            lock_feed(conn)
            kept = read_totals(conn).comparable()
            counted = recount_totals(conn)
            recounted = counted.comparable()
            differing = sorted(key for key in kept.keys() | recounted.keys()
                               if kept.get(key) != recounted.get(key))
            for key in differing:
                have, want = kept.get(key, (0, 0)), recounted.get(key, (0, 0))
                print(f"{chr(9).join(key)}\tkept {have[0]} {have[1]:016x}\t"
                      f"recounted {want[0]} {want[1]:016x}")
            if differing and args.repair:
                replace_totals(conn, counted)
    finally:
        engine.dispose()
    records = sum(count for count, _ in recounted.values())
    if not differing:
        print(f"汇总一致 summary totals match ({len(recounted)} groups, {records} records)")
        return 0
    if args.repair:
        print(f"已修复 repaired {len(differing)} of {len(recounted)} groups")
        return 0
    print(f"汇总不一致 {len(differing)} groups differ; run again with --repair", file=sys.stderr)
    return 1


def _audit(args: argparse.Namespace) -> int:
    """Print the audit trail (``casework.hub.audit_log``), oldest first."""
    import json

    from casework.hub import audit_log, db

    since = audit_log.parse_since(args.since) if args.since else None
    url = args.db or default_db_url()
    db.upgrade(url)
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            entries = audit_log.trail(conn, household=args.household, user=args.user, since=since)
    finally:
        engine.dispose()
    for entry in entries:
        print(json.dumps(entry.as_dict(), ensure_ascii=False) if args.json else entry.line())
    if not args.json:
        print(f"共 {len(entries)} 条 {len(entries)} entries", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    """Serve in the foreground: one process, or a parent that migrates the schema once and keeps
    ``--workers`` processes serving on the one listening socket (restarting any that dies)."""
    import os

    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from casework.hub import db
    from casework.hub.api import create_app
    from casework.hub.asgi import APP_FACTORY, DB_URL_VARIABLE
    from casework.hub.server import bind_socket, server_config

    url = args.db or default_db_url()
    if args.idle_lock_max:
        from casework.hub.auth import IDLE_LOCK_ENV

        os.environ[IDLE_LOCK_ENV] = str(args.idle_lock_max)  # the workers inherit it
    app = None
    if args.workers == 1:
        app = create_app(url)
    else:
        db.upgrade(url)
        os.environ[DB_URL_VARIABLE] = db.normalize_url(url)
    try:
        sock = bind_socket(args.host, args.port)
    except OSError as exc:
        print(f"casework hub: 无法监听 cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        if app is not None:
            app.state.engine.dispose()
        return 2
    port = sock.getsockname()[1]
    shown_db = make_url(db.normalize_url(url)).render_as_string(hide_password=True)
    workers = f"{args.workers} worker processes; " if args.workers > 1 else ""
    print(f"casework hub: http://{args.host}:{port}  (database {shown_db}; {workers}Ctrl+C to stop)",
          flush=True)
    try:
        if app is not None:
            uvicorn.Server(server_config(app, quiet=False)).run(sockets=[sock])
        else:
            config = server_config(APP_FACTORY, quiet=False, workers=args.workers)
            Multiprocess(config, sockets=[sock]).run()
    except KeyboardInterrupt:  # uvicorn has shut down cleanly and passes Ctrl+C on
        pass
    finally:
        sock.close()
        if app is not None:
            app.state.engine.dispose()
    return 0
