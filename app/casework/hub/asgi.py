"""The hub app for uvicorn's worker processes (``casework hub serve --workers N``).

Worker processes cannot share the parent's app or its database engine, so each builds its own
from the database URL the parent leaves in the environment. The parent migrates the schema
once before it starts them; workers never migrate.
"""

from __future__ import annotations

import os

from fastapi import FastAPI

DB_URL_VARIABLE = "CASEWORK_HUB_DB"
APP_FACTORY = "casework.hub.asgi:app_from_environment"


def app_from_environment() -> FastAPI:
    """uvicorn's app factory (``casework.hub.asgi:app_from_environment``) in each worker."""
    from casework.hub.api import create_app

    url = os.environ.get(DB_URL_VARIABLE)
    if not url:
        raise RuntimeError(f"{DB_URL_VARIABLE} is not set: workers are started by "
                           "`casework hub serve --workers N`")
    return create_app(url, upgrade_schema=False)
