"""Alembic environment for the hub schema (run programmatically from casework.hub.db)."""

from alembic import context
from sqlalchemy import pool, text

from casework.hub.db import make_engine
from casework.hub.schema import Base

config = context.config
target_metadata = Base.metadata

# Hub processes started together on one empty PostgreSQL database would each see no schema and
# each run CREATE TABLE; all but one would fail. The first takes this transaction-scoped
# advisory lock, the others wait for its commit and then find the schema current. (On SQLite
# the database lock serializes them: tests/hub/test_db.py starts four at once on both.)
MIGRATION_LOCK_KEY = 0x636173657761  # "casewa"


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            context.run_migrations()
    engine.dispose()


run_migrations_online()
