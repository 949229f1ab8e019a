"""Opening the hub database and bringing its schema up to date (Alembic).

``--db`` takes a SQLAlchemy URL (``sqlite:///hub.db``, ``postgresql://user@host/db``) or a
plain file path, which means SQLite. PostgreSQL URLs use the psycopg 3 driver.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaTooNew(RuntimeError):
    """The database was written by a newer hub; this one refuses rather than damage it."""


def normalize_url(url: str) -> str:
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def is_sqlite(url: str) -> bool:
    return make_url(normalize_url(url)).get_backend_name() == "sqlite"


def make_engine(url: str, **kwargs) -> Engine:
    """An engine with the settings the hub needs on each backend."""
    url = normalize_url(url)
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", normalize_url(url).replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    """Create or migrate the schema to the newest revision; refuse a database from the future."""
    cfg = _alembic_config(url)
    script = ScriptDirectory.from_config(cfg)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current is not None and script.get_revision(current) is None:
            raise SchemaTooNew(
                f"hub database is at schema revision {current}, newer than this hub knows; "
                "upgrade the hub software"
            )
    except (KeyError, CommandError):  # alembic raises CommandError for a revision it does not know
        raise SchemaTooNew(
            f"hub database is at schema revision {current}, newer than this hub knows; "
            "upgrade the hub software"
        ) from None
    finally:
        engine.dispose()
    command.upgrade(cfg, "head")
