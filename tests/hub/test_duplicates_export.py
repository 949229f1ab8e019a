"""``casework hub duplicates``: the confirmed duplicate pairs of a generated district, as csv and
xlsx, filtered by paying department and street. Reviews go in through the hub's write service;
the expected pairs follow from which reviews were made (the latest per pair counts, a changed
grant undoes a review), never from the exporter."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
import uuid

import orjson
import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from casework.cli import main
from casework.demo.generator import DEMO_STREETS, generate_district
from casework.domain.duplicates import Grant, find_duplicates
from casework.hub import db
from casework.hub.duplicates_export import COLUMNS, HEADER
from casework.hub.feed_writer import RecordWrite, write_records
from casework.hub.write_service import apply_ops
from tests.hub.district_fixture import DISTRICT
from tests.hub.write_helpers import account, create_op

SUPERVISOR = account("supervisor", scope=(DISTRICT,), username="district_supervisor")
COL = {key: i for i, (key, _, _) in enumerate(COLUMNS)}


def _review(pair, verdict: str, reason: str | None = None) -> dict:
    data = {"household_id": pair.first.household_id, "first_id": pair.first.id,
            "first_version": pair.first.version, "second_id": pair.second.id,
            "second_version": pair.second.version, "verdict": verdict,
            "departments": sorted({pair.first.department, pair.second.department}), "on": "2026-11-20"}
    return {**data, "reason": reason} if reason else data


def _review_now(engine, pair, verdict: str, reason: str | None = None) -> None:
    op = create_op("duplicate_review", _review(pair, verdict, reason), action="append")
    (result,) = apply_ops(engine, SUPERVISOR, "pc-1", [op])
    assert result.status == "applied", result
    time.sleep(0.003)  # the next review gets a later created_at (milliseconds)


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """A hub database of 100 generated households with reviews: which pairs must be listed."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export-hub') / 'hub.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        write_records(conn, [RecordWrite(r.kind, r.id, r.area, r.data)
                             for r in generate_district(100, 7, DISTRICT, DEMO_STREETS)])
        rows = conn.execute(text("SELECT id, version, street, data FROM record WHERE kind = 'benefit_grant'"))
        street_of, grants = {}, []
        for rid, version, street, raw in rows:
            data = orjson.loads(raw)
            street_of[data["household_id"]] = street
            grants.append(Grant.from_data(rid, version, data))
    pairs = find_duplicates(grants).pairs
    by_street = {s: [p for p in pairs if street_of[p.first.household_id] == s] for s in DEMO_STREETS}
    first, second = DEMO_STREETS
    assert len(by_street[first]) >= 4 and by_street[second], "the district needs pairs in both streets"
    confirmed, dismissed, reversed_, changed = by_street[first][:4]
    other_street = by_street[second][0]
    for pair in (confirmed, reversed_, changed, other_street):
        _review_now(engine, pair, "duplicate", "请民政、残联核对")
    _review_now(engine, dismissed, "not_duplicate", "一笔为补发上月")
    _review_now(engine, reversed_, "not_duplicate", "复核后确认为不同月份")
    # one of `changed`'s grants is corrected by its department after the review
    with engine.begin() as conn:
        raw = conn.execute(text("SELECT area, data FROM record WHERE id = :id"),
                           {"id": changed.second.id}).one()
        data = orjson.loads(raw[1])
        write_records(conn, [RecordWrite("benefit_grant", changed.second.id, raw[0],
                                         {**data, "as_of": "2026-11-25"})])
    try:
        yield url, engine, {"confirmed": confirmed, "other_street": other_street}
    finally:
        engine.dispose()


def _export(url: str, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "casework.cli", "hub", "duplicates", "--db", url, *options],
                          capture_output=True, text=True, timeout=120)


def _pairs(rows) -> set[frozenset[str]]:
    return {frozenset((r[COL["a_grant_id"]], r[COL["b_grant_id"]])) for r in rows}


def _ids(*pairs) -> set[frozenset[str]]:
    return {frozenset((p.first.id, p.second.id)) for p in pairs}


def test_csv_lists_the_pairs_whose_latest_review_says_duplicate_at_current_versions(district):
    url, engine, made = district
    done = _export(url, "--format", "csv")
    assert done.returncode == 0, done.stderr
    header, *rows = list(csv.reader(io.StringIO(done.stdout)))
    assert tuple(header) == HEADER
    assert _pairs(rows) == _ids(made["confirmed"], made["other_street"])
    assert "确认重复 2 对" in done.stderr and "2 confirmed duplicate pairs" in done.stderr
    pair = made["confirmed"]
    (line,) = [r for r in rows if _pairs([r]) == _ids(pair)]
    for prefix, grant in (("a_", pair.first), ("b_", pair.second)):  # both grants, side by side
        assert line[COL[prefix + "grant_id"]] == grant.id
        assert line[COL[prefix + "period_start"]] == grant.period_start.isoformat()
        assert line[COL[prefix + "amount"]] == ("" if grant.amount is None else str(grant.amount))
        assert line[COL[prefix + "item"]] == (grant.item or "")
        assert grant.department in line[COL[prefix + "department"]]
    assert line[COL["reviewer"]] == SUPERVISOR.username and line[COL["reason"]] == "请民政、残联核对"
    assert line[COL["household_id"]] == pair.first.household_id and line[COL["address"]]
    with engine.connect() as conn:
        detail = conn.execute(text("SELECT detail FROM audit_event WHERE action = 'export_made' "
                                   "ORDER BY id DESC LIMIT 1")).scalar_one()
    assert orjson.loads(detail)["pairs"] == 2


def test_filters_keep_the_pairs_of_the_department_and_the_street(district):
    url, _, made = district
    pair, elsewhere = made["confirmed"], made["other_street"]
    street = _export(url, "--format", "csv", "--street", DEMO_STREETS[0])
    assert _pairs(list(csv.reader(io.StringIO(street.stdout)))[1:]) == _ids(pair)
    department = pair.first.department
    expected = {p for p in (pair, elsewhere) if department in (p.first.department, p.second.department)}
    paid = _export(url, "--format", "csv", "--department", department)
    assert _pairs(list(csv.reader(io.StringIO(paid.stdout)))[1:]) == _ids(*expected)
    outside = next(d for d in ("tax", "market", "public_security")
                   if d not in {g.department for p in (pair, elsewhere) for g in (p.first, p.second)})
    none = _export(url, "--format", "csv", "--department", outside)
    assert none.returncode == 0 and list(csv.reader(io.StringIO(none.stdout)))[1:] == []
    assert "0 confirmed duplicate pairs" in none.stderr


def test_xlsx_holds_the_same_rows_as_the_csv(district, tmp_path):
    url, _, _ = district
    book_path, csv_path = tmp_path / "dup.xlsx", tmp_path / "dup.csv"
    done = _export(url, "--format", "xlsx", "--output", str(book_path))
    assert done.returncode == 0, done.stderr
    assert "2 confirmed duplicate pairs" in done.stdout
    assert _export(url, "--format", "csv", "--output", str(csv_path)).returncode == 0
    from_csv = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    sheet = load_workbook(book_path).worksheets[0]
    from_xlsx = [["" if v is None else v.date().isoformat() if hasattr(v, "date") else v for v in row]
                 for row in sheet.iter_rows(values_only=True)]
    assert [_plain(r) for r in from_xlsx] == [_plain(r) for r in from_csv] and len(from_xlsx) == 3
    assert isinstance(sheet.cell(2, COL["a_version"] + 1).value, int)  # numbers stay numbers


def _plain(row: list) -> list:
    """A row's cells as text, numbers as numbers (the csv has 6192.0 where the sheet has 6192)."""
    def cell(v):
        if isinstance(v, int | float):
            return float(v)
        try:
            return float(v)
        except ValueError:
            return v
    return [cell(v) for v in row]


@pytest.mark.parametrize(("options", "says"), [
    (("--format", "csv", "--department", "treasury"), "unknown department"),
    (("--format", "csv", "--street", "4401"), "9-digit street code"),
    (("--format", "xlsx",), "needs --output"),
])
def test_bad_options_are_refused_with_a_message(district, options, says, capsys):
    assert main(["hub", "duplicates", "--db", district[0], *options]) == 2
    assert says in capsys.readouterr().err


def test_a_review_of_a_grant_pair_the_user_may_not_file_is_refused_at_the_hub(district):
    """A migrant officer holds no civil-affairs line: the hub refuses their review."""
    _, engine, made = district
    officer = account("migrant_officer", scope=(DISTRICT,), username="migrant_officer")
    data = _review(made["confirmed"], "duplicate")
    (result,) = apply_ops(engine, officer, "pc-2", [create_op("duplicate_review", data, str(uuid.uuid4()),
                                                              action="append")])
    assert result.status == "rejected" and result.error.code in ("not_a_writer", "wrong_line_of_business")
