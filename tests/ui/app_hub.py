"""A real hub on loopback serving a small generated district, for the desktop app's tests.

The district comes from the demo generator (two streets of 越秀区) through the bulk loader, so
the app sees what the demo shows: households with disabled members, migrant families in rental
housing, secret facts withheld for an internal-clearance user. The hub can be stopped and
started again on the same port (the app's profile is tied to the hub's address).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, select

from casework.demo.bulk_load import load_district
from casework.demo.generator import DEMO_STREETS, generate_district
from casework.hub import db
from casework.hub.auth import AuthSettings
from casework.hub.schema import Record
from casework.hub.server import RunningHub, start_hub
from casework.hub.users import add_user

WORKER = "shegong"  # a street social worker of 北京街 with internal clearance
PASSWORD = "shegong-demo"
STREET = DEMO_STREETS[0]
FAST_AUTH = AuthSettings.fast_for_tests()


@dataclass
class AppHub:
    db_url: str
    engine: Engine
    running: RunningHub | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.running = start_hub(self.db_url, port=self.port, settings=FAST_AUTH)
        self.port = self.running.port

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None

    def records(self, kind: str, street: str = STREET) -> list[tuple[str, dict[str, Any]]]:
        """(id, data) of the hub's records of a kind in a street, in feed order."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(Record.id, Record.data).where(
                Record.kind == kind, Record.street == street, Record.deleted.is_(False)).order_by(Record.seq))
            return [(rid, orjson.loads(data)) for rid, data in rows]

    @cached_property
    def people(self) -> dict[str, dict[str, Any]]:
        return dict(self.records("person"))


def make_app_hub(folder: Path, households: int = 160, seed: int = 5) -> AppHub:
    db_url = f"sqlite:///{folder / 'hub.db'}"
    load_district(db_url, generate_district(households, seed, "440104", DEMO_STREETS))
    engine = db.make_engine(db_url)
    add_user(engine, WORKER, PASSWORD, "social_worker", [STREET], "internal", settings=FAST_AUTH,
             published_password=True)  # the demo's published password: weak on purpose
    hub = AppHub(db_url, engine)
    hub.start()
    return hub
