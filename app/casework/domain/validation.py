"""Checking what a user sends against the declaration of its kind, before anything is written.

The hub's write service runs these checks on every op it is sent (a client is never trusted),
and the client runs the same ones to put errors beside form fields before the user saves. Each
problem names its field and says what is wrong in Chinese and English, without echoing the
value (a mistyped field could hold anything).

What is checked, from ``casework.domain.registry``:
- every field is declared for the kind; fields the hub sets (``hub_set``: author, times,
  conflicts) are never taken from a client;
- required fields are present and not empty (for a whole record: ``create``/``append``);
- each value has its declared type: texts within their length and free of control characters,
  whole numbers, booleans, ISO dates (``YYYY-MM-DD``), date-times with an offset, lower-case
  UUID ids, lists within their item count and without repeats, code values the field
  declares, identity numbers valid per ``stdnum.cn.ric`` (check digit, birth date, region);
- an update changes only fields that may change after creation (``editable``) and settles
  (``resolves``) only fields it could change.

Pure: no SQL, no HTTP.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from stdnum.cn import ric
from stdnum.exceptions import ValidationError as StdnumError

from casework.domain.registry import FieldSpec, FieldType, KindSpec, UnknownKind, spec

T = FieldType

TEXT_LIMIT = 10_000  # characters of a text that declares no max_length
LIST_ITEM_LIMIT = 200  # items of a list that declares no max_length
TEXTS_ITEM_LENGTH = 64  # characters of one item of a TEXTS list (a tag)
USER_PATTERN = re.compile(r"^[\w.@-]{1,64}$")  # as casework.hub.users names users
INT_LIMIT = 2**53  # a whole number every JSON reader holds exactly
# control characters but tab, newline and return; lone surrogates (no text can hold them)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
ADDRESS_PARTS = {"text": 200, "district": 6, "street": 9, "community": 12,
                 "street_name": 64, "community_name": 64}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with what was sent: a machine code, the field (None for the whole op)
    and a message in Chinese and English."""

    code: str
    field: str | None
    zh: str
    en: str

    @property
    def message(self) -> str:
        return f"{self.zh} {self.en}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "field": self.field, "message": self.message}


def _label(declared: FieldSpec) -> tuple[str, str]:
    return f"「{declared.zh}」({declared.name})", f"'{declared.name}' ({declared.en})"


def _problem(code: str, declared: FieldSpec, zh: str, en: str) -> Problem:
    label_zh, label_en = _label(declared)
    return Problem(code, declared.name, f"{label_zh}{zh}", f"{label_en} {en}")


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _text_problem(declared: FieldSpec, value: Any, limit: int) -> Problem | None:
    if not isinstance(value, str):
        return _problem("wrong_type", declared, "须为文本。", "must be text.")
    if len(value) > limit:
        return _problem("too_long", declared, f"超过 {limit} 个字符。", f"is longer than {limit} characters.")
    if _CONTROL.search(value):
        return _problem("control_character", declared, "含有不可见的控制字符。",
                        "contains control characters.")
    return None


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _list_problem(declared: FieldSpec, value: Any) -> Problem | None:
    if not isinstance(value, list):
        return _problem("wrong_type", declared, "须为列表。", "must be a list.")
    limit = declared.max_length or LIST_ITEM_LIMIT
    if len(value) > limit:
        return _problem("too_many", declared, f"超过 {limit} 项。", f"has more than {limit} items.")
    hashable = [v for v in value if isinstance(v, str | int | float | bool)]
    if len(hashable) == len(value) and len(set(hashable)) != len(hashable):
        return _problem("duplicate_item", declared, "含有重复项。", "lists an item twice.")
    return None


def _item_problem(declared: FieldSpec, items: list[Any]) -> Problem | None:
    for item in items:
        if declared.type is T.IDS and not _is_uuid(item):
            return _problem("bad_id", declared, "须为小写 UUID 列表。", "must list lower-case UUIDs.")
        if declared.type is T.CODES and (not isinstance(item, str) or declared.code(item) is None):
            return _problem("bad_code", declared, "含有未定义的代码值。",
                            "lists a value it does not declare.")
        if declared.type is T.TEXTS:
            found = _text_problem(declared, item, TEXTS_ITEM_LENGTH)
            if found is not None:
                return found
            if not item.strip():
                return _problem("empty_item", declared, "含有空白项。", "lists an empty item.")
    return None


def _date_problem(declared: FieldSpec, value: Any) -> Problem | None:
    try:
        if isinstance(value, str) and len(value) == 10:
            dt.date.fromisoformat(value)
            return None
    except ValueError:
        pass
    return _problem("bad_date", declared, "须为有效日期（YYYY-MM-DD）。",
                    "must be a valid date (YYYY-MM-DD).")


def _datetime_problem(declared: FieldSpec, value: Any) -> Problem | None:
    try:
        if (isinstance(value, str) and 10 < len(value) <= 40 and value[10] == "T"
                and dt.datetime.fromisoformat(value).tzinfo is not None):
            return None
    except ValueError:
        pass
    return _problem("bad_datetime", declared, "须为带时区的 ISO 8601 时间。",
                    "must be an ISO 8601 date-time with an offset (e.g. 2026-12-02T09:30:00+08:00).")


def _id_number_problem(declared: FieldSpec, value: Any) -> Problem | None:
    if isinstance(value, str) and len(value) == 18:
        try:
            if ric.validate(value) == value:
                return None
        except StdnumError:
            pass
    return _problem("bad_id_number", declared, "不是有效的公民身份号码（校验位、出生日期或地区码有误）。",
                    "is not a valid resident identity number (check digit, birth date or region).")


def _address_problem(declared: FieldSpec, value: Any) -> Problem | None:
    bad = _problem("bad_address", declared, "须为包含区、街道、社区代码的地址。",
                   "must be an address with district, street and community codes.")
    if not isinstance(value, dict) or set(value) - set(ADDRESS_PARTS):
        return bad
    for name, limit in ADDRESS_PARTS.items():
        part = value.get(name)
        if not isinstance(part, str) or len(part) > limit or _CONTROL.search(part):
            return bad
    codes = (value["district"], value["street"], value["community"])
    if not all(c.isdigit() and c.isascii() and len(c) == n for c, n in zip(codes, (6, 9, 12), strict=True)):
        return bad
    if not (value["community"].startswith(value["street"]) and value["street"].startswith(value["district"])):
        return bad
    return None


def value_problem(declared: FieldSpec, value: Any) -> Problem | None:
    """What is wrong with one (non-empty) value of a field, or None."""
    kind = declared.type
    if kind is T.TEXT:
        return _text_problem(declared, value, declared.max_length or TEXT_LIMIT)
    if kind is T.INT:
        if isinstance(value, bool) or not isinstance(value, int) or abs(value) > INT_LIMIT:
            return _problem("wrong_type", declared, "须为整数。", "must be a whole number.")
        return None
    if kind is T.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
                or abs(value) > INT_LIMIT:
            return _problem("wrong_type", declared, "须为数字。", "must be a number.")
        return None
    if kind is T.BOOL:
        return None if isinstance(value, bool) else _problem("wrong_type", declared, "须为是或否。",
                                                             "must be true or false.")
    if kind is T.DATE:
        return _date_problem(declared, value)
    if kind is T.DATETIME:
        return _datetime_problem(declared, value)
    if kind is T.CODE:
        if not isinstance(value, str) or declared.code(value) is None:
            allowed = ", ".join(c.code for c in declared.codes)
            return _problem("bad_code", declared, f"须为以下之一：{allowed}。", f"must be one of: {allowed}.")
        return None
    if kind is T.ID:
        return None if _is_uuid(value) else _problem("bad_id", declared, "须为小写 UUID。",
                                                     "must be a lower-case UUID.")
    if kind in (T.IDS, T.CODES, T.TEXTS):
        return _list_problem(declared, value) or _item_problem(declared, value)
    if kind is T.ID_NUMBER:
        return _id_number_problem(declared, value)
    if kind is T.USER:
        if not isinstance(value, str) or not USER_PATTERN.match(value):
            return _problem("bad_user", declared, "须为有效的用户名。", "must be a user name.")
        return None
    if kind is T.ADDRESS:
        return _address_problem(declared, value)
    if kind is T.OBJECT:
        return None if isinstance(value, dict | list) else _problem(
            "wrong_type", declared, "须为对象。", "must be an object.")
    raise AssertionError(f"field type {kind} has no check")  # a new FieldType needs one here


def shown(name: str, limit: int = 64) -> str:
    """A name a client sent, safe to put in a message (shortened, no lone surrogates)."""
    return name[:limit].encode("utf-8", "replace").decode("utf-8")


def _unknown(kind: KindSpec, name: str) -> Problem:
    name = shown(name)
    return Problem("unknown_field", name, f"{kind.zh}没有字段 {name!r}。",
                   f"A {kind.en.lower()} has no field {name!r}.")


def _hub_set(declared: FieldSpec) -> Problem:
    return _problem("hub_set_field", declared, "由服务器填写，客户端不能提交。",
                    "is set by the hub and cannot be sent by a client.")


def _field_problems(kind: KindSpec, values: Mapping[str, Any], *, whole: bool) -> list[Problem]:
    problems: list[Problem] = []
    for name, value in values.items():
        declared = kind.field(name) if isinstance(name, str) else None
        if declared is None:
            problems.append(_unknown(kind, str(name)))
        elif declared.hub_set:
            problems.append(_hub_set(declared))
        elif _empty(value):
            if declared.required:
                problems.append(_problem("required", declared, "为必填项。", "is required."))
        else:
            found = value_problem(declared, value)
            if found is not None:
                problems.append(found)
    if whole:
        for declared in kind.fields:
            if declared.required and not declared.hub_set and declared.name not in values:
                problems.append(_problem("required", declared, "为必填项。", "is required."))
    return problems


def _kind_or_problem(kind: str) -> KindSpec | Problem:
    try:
        return spec(kind)
    except UnknownKind:
        return Problem("unknown_kind", None, f"未知的记录类型 {shown(kind, 32)!r}。",
                       f"Unknown record kind {shown(kind, 32)!r}.")


def validate_data(kind: str, data: Any) -> list[Problem]:
    """Problems of a whole record a client sends (``create`` or ``append``); [] when it is fine."""
    declared = _kind_or_problem(kind)
    if isinstance(declared, Problem):
        return [declared]
    if not isinstance(data, Mapping):
        return [Problem("missing_data", None, "缺少记录内容（data）。", "The op carries no record 'data'.")]
    problems = _field_problems(declared, data, whole=True)
    check = _CROSS_CHECKS.get(declared.name)
    if check is not None and not problems:
        problems.extend(check(data))
    return problems


def validate_changes(kind: str, changes: Any, resolves: Iterable[str] = (),
                     bases: Mapping[str, Any] | None = None) -> list[Problem]:
    """Problems of an update: ``changes`` maps each field to its new value (the ``to`` of the
    wire's ``{"from": …, "to": …}``); ``bases`` (the ``from`` values, optional) must be values
    the field can hold, as they are kept in a conflict; ``resolves`` names fields whose
    conflict the update settles."""
    declared = _kind_or_problem(kind)
    if isinstance(declared, Problem):
        return [declared]
    resolves = list(resolves)
    if not isinstance(changes, Mapping) or (not changes and not resolves):
        return [Problem("missing_changes", None, "更新没有任何修改（changes）。",
                        "The update changes no field.")]
    problems = _field_problems(declared, changes, whole=False)
    for name, base in (bases or {}).items():
        field = declared.field(name) if isinstance(name, str) else None
        if field is not None and not _empty(base) and not field.hub_set and value_problem(field, base):
            problems.append(_problem("bad_base", field, "的原值（from）不是该字段可有的值。",
                                     "has a 'from' value the field cannot hold."))
    for name in dict.fromkeys([*changes, *resolves]):
        field = declared.field(name) if isinstance(name, str) else None
        if field is None:
            if name not in changes:
                problems.append(_unknown(declared, str(name)))
        elif not field.editable and not field.hub_set:
            problems.append(_problem("not_editable", field, "创建后不能修改。",
                                     "cannot be changed once the record exists."))
        elif name not in changes and field.hub_set:
            problems.append(_hub_set(field))
    return problems


def _audit_event_checks(data: Mapping[str, Any]) -> list[Problem]:
    """An audit event names a real kind, and an opened household names the household."""
    problems: list[Problem] = []
    named = data.get("record_kind")
    if named is not None:
        try:
            spec(named)
        except UnknownKind:
            problems.append(Problem("unknown_kind", "record_kind", f"未知的记录类型 {shown(named, 32)!r}。",
                                    f"'record_kind' names no record kind ({shown(named, 32)!r})."))
    if data.get("action") == "household_opened" and not data.get("household_id"):
        problems.append(Problem("required", "household_id", "查看户信息须注明户（household_id）。",
                                "A household_opened event must name its household_id."))
    if data.get("action") == "record_changed" and not (data.get("record_id") and named):
        problems.append(Problem("required", "record_id", "修改记录须注明记录及类型。",
                                "A record_changed event must name record_id and record_kind."))
    return problems


def _duplicate_review_checks(data: Mapping[str, Any]) -> list[Problem]:
    """A review names two different grants at real versions, and "not a duplicate" says why:
    the paying departments act on a confirmed pair, and a dismissal nobody can explain later is
    no review (issue 12)."""
    problems: list[Problem] = []
    if data.get("first_id") == data.get("second_id"):
        problems.append(Problem("same_grant", "second_id", "核查须针对两笔不同的发放。",
                                "A review must name two different grants."))
    for name in ("first_version", "second_version"):
        if data.get(name, 1) < 1:
            problems.append(Problem("bad_version", name, f"「{name}」须为正整数。",
                                    f"'{name}' must be 1 or more."))
    if data.get("verdict") == "not_duplicate" and not str(data.get("reason") or "").strip():
        problems.append(Problem("required", "reason", "判定“非重复”须填写原因。",
                                "A 'not a duplicate' verdict needs a reason."))
    return problems


_CROSS_CHECKS = {"audit_event": _audit_event_checks, "duplicate_review": _duplicate_review_checks}
