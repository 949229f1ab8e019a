"""A real hub on a loopback port over a SQLite database, with users, for the client tests.

Shared by ``tests/sync`` and ``tests/end2end``. The district is the hub tests' hand-built
fixture district (three streets), written through the hub's own feed writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from casework.hub import db
from casework.hub.auth import AuthSettings
from casework.hub.feed_writer import RecordWrite, move_household, write_records
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import add_user, change_user
from tests.hub.district_fixture import DISTRICT, STREET_A, FixtureDistrict, build_district

PASSWORD = "correct-horse-7"
STREET_USER = "street_worker"  # social worker scoped to 北京街 (STREET_A)
DISTRICT_USER = "district_supervisor"  # supervisor of the whole district
FAST_AUTH = AuthSettings.fast_for_tests()


@dataclass
class HubFixture:
    db_url: str
    engine: Engine
    district: FixtureDistrict | None
    running: RunningHub | None = None

    @property
    def url(self) -> str:
        assert self.running is not None, "the hub is stopped"
        return self.running.url

    def start(self, port: int = 0) -> None:
        self.running = start_hub(self.db_url, port=port, settings=FAST_AUTH)

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None

    def write(self, records: Sequence[RecordWrite]) -> list[int]:
        with self.engine.begin() as conn:
            return write_records(conn, records)

    def move_household(self, household_id: str, new_area: str, new_address: dict[str, Any]) -> list[int]:
        with self.engine.begin() as conn:
            return move_household(conn, household_id, new_area, new_address)

    def change_scope(self, username: str, scope: list[str]) -> int:
        return change_user(self.engine, username, scope=scope)


def make_generated_hub(tmp_path: Path, households: int, seed: int = 7) -> HubFixture:
    """A hub serving a generated district of two streets (``casework.demo.generator``),
    written through the feed writer; the same two users."""
    from casework.demo.generator import DEMO_STREETS, generate_district

    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    records = [RecordWrite(r.kind, r.id, r.area, r.data)
               for r in generate_district(households, seed, DISTRICT, DEMO_STREETS)]
    with engine.begin() as conn:
        write_records(conn, records)
    add_user(engine, STREET_USER, PASSWORD, "social_worker", [STREET_A], "internal", settings=FAST_AUTH)
    add_user(engine, DISTRICT_USER, PASSWORD, "supervisor", [DISTRICT], "internal", settings=FAST_AUTH)
    fixture = HubFixture(db_url, engine, None)
    fixture.start()
    return fixture


def make_hub(tmp_path: Path, *, with_district: bool = True) -> HubFixture:
    """A migrated hub database with the fixture district and two users, served on loopback."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db_url = f"sqlite:///{tmp_path / 'hub.db'}"
    db.upgrade(db_url)
    engine = db.make_engine(db_url)
    district = None
    if with_district:
        with engine.begin() as conn:
            district = build_district(conn)
    add_user(engine, STREET_USER, PASSWORD, "social_worker", [STREET_A], "internal", settings=FAST_AUTH)
    add_user(engine, DISTRICT_USER, PASSWORD, "supervisor", [DISTRICT], "internal", settings=FAST_AUTH)
    fixture = HubFixture(db_url, engine, district)
    fixture.start()
    return fixture


def hub_visible(fixture: HubFixture, username: str) -> dict[str, tuple[str, int]]:
    """id → (kind, version) the user may hold, pulled with the hub's own ``read_changes_page``
    (no HTTP, no client code): what a synced cache must hold exactly."""
    from casework.bench.sync_support import hub_visible_versions

    return hub_visible_versions(fixture.db_url, username)


def sign_in_for_test(hub_url: str, username: str, password: str, **options: Any):
    """``sign_in`` with cheap argon2id parameters for a new key file (tests only)."""
    from casework.cache.keys import KdfParams
    from casework.sync.session import sign_in

    options.setdefault("kdf_params", KdfParams.fast())
    return sign_in(hub_url, username, password, **options)
