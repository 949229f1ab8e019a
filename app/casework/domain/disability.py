"""Disability categories and grades (GB/T 26341-2010)."""

from __future__ import annotations

CATEGORIES: dict[int, tuple[str, str]] = {
    1: ("视力", "visual"),
    2: ("听力", "hearing"),
    3: ("言语", "speech"),
    4: ("肢体", "physical"),
    5: ("智力", "intellectual"),
    6: ("精神", "mental"),
    7: ("多重", "multiple"),
}

GRADES: dict[int, str] = {1: "一级", 2: "二级", 3: "三级", 4: "四级"}


def category_label(category: int) -> str:
    return CATEGORIES[category][0] + "残疾"


def grade_label(grade: int) -> str:
    return GRADES[grade]


def is_severe(category: int, grade: int) -> bool:
    """Eligible in principle for the nursing subsidy (重度残疾人护理补贴): grades 一级 and 二级,
    and in this city also 三级 intellectual and mental."""
    return grade <= 2 or (grade == 3 and category in (5, 6))
