"""Screen labels for the codes in the data (relations, sex, flags, statuses, fact fields, levels).

The domain keeps codes; this module says how each is shown. Where a record-kind declaration
(``casework.domain.registry``) declares a code with its Chinese and English labels — relation,
sex, household type and flags, a firm's status, a grant's category — the label comes from
there; so do department, role, fact-type and disability labels. Codes the declarations do not
declare yet (fact statuses and value codes, programme names) keep their table here: Chinese is
the source text and English comes from the translation files (``QT_TRANSLATE_NOOP``).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from casework.domain import disability
from casework.domain.classification import Level
from casework.domain.departments import Department
from casework.domain.records import FACT_TYPES
from casework.domain.registry import code_label
from casework.domain.roles import Role
from casework.ui.i18n import current_language, pick

_CONTEXT = "labels"

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

# Values in the data that are codes in Chinese (a status, a scheme, a school grade): the record-
# kind declarations do not declare them yet (``department_fact.status`` and ``.value`` are free
# text there), so their English is kept here until they do. Free text (names, addresses,
# schools, employers) is shown as written.
VALUES = {
    text: text for text in (
        QT_TRANSLATE_NOOP("labels", "有效"), QT_TRANSLATE_NOOP("labels", "已过期"),
        QT_TRANSLATE_NOOP("labels", "已登记"), QT_TRANSLATE_NOOP("labels", "持证残疾人"),
        QT_TRANSLATE_NOOP("labels", "低保户"), QT_TRANSLATE_NOOP("labels", "低收入户"),
        QT_TRANSLATE_NOOP("labels", "特困人员"), QT_TRANSLATE_NOOP("labels", "完税"),
        QT_TRANSLATE_NOOP("labels", "欠税"), QT_TRANSLATE_NOOP("labels", "健康管理对象"),
        QT_TRANSLATE_NOOP("labels", "在读"), QT_TRANSLATE_NOOP("labels", "就业"),
        QT_TRANSLATE_NOOP("labels", "失业登记"), QT_TRANSLATE_NOOP("labels", "灵活就业"),
        QT_TRANSLATE_NOOP("labels", "个体经营"), QT_TRANSLATE_NOOP("labels", "在保"),
        QT_TRANSLATE_NOOP("labels", "领取养老金"), QT_TRANSLATE_NOOP("labels", "未参保"),
        QT_TRANSLATE_NOOP("labels", "职工医保"), QT_TRANSLATE_NOOP("labels", "城乡居民医保"),
        QT_TRANSLATE_NOOP("labels", "本市户籍"), QT_TRANSLATE_NOOP("labels", "外省户籍"),
        QT_TRANSLATE_NOOP("labels", "户籍入学"), QT_TRANSLATE_NOOP("labels", "积分入学"),
        QT_TRANSLATE_NOOP("labels", "严重精神障碍"), QT_TRANSLATE_NOOP("labels", "慢性病"),
        QT_TRANSLATE_NOOP("labels", "计划生育"), QT_TRANSLATE_NOOP("labels", "一年级"),
        QT_TRANSLATE_NOOP("labels", "二年级"), QT_TRANSLATE_NOOP("labels", "三年级"),
        QT_TRANSLATE_NOOP("labels", "四年级"), QT_TRANSLATE_NOOP("labels", "五年级"),
        QT_TRANSLATE_NOOP("labels", "六年级"), QT_TRANSLATE_NOOP("labels", "七年级"),
        QT_TRANSLATE_NOOP("labels", "八年级"), QT_TRANSLATE_NOOP("labels", "九年级"),
        QT_TRANSLATE_NOOP("labels", "汉族"), QT_TRANSLATE_NOOP("labels", "回族"),
        QT_TRANSLATE_NOOP("labels", "壮族"), QT_TRANSLATE_NOOP("labels", "满族"),
        QT_TRANSLATE_NOOP("labels", "苗族"), QT_TRANSLATE_NOOP("labels", "土家族"),
        QT_TRANSLATE_NOOP("labels", "布依族"), QT_TRANSLATE_NOOP("labels", "瑶族"),
        QT_TRANSLATE_NOOP("labels", "棉被"), QT_TRANSLATE_NOOP("labels", "康复训练"),
    )
}

# Benefit programmes by code (``casework.domain.benefits.PROGRAMMES`` names them in Chinese only).
PROGRAMMES = {
    "minimum_living": QT_TRANSLATE_NOOP("labels", "最低生活保障金"),
    "low_income": QT_TRANSLATE_NOOP("labels", "低收入家庭救助金"),
    "destitute_support": QT_TRANSLATE_NOOP("labels", "特困人员供养金"),
    "temporary_assistance": QT_TRANSLATE_NOOP("labels", "临时救助"),
    "old_age_allowance": QT_TRANSLATE_NOOP("labels", "高龄津贴"),
    "disability_living": QT_TRANSLATE_NOOP("labels", "困难残疾人生活补贴"),
    "disability_nursing": QT_TRANSLATE_NOOP("labels", "重度残疾人护理补贴"),
    "medical_assistance": QT_TRANSLATE_NOOP("labels", "医疗救助"),
    "winter_relief_ca": QT_TRANSLATE_NOOP("labels", "冬季送温暖（民政）"),
    "winter_relief_dis": QT_TRANSLATE_NOOP("labels", "冬季送温暖（残联）"),
    "winter_relief_hrss": QT_TRANSLATE_NOOP("labels", "困难职工慰问"),
    "festival_condolence": QT_TRANSLATE_NOOP("labels", "节日慰问金"),
    "rehabilitation_service": QT_TRANSLATE_NOOP("labels", "康复服务"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def _lookup(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    return _tr(table[code]) if code in table else code


def relation(value_code: str | None) -> str:
    return code("person", "relation", value_code)


def sex(value_code: str | None) -> str:
    return code("person", "sex", value_code)


def household_type(value_code: str | None) -> str:
    return code("household", "household_type", value_code)


def flag(value_code: str) -> str:
    return code("household", "flags", value_code)


def field(name: str) -> str:
    return _lookup(FIELDS, name)


def level(code: str | Level) -> str:
    parsed = code if isinstance(code, Level) else Level.parse(code)
    return _tr(LEVEL_NAMES[parsed])


def value(text: str | None) -> str:
    """A value from the data in the interface language when it is a known code (有效, 职工医保);
    free text as it is."""
    if not text:
        return ""
    return _tr(VALUES[text]) if text in VALUES else text


def programme(code: str | None, name: str | None = None) -> str:
    """A benefit programme's name; the data's own name for a programme not known here."""
    return _tr(PROGRAMMES[code]) if code in PROGRAMMES else (name or code or "")


def code(kind: str, field_name: str, value_code: str | None) -> str:
    """A code value by the record-kind declaration's labels (zh and en), where it declares it."""
    if value_code is None:
        return ""
    return code_label(kind, field_name, value_code, current_language())


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
