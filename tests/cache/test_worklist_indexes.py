"""The worklists' partial indexes (issue 12) are used by the lists' queries, and take no plan from
the queries that look records up by household or link (a plain index on kind did, in schema v3).

Each list's statements are caught as they run and asked for their plan: a full scan of ``record``
would be seconds at district scale, and it is the silent failure a changed literal would cause."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import event

from casework.cache.household_view import enterprise_view, household_view, rental_housing_view
from casework.cache.migrant_lists import permit_worklist, schooling_worklist
from casework.cache.subsidies import area_duplicates, household_duplicates
from tests.cache.scenario import AREA

TODAY = dt.date(2026, 12, 2)


def plans_of(store, run) -> list[tuple[str, list[str]]]:
    """(statement, its plan lines) for every statement ``run`` sends to ``record``."""
    seen: list[tuple[str, object]] = []

    def catch(conn, cursor, statement, parameters, context, executemany):
        if "record" in statement and not statement.startswith("EXPLAIN"):
            seen.append((statement, parameters))

    event.listen(store._engine, "before_cursor_execute", catch)
    try:
        run()
    finally:
        event.remove(store._engine, "before_cursor_execute", catch)
    with store.read() as conn:
        return [(sql, [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)])
                for sql, params in seen]


@pytest.mark.parametrize("name, run", [
    ("street duplicates", lambda s, sc: area_duplicates(s, AREA[:9])),
    ("all duplicates", lambda s, sc: area_duplicates(s)),
    ("household duplicates", lambda s, sc: household_duplicates(s, sc.local.id)),
    ("permits", lambda s, sc: permit_worklist(s, TODAY, AREA)),
    ("all permits", lambda s, sc: permit_worklist(s, TODAY)),
    ("schooling", lambda s, sc: schooling_worklist(s, TODAY, AREA[:9])),
    ("all schooling", lambda s, sc: schooling_worklist(s, TODAY)),
])
def test_no_list_scans_the_record_table(synced, scenario, name, run):
    plans = plans_of(synced, lambda: run(synced, scenario))
    assert plans, name
    for sql, plan in plans:
        assert not any(line.startswith("SCAN") and "record" in line and "INDEX" not in line
                       for line in plan), (name, sql, plan)


# What the household and link views look records up by: id, household, link.
VIEW_INDEXES = {"sqlite_autoindex_record_1", "ix_record_household", "ix_record_link",
                "ix_searchable_household"}


def test_the_link_and_household_views_keep_their_own_indexes(synced, scenario):
    views = (lambda: household_view(synced, scenario.local.id),
             lambda: rental_housing_view(synced, scenario.rental.id),
             lambda: enterprise_view(synced, scenario.enterprise.id))
    for view in views:
        for sql, plan in plans_of(synced, view):
            used = {m.group(1) for line in plan if (m := re.search(r"USING (?:COVERING )?INDEX (\w+)", line))}
            assert used <= VIEW_INDEXES, (sql, plan)
            assert not any(line.startswith("SCAN") and "record" in line for line in plan), (sql, plan)
