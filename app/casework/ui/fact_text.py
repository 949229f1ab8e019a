"""One line of text for each fact, certificate and grant, as a caseworker reads it.

A value the user may see is shown with its status first ("就业 · 广州市某公司 · 起始日期
2019-01-01"); a withheld value shows only the status the hub sent instead of it. Record ids
inside values (an employer, a rental home) are not text: the fact becomes a link.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from casework.ui import labels
from casework.ui.formatting import mask_id_number

LINK_FIELDS = ("enterprise_id", "rental_housing_id")
NUMBER_FIELDS = ("number", "id_number")  # follow an identity number: masked like one
SEPARATOR = " · "


translate = QCoreApplication.translate  # lupdate reads translate("context", "literal")


def value_text(value: Any) -> str:
    if isinstance(value, bool):
        return labels.yes_no(value)
    if isinstance(value, dict):
        return str(value.get("text") or "")  # an Address
    if value is None:
        return ""
    return labels.value(str(value))  # a code in the data (职工医保) in the interface language


def fact_value_text(data: dict[str, Any]) -> str:
    """The text of a department fact: status, then each field of the value that has one."""
    parts: list[str] = []
    status = data.get("status")
    value = data.get("value")
    if status:
        parts.append(labels.value(str(status)))
    if isinstance(value, dict):
        for name, field_value in value.items():
            if name in LINK_FIELDS or field_value in (None, "") or field_value == status:
                continue
            text = mask_id_number(field_value) if name in NUMBER_FIELDS else value_text(field_value)
            if text:
                parts.append(f"{labels.field(name)} {text}")
    return SEPARATOR.join(parts) or translate("fact_text", "（无内容）")


def withheld_text(status: str | None) -> str:
    """What stands in for a withheld value: the status the hub shares instead, or a marker."""
    return labels.value(status) if status else translate("fact_text", "已隐去")


def certificate_text(data: dict[str, Any]) -> tuple[str, bool]:
    """(text, withheld) of a disability certificate."""
    withheld = "category" in data.get("withheld", ()) or data.get("category") is None
    if withheld:
        return withheld_text(data.get("status")), True
    parts = [labels.disability_category(data.get("category")), labels.disability_grade(data.get("grade"))]
    if data.get("number"):
        parts.append(translate("fact_text", "证号 %1").replace("%1", mask_id_number(data["number"])))
    if data.get("valid_until"):
        parts.append(translate("fact_text", "有效期至 %1").replace("%1", data["valid_until"]))
    return SEPARATOR.join(p for p in parts if p), False


def grant_text(data: dict[str, Any]) -> tuple[str, bool]:
    """(text, withheld) of a benefit grant: category, what was given, the period."""
    category = data.get("category", "")
    category_text = labels.code("benefit_grant", "category", category)
    period = f"{data.get('period_start', '')} – {data.get('period_end', '')}"
    withheld = bool({"amount", "item", "quantity"} & set(data.get("withheld", ())))
    if withheld:
        return SEPARATOR.join([category_text, translate("fact_text", "金额/物品已隐去"), period]), True
    if data.get("amount") is not None:
        given = translate("fact_text", "%1 元").replace("%1", f"{data['amount']:,.2f}")
    elif data.get("item"):
        given = f"{labels.value(data['item'])} × {data.get('quantity') or 1}"
    else:
        given = ""
    return SEPARATOR.join(p for p in (category_text, given, period) if p), False
