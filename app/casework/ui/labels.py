"""Screen labels for the codes in the data (relations, sex, flags, fact fields, levels).

The domain keeps codes; this module says how each is shown. Chinese is the source text and
English comes from the translation files (``QT_TRANSLATE_NOOP`` marks them for lupdate).
Department, fact-type and disability labels come from the domain, which has both languages.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casework.domain import disability
from casework.domain.classification import Level
from casework.domain.departments import Department
from casework.domain.records import FACT_TYPES
from casework.domain.roles import Role
from casework.ui.i18n import pick

_CONTEXT = "labels"

RELATIONS = {
    "head": QT_TRANSLATE_NOOP("labels", "户主"),
    "spouse": QT_TRANSLATE_NOOP("labels", "配偶"),
    "child": QT_TRANSLATE_NOOP("labels", "子女"),
    "parent": QT_TRANSLATE_NOOP("labels", "父母"),
    "grandchild": QT_TRANSLATE_NOOP("labels", "孙子女"),
    "grandparent": QT_TRANSLATE_NOOP("labels", "祖父母"),
    "sibling": QT_TRANSLATE_NOOP("labels", "兄弟姐妹"),
    "child_in_law": QT_TRANSLATE_NOOP("labels", "儿媳/女婿"),
    "other": QT_TRANSLATE_NOOP("labels", "其他"),
}

SEXES = {"M": QT_TRANSLATE_NOOP("labels", "男"), "F": QT_TRANSLATE_NOOP("labels", "女")}

HOUSEHOLD_TYPES = {
    "local": QT_TRANSLATE_NOOP("labels", "本地户籍"),
    "migrant": QT_TRANSLATE_NOOP("labels", "来穗人员"),
}

FLAGS = {
    "minimum_living": QT_TRANSLATE_NOOP("labels", "低保"),
    "low_income": QT_TRANSLATE_NOOP("labels", "低收入"),
    "destitute_support": QT_TRANSLATE_NOOP("labels", "特困"),
    "disabled_member": QT_TRANSLATE_NOOP("labels", "有残疾成员"),
    "migrant": QT_TRANSLATE_NOOP("labels", "来穗"),
    "elderly_alone": QT_TRANSLATE_NOOP("labels", "独居老人"),
    "school_age_child": QT_TRANSLATE_NOOP("labels", "有学龄儿童"),
}

# Keys of fact values (casework.domain.records.FACT_VALUE_FIELDS) and of other records' data.
FIELDS = {
    "registration": QT_TRANSLATE_NOOP("labels", "户籍类别"),
    "address": QT_TRANSLATE_NOOP("labels", "地址"),
    "pension": QT_TRANSLATE_NOOP("labels", "养老保险"),
    "since": QT_TRANSLATE_NOOP("labels", "起始日期"),
    "status": QT_TRANSLATE_NOOP("labels", "状态"),
    "enterprise_id": QT_TRANSLATE_NOOP("labels", "单位"),
    "enterprise_name": QT_TRANSLATE_NOOP("labels", "工作单位"),
    "scheme": QT_TRANSLATE_NOOP("labels", "参保类型"),
    "medical_assistance": QT_TRANSLATE_NOOP("labels", "医疗救助"),
    "programme": QT_TRANSLATE_NOOP("labels", "救助项目"),
    "monthly_income": QT_TRANSLATE_NOOP("labels", "人均月收入"),
    "condition": QT_TRANSLATE_NOOP("labels", "管理类别"),
    "managed_since": QT_TRANSLATE_NOOP("labels", "纳管日期"),
    "last_medication": QT_TRANSLATE_NOOP("labels", "最近领药"),
    "doctor": QT_TRANSLATE_NOOP("labels", "责任医生"),
    "rental_housing_id": QT_TRANSLATE_NOOP("labels", "出租屋"),
    "registered_on": QT_TRANSLATE_NOOP("labels", "登记日期"),
    "origin": QT_TRANSLATE_NOOP("labels", "户籍地"),
    "number": QT_TRANSLATE_NOOP("labels", "证号"),
    "issued_on": QT_TRANSLATE_NOOP("labels", "发证日期"),
    "expires_on": QT_TRANSLATE_NOOP("labels", "有效期至"),
    "endorsed_on": QT_TRANSLATE_NOOP("labels", "签注日期"),
    "school": QT_TRANSLATE_NOOP("labels", "学校"),
    "grade": QT_TRANSLATE_NOOP("labels", "年级"),
    "enrolled_on": QT_TRANSLATE_NOOP("labels", "入学日期"),
    "admission": QT_TRANSLATE_NOOP("labels", "入学方式"),
    "amount_owed": QT_TRANSLATE_NOOP("labels", "欠税金额"),
    "category": QT_TRANSLATE_NOOP("labels", "类别"),
    "valid_until": QT_TRANSLATE_NOOP("labels", "有效期至"),
    "amount": QT_TRANSLATE_NOOP("labels", "金额"),
    "item": QT_TRANSLATE_NOOP("labels", "物品"),
    "quantity": QT_TRANSLATE_NOOP("labels", "数量"),
    "period": QT_TRANSLATE_NOOP("labels", "期间"),
    "value": QT_TRANSLATE_NOOP("labels", "内容"),
    "name": QT_TRANSLATE_NOOP("labels", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("labels", "身份证号"),
    "phone": QT_TRANSLATE_NOOP("labels", "电话"),
    "birth_date": QT_TRANSLATE_NOOP("labels", "出生日期"),
    "landlord": QT_TRANSLATE_NOOP("labels", "房东"),
}

LEVEL_NAMES = {
    Level.PUBLIC: QT_TRANSLATE_NOOP("labels", "公开"),
    Level.INTERNAL: QT_TRANSLATE_NOOP("labels", "内部"),
    Level.SECRET: QT_TRANSLATE_NOOP("labels", "秘密"),
    Level.CONFIDENTIAL: QT_TRANSLATE_NOOP("labels", "机密"),
}

YES_NO = {True: QT_TRANSLATE_NOOP("labels", "是"), False: QT_TRANSLATE_NOOP("labels", "否")}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _lookup(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    return _tr(table[code]) if code in table else code


def relation(code: str | None) -> str:
    return _lookup(RELATIONS, code)


def sex(code: str | None) -> str:
    return _lookup(SEXES, code)


def household_type(code: str | None) -> str:
    return _lookup(HOUSEHOLD_TYPES, code)


def flag(code: str) -> str:
    return _lookup(FLAGS, code)


def field(name: str) -> str:
    return _lookup(FIELDS, name)


def level(code: str | Level) -> str:
    parsed = code if isinstance(code, Level) else Level.parse(code)
    return _tr(LEVEL_NAMES[parsed])


def yes_no(value: bool) -> str:
    return _tr(YES_NO[bool(value)])


def department(code: str) -> str:
    try:
        dep = Department(code)
    except ValueError:
        return code
    return pick(dep.label_zh, dep.label_en)


def fact_type(code: str) -> str:
    entry = FACT_TYPES.get(code)
    return pick(entry[3], entry[4]) if entry else code


def role(code: str) -> str:
    try:
        parsed = Role(code)
    except ValueError:
        return code
    return pick(parsed.label_zh, parsed.label_en)


def disability_category(category: int | None) -> str:
    if category not in disability.CATEGORIES:
        return ""
    en = disability.CATEGORIES[category][1]
    return pick(disability.category_label(category), f"{en} disability")


def disability_grade(grade: int | None) -> str:
    if grade not in disability.GRADES:
        return ""
    return pick(disability.grade_label(grade), f"grade {grade}")
