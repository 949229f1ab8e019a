"""Benefit programmes, their paying departments and benefit categories."""

from __future__ import annotations

from dataclasses import dataclass

from casework.domain.departments import Department

CATEGORIES = {"cash": "现金", "in_kind": "实物", "service": "服务"}


@dataclass(frozen=True)
class Programme:
    code: str
    name: str
    department: Department
    category: str  # a key of CATEGORIES
    item: str | None = None  # the in-kind item, if any


PROGRAMMES: dict[str, Programme] = {
    p.code: p
    for p in (
        Programme("minimum_living", "最低生活保障金", Department.CIVIL_AFFAIRS, "cash"),
        Programme("low_income", "低收入家庭救助金", Department.CIVIL_AFFAIRS, "cash"),
        Programme("destitute_support", "特困人员供养金", Department.CIVIL_AFFAIRS, "cash"),
        Programme("temporary_assistance", "临时救助", Department.CIVIL_AFFAIRS, "cash"),
        Programme("old_age_allowance", "高龄津贴", Department.CIVIL_AFFAIRS, "cash"),
        Programme("disability_living", "困难残疾人生活补贴", Department.DISABILITY, "cash"),
        Programme("disability_nursing", "重度残疾人护理补贴", Department.DISABILITY, "cash"),
        Programme("medical_assistance", "医疗救助", Department.MEDICAL_INSURANCE, "cash"),
        Programme("winter_relief_ca", "冬季送温暖（民政）", Department.CIVIL_AFFAIRS, "in_kind", "棉被"),
        Programme("winter_relief_dis", "冬季送温暖（残联）", Department.DISABILITY, "in_kind", "棉被"),
        Programme("winter_relief_hrss", "困难职工慰问", Department.HRSS, "in_kind", "棉被"),
        Programme("festival_condolence", "节日慰问金", Department.CIVIL_AFFAIRS, "cash"),
        Programme("rehabilitation_service", "康复服务", Department.DISABILITY, "service"),
    )
}
