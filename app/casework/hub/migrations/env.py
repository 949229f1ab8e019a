"""Alembic environment for the hub schema (run programmatically from casework.hub.db)."""

from alembic import context
from sqlalchemy import pool, text

from casework.hub.db import make_engine
from casework.hub.schema import Base

config = context.config
target_metadata = Base.metadata

# Hub processes started together on one empty database would each see no schema and each run
# CREATE TABLE; all but one would fail. So the migration first takes a lock that lasts until
# its commit, and the others wait for it and then find the schema current: on PostgreSQL a
# transaction-scoped advisory lock, on SQLite the database's write lock (BEGIN IMMEDIATE; the
# migration runs as one transaction there too, which SQLite's DDL allows).
MIGRATION_LOCK_KEY = 0x636173657761  # "casewa"


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=sqlite, transactional_ddl=True)
        with context.begin_transaction():
            if sqlite:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            context.run_migrations()
    engine.dispose()


run_migrations_online()
