"""The demo's hub: a generated district kept in ``paths.demo_dir()/hub.db``, one user per role
with known passwords, served on a loopback port.

The database is built once (into a temporary file renamed at the end, so an interrupted build
leaves nothing half-made) and reused on later runs. The hub prefers a fixed port, so the app's
profile (one per hub address and user) and its synced cache carry over between demo runs.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from casework import paths
from casework.demo.casework_seed import seed_demo
from casework.demo.generator import DEMO_STREETS, build_demo_hub
from casework.hub.db import make_engine
from casework.hub.schema import HubUser
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import add_user

log = logging.getLogger(__name__)

DEMO_HOUSEHOLDS = 3000
DEMO_SEED = 20261121
PREFERRED_PORT = 8765
DISTRICT = "440104"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: tuple[str, ...]
    clearance: str
    display_name: str
    note: str  # what the login dialog says about scope and clearance


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("shegong", "shegong-demo", "social_worker", (DEMO_STREETS[0],), "internal",
                "李慧（北京街社工）", "北京街，内部级"),
    DemoAccount("canlian", "canlian-demo", "disability_officer", (DISTRICT,), "secret",
                "陈志强（区残联专干）", "全区，秘密级"),
    DemoAccount("laisui", "laisui-demo", "migrant_officer", DEMO_STREETS, "internal",
                "王芳（来穗人员服务）", "北京街、人民街，内部级"),
    DemoAccount("zhuguan", "zhuguan-demo", "supervisor", (DISTRICT,), "secret",
                "黄建国（区级主管）", "全区，秘密级"),
    DemoAccount("admin", "admin-demo", "admin", (DISTRICT,), "internal",
                "系统管理员", "不持有个人数据"),
)


def demo_db_path() -> Path:
    return paths.demo_dir() / "hub.db"


def demo_db_url(path: Path | None = None) -> str:
    return f"sqlite:///{path or demo_db_path()}"


def _console_progress(done: int) -> None:
    print(f"\r  已写入 {done:,} 条记录 / {done:,} records written", end="", file=sys.stderr, flush=True)


def ensure_demo_database(households: int = DEMO_HOUSEHOLDS, rebuild: bool = False,
                         progress: Callable[[int], None] | None = _console_progress) -> Path:
    """The demo hub database, built the first time (or again with ``rebuild``)."""
    path = demo_db_path()
    if path.exists() and not rebuild:
        add_missing_accounts(demo_db_url(path))
        seed_demo(demo_db_url(path), DEMO_STREETS[0])  # a district built before casework gets its cases
        return path
    building = path.with_name("hub.building.db")
    for stale in (building, *_side_files(building)):
        stale.unlink(missing_ok=True)
    print(f"首次运行：正在生成演示区（{households:,} 户）… "
          f"First run: generating the demo district ({households:,} households)…", file=sys.stderr)
    build_demo_hub(demo_db_url(building), households=households, seed=DEMO_SEED, progress=progress)
    add_missing_accounts(demo_db_url(building))
    seed_demo(demo_db_url(building), DEMO_STREETS[0])  # cases, notes, a resolved conflict (apply_ops)
    print(file=sys.stderr)
    for old in (path, *_side_files(path)):
        old.unlink(missing_ok=True)
    building.replace(path)
    return path


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def add_missing_accounts(db_url: str) -> None:
    """Create the demo users the database does not have yet (all of them after a build)."""
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            present = set(conn.execute(select(HubUser.username)).scalars())
        for account in DEMO_ACCOUNTS:
            if account.username not in present:
                add_user(engine, account.username, account.password, account.role, list(account.scope),
                         account.clearance, account.display_name, published_password=True)
    finally:
        engine.dispose()


def start_demo_hub(db_path: Path | None = None, port: int = PREFERRED_PORT) -> RunningHub:
    """Serve the demo database on 127.0.0.1, on ``port`` when free, else on any free port."""
    url = demo_db_url(db_path)
    try:
        return start_hub(url, port=port)
    except OSError:
        log.info("port %d is taken; the demo hub uses a free port instead", port)
        return start_hub(url, port=0)
