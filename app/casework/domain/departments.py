"""The departments that feed the household view. A department is also a line of business:
every record belongs to exactly one, and a role sees the records of its departments only."""

from __future__ import annotations

from enum import StrEnum


class Department(StrEnum):
    PUBLIC_SECURITY = "public_security"
    CIVIL_AFFAIRS = "civil_affairs"
    HRSS = "hrss"
    MEDICAL_INSURANCE = "medical_insurance"
    HEALTH = "health"
    DISABILITY = "disability"
    EDUCATION = "education"
    MIGRANT = "migrant"
    MARKET = "market"
    TAX = "tax"

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @property
    def label_en(self) -> str:
        return _LABELS_EN[self]


_LABELS_ZH = {
    Department.PUBLIC_SECURITY: "公安局",
    Department.CIVIL_AFFAIRS: "民政局",
    Department.HRSS: "人社局",
    Department.MEDICAL_INSURANCE: "医保局",
    Department.HEALTH: "卫健委",
    Department.DISABILITY: "残联",
    Department.EDUCATION: "教育局",
    Department.MIGRANT: "来穗人员服务管理局",
    Department.MARKET: "市场监管局",
    Department.TAX: "税务局",
}

_LABELS_EN = {
    Department.PUBLIC_SECURITY: "Public security",
    Department.CIVIL_AFFAIRS: "Civil affairs",
    Department.HRSS: "Human resources & social security",
    Department.MEDICAL_INSURANCE: "Medical insurance",
    Department.HEALTH: "Health",
    Department.DISABILITY: "Disability federation",
    Department.EDUCATION: "Education",
    Department.MIGRANT: "Migrant services",
    Department.MARKET: "Market regulation",
    Department.TAX: "Tax",
}
