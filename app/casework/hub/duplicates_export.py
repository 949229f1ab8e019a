"""``casework hub duplicates``: the confirmed duplicate grants, for the paying departments to act on
(issue 12).

A pair is *confirmed* when the latest ``duplicate_review`` of it says ``duplicate`` and names
both grants at the versions they have now, and the two grants still make a possible duplicate by
the domain's rule (``casework.domain.duplicates``): a grant changed since the review, or a later
"not a duplicate", takes the pair off. "Latest" is by the hub's ``created_at`` — the order the
client's lists use (``casework.cache.list_support.appended``), so the export and a device that
synced agree on which decision is in force — then by feed seq (reviews pushed in one batch share
their ``created_at``; the client's lists break that tie by id instead, so two decisions on one
pair pushed together may be read in either order there: a known gap).

Only households with a review are read: reviews are few, grants a district holds are millions.
The hub reads everything (no masking: this is the administrator's tool, on the hub's own
database), so both grants are shown whole, side by side, with the beneficiary's name and
identity number, which the department needs to find the person in its own list. Each export is
written to the hub's audit trail (``export_made``), with its filters and how many pairs it held.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import getpass
import io
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, text

from casework.domain.benefits import CATEGORIES, PROGRAMMES
from casework.domain.departments import Department
from casework.domain.duplicates import (
    DuplicatePair,
    Grant,
    PairKey,
    ReviewDecision,
    Verdict,
    confirmed_duplicates,
    find_duplicates,
)

log = logging.getLogger(__name__)

REVIEW_KIND = "duplicate_review"
_CHUNK = 500


@dataclass(frozen=True)
class Review:
    """One stored review: the decision and who made it, when, why."""

    id: str
    decision: ReviewDecision
    household_id: str
    reviewer: str | None
    on: str | None
    created_at: str | None


@dataclass(frozen=True)
class Confirmed:
    """One confirmed pair as the export shows it."""

    pair: DuplicatePair
    review: Review
    street: str
    community: str
    address: str | None
    people: dict[str, tuple[str | None, str | None]]  # person id → (name, identity number)


# --- reading ----------------------------------------------------------------------------------

def _review(rid: str, data: dict[str, Any]) -> Review:
    key = PairKey(str(data["first_id"]), int(data["first_version"]),
                  str(data["second_id"]), int(data["second_version"]))
    if key.first_id > key.second_id:  # a PairKey names the smaller id first
        key = PairKey(key.second_id, key.second_version, key.first_id, key.first_version)
    decision = ReviewDecision(key, Verdict(data["verdict"]), str(data.get("reason") or ""))
    return Review(rid, decision, str(data["household_id"]), data.get("created_by"), data.get("on"),
                  data.get("created_at"))


def reviews(conn: Connection) -> list[Review]:
    """Every review the hub holds, in the order made (the last one for a pair counts). A record
    that cannot be read is logged and left out."""
    found = []
    rows = conn.execute(text("SELECT id, seq, data FROM record WHERE kind = :kind AND deleted = :no"),
                        {"kind": REVIEW_KIND, "no": False})
    for rid, seq, raw in rows:
        data = orjson.loads(raw)
        try:
            # Two reviews pushed in one batch share created_at; the feed seq keeps their order.
            found.append(((str(data.get("created_at") or ""), int(seq), rid), _review(rid, data)))
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("duplicate_review %s not understood (%s); left out", rid, exc)
    found.sort(key=lambda t: t[0])
    return [r for _, r in found]


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


def _records(conn: Connection, sql: str, ids: Iterable[str]) -> list[Any]:
    """Rows of ``sql`` (with an expanding ``:ids``) for every id, in chunks."""
    from sqlalchemy import bindparam

    query = text(sql).bindparams(bindparam("ids", expanding=True))
    rows: list[Any] = []
    for chunk in _chunks(sorted(set(ids))):
        rows.extend(conn.execute(query, {"ids": chunk, "no": False}).all())
    return rows


def confirmed(conn: Connection, *, department: str | None = None,
              street: str | None = None) -> list[Confirmed]:
    """The confirmed duplicate pairs, by street, household and overlap; those with a grant paid
    by ``department``, of households in ``street`` (None: all)."""
    made = reviews(conn)
    latest = {r.decision.key: r for r in made}
    wanted = {r.household_id for r in latest.values() if r.decision.verdict is Verdict.DUPLICATE}
    homes = {rid: (row_street, area, orjson.loads(raw)) for rid, row_street, area, raw in _records(
        conn, "SELECT id, street, area, data FROM record WHERE id IN :ids AND kind = 'household' "
              "AND deleted = :no", wanted)}
    if street is not None:
        homes = {rid: home for rid, home in homes.items() if home[0] == street}
    grants = [Grant.from_data(rid, int(version), orjson.loads(raw)) for rid, version, raw in _records(
        conn, "SELECT id, version, data FROM record WHERE household_id IN :ids AND kind = 'benefit_grant' "
              "AND deleted = :no", homes)]
    pairs = confirmed_duplicates(find_duplicates(grants).pairs, (r.decision for r in made))
    if department is not None:
        pairs = [(p, d) for p, d in pairs if department in (p.first.department, p.second.department)]
    person_ids = {g.beneficiary_person_id for p, _ in pairs for g in (p.first, p.second)
                  if g.beneficiary_person_id}
    people = {}
    for rid, raw in _records(conn, "SELECT id, data FROM record WHERE id IN :ids AND kind = 'person' "
                                   "AND deleted = :no", person_ids):
        data = orjson.loads(raw)
        people[rid] = (data.get("name"), data.get("id_number"))
    found = []
    for pair, decision in pairs:
        row_street, area, home = homes[pair.first.household_id]
        address = (home.get("address") or {}).get("text")
        found.append(Confirmed(pair, latest[decision.key], row_street, area, address, people))
    found.sort(key=lambda c: (c.street, c.pair.first.household_id, c.pair.overlap, c.pair.first.id))
    return found


# --- the table --------------------------------------------------------------------------------

_SIDE = (
    ("grant_id", "发放记录", "grant id"),
    ("version", "版本", "version"),
    ("beneficiary", "受益人", "beneficiary"),
    ("beneficiary_id_number", "身份证号", "identity number"),
    ("programme", "项目", "programme"),
    ("department", "发放部门", "paying department"),
    ("category", "类别", "category"),
    ("item", "物品", "item"),
    ("quantity", "数量", "quantity"),
    ("period_start", "起始日期", "period start"),
    ("period_end", "截止日期", "period end"),
    ("amount", "金额（元）", "amount (yuan)"),
)
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("street", "街道", "street"),
    ("community", "社区", "community"),
    ("household_id", "户编号", "household id"),
    ("address", "地址", "address"),
    *((f"a_{key}", f"A {zh}", f"A {en}") for key, zh, en in _SIDE),
    *((f"b_{key}", f"B {zh}", f"B {en}") for key, zh, en in _SIDE),
    ("overlap_start", "重叠起", "overlap from"),
    ("overlap_end", "重叠止", "overlap to"),
    ("verdict", "核查结论", "verdict"),
    ("reviewer", "核查人", "reviewer"),
    ("reviewed_on", "核查日期", "reviewed on"),
    ("recorded_at", "记录时间", "recorded at"),
    ("reason", "原因或说明", "reason or note"),
    ("review_id", "核查记录", "review id"),
)
HEADER = tuple(f"{zh} {en}" for _, zh, en in COLUMNS)


def _side(g: Grant, people: dict[str, tuple[str | None, str | None]]) -> dict[str, Any]:
    programme = PROGRAMMES.get(g.programme or "")
    name, id_number = people.get(g.beneficiary_person_id or "", (None, None))
    department = Department(g.department) if g.department in Department._value2member_map_ else None
    return {
        "grant_id": g.id, "version": g.version,
        "beneficiary": name if g.beneficiary_person_id else "全户 whole household",
        "beneficiary_id_number": id_number,
        "programme": f"{programme.name} ({g.programme})" if programme else g.programme,
        "department": (f"{department.label_zh} {department.label_en} ({department.value})" if department
                       else g.department),
        "category": f"{CATEGORIES.get(g.category or '', '')} {g.category}".strip(),
        "item": g.item, "quantity": g.quantity,
        "period_start": g.period_start, "period_end": g.period_end, "amount": g.amount,
    }


def row(c: Confirmed) -> list[Any]:
    """One confirmed pair as a row of ``COLUMNS`` (dates as dates, amounts as numbers)."""
    values: dict[str, Any] = {"street": c.street, "community": c.community,
                              "household_id": c.pair.first.household_id, "address": c.address}
    for prefix, grant in (("a_", c.pair.first), ("b_", c.pair.second)):
        values.update({prefix + k: v for k, v in _side(grant, c.people).items()})
    start, end = c.pair.overlap
    verdict = c.review.decision.verdict
    values.update({"overlap_start": start, "overlap_end": end,
                   "verdict": f"{verdict.label_zh} {verdict.label_en}", "reviewer": c.review.reviewer,
                   "reviewed_on": dt.date.fromisoformat(c.review.on) if c.review.on else None,
                   "recorded_at": c.review.created_at, "reason": c.review.decision.reason or None,
                   "review_id": c.review.id})
    return [values[key] for key, _, _ in COLUMNS]


def write_csv(found: Sequence[Confirmed], out: io.TextIOBase) -> None:
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for c in found:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row(c)])


def write_xlsx(found: Sequence[Confirmed], path: str, filters: dict[str, str | None]) -> None:
    """A workbook: the pairs (one row each, a header, frozen), and a sheet saying what it holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "确认重复 Confirmed"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for c in found:
        sheet.append(row(c))
    for column, (key, _, _) in enumerate(COLUMNS, start=1):
        if key.endswith(("period_start", "period_end", "overlap_start", "overlap_end", "reviewed_on")):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "E2"
    about = book.create_sheet("说明 About")
    about.append(["导出 Exported at", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
    about.append(["发放部门 Department", filters.get("department") or "全部 all"])
    about.append(["街道 Street", filters.get("street") or "全部 all"])
    about.append(["确认重复 Confirmed pairs", len(found)])
    book.save(path)


def count_line(found: Sequence[Confirmed]) -> str:
    households = len({c.pair.first.household_id for c in found})
    return (f"确认重复 {len(found)} 对，涉及 {households} 户  "
            f"{len(found)} confirmed duplicate pairs in {households} households")


def record_export(conn: Connection, filters: dict[str, str | None], count: int, output: str | None) -> None:
    """The export in the hub's audit trail: who (the operating-system user at the hub), what."""
    from casework.hub.auth import audit

    detail = orjson.dumps({"export": "duplicates", **filters, "pairs": count, "output": output}).decode()
    audit(conn, f"hub:{getpass.getuser()}", "export_made", subject="duplicates", detail=detail)


def check_filters(department: str | None, street: str | None) -> None:
    """A department value and a 9-digit street code, or a ValueError saying what is allowed."""
    if department is not None and department not in Department._value2member_map_:
        allowed = ", ".join(f"{d.value} {d.label_zh}" for d in Department)
        raise ValueError(f"未知的部门 unknown department {department!r}; one of: {allowed}")
    if street is not None and not (street.isascii() and street.isdigit() and len(street) == 9):
        raise ValueError(f"--street 需要 9 位街道代码 --street takes a 9-digit street code: {street!r}")


def export(url: str, *, fmt: str, department: str | None, street: str | None, output: str | None,
           stdout: io.TextIOBase, stderr: io.TextIOBase) -> int:
    """Run the export against the hub database at ``url``; an exit code."""
    from casework.hub import db

    check_filters(department, street)
    if fmt == "xlsx" and not output:
        raise ValueError("xlsx 须指定输出文件 --format xlsx needs --output FILE")
    db.upgrade(url)
    engine = db.make_engine(url)
    filters = {"department": department, "street": street, "format": fmt}
    try:
        with engine.begin() as conn:
            found = confirmed(conn, department=department, street=street)
            if fmt == "xlsx":
                assert output is not None
                write_xlsx(found, output, filters)
            elif output:
                # with a BOM: Excel then reads the file as UTF-8
                with open(output, "w", encoding="utf-8-sig", newline="") as out:
                    write_csv(found, out)
            else:
                write_csv(found, stdout)
            record_export(conn, filters, len(found), output)
    finally:
        engine.dispose()
    print(count_line(found), file=stdout if output else stderr)
    return 0


# --- the command ------------------------------------------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="hub database: SQLAlchemy URL or SQLite file (default: under the casework home)")
    parser.add_argument("--department", metavar="D",
                        help="only pairs with a grant paid by this department: "
                             + ", ".join(f"{d.value} {d.label_zh}" for d in Department))
    parser.add_argument("--street", metavar="S", help="only households of this street (9-digit code)")
    parser.add_argument("--format", dest="fmt", required=True, choices=("csv", "xlsx"),
                        help="csv (UTF-8; to standard output without --output) or xlsx (needs --output)")
    parser.add_argument("--output", metavar="FILE", help="write here instead of standard output")


def run(args: argparse.Namespace) -> int:
    """``casework hub duplicates``; a ValueError (shown by ``casework.hub.cli``) for bad filters."""
    import sys

    from casework.hub.cli import default_db_url

    return export(args.db or default_db_url(), fmt=args.fmt, department=args.department, street=args.street,
                  output=args.output, stdout=sys.stdout, stderr=sys.stderr)
