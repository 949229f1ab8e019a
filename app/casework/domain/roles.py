"""User roles and the lines of business (departments) each may see."""

from __future__ import annotations

from enum import StrEnum

from casework.domain.departments import Department

D = Department


class Role(StrEnum):
    SOCIAL_WORKER = "social_worker"
    DISABILITY_OFFICER = "disability_officer"
    MIGRANT_OFFICER = "migrant_officer"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"

    @property
    def departments(self) -> frozenset[Department]:
        """The lines of business whose records this role may hold."""
        return _DEPARTMENTS[self]

    @property
    def label_zh(self) -> str:
        return _LABELS_ZH[self]

    @property
    def label_en(self) -> str:
        return _LABELS_EN[self]


_DEPARTMENTS: dict[Role, frozenset[Department]] = {
    # A street social worker faces the whole family: every line of business (tax as status).
    Role.SOCIAL_WORKER: frozenset(Department),
    # A disability-federation officer: people, disability, and what supports them; no tax,
    # no migrant registration, no enterprises.
    Role.DISABILITY_OFFICER: frozenset(
        {D.PUBLIC_SECURITY, D.DISABILITY, D.HEALTH, D.CIVIL_AFFAIRS, D.HRSS,
         D.MEDICAL_INSURANCE, D.EDUCATION}
    ),
    # Migrant services: people, residence, rental housing, employers, schooling; no
    # civil-affairs benefits, no disability records, no tax.
    Role.MIGRANT_OFFICER: frozenset(
        {D.PUBLIC_SECURITY, D.MIGRANT, D.EDUCATION, D.HRSS, D.MEDICAL_INSURANCE,
         D.HEALTH, D.MARKET}
    ),
    Role.SUPERVISOR: frozenset(Department),
    # The hub administrator manages users and devices and holds no personal data.
    Role.ADMIN: frozenset(),
}

_LABELS_ZH = {
    Role.SOCIAL_WORKER: "街道社工",
    Role.DISABILITY_OFFICER: "残联专干",
    Role.MIGRANT_OFFICER: "来穗人员服务管理员",
    Role.SUPERVISOR: "区级主管",
    Role.ADMIN: "系统管理员",
}

_LABELS_EN = {
    Role.SOCIAL_WORKER: "Street social worker",
    Role.DISABILITY_OFFICER: "Disability-federation officer",
    Role.MIGRANT_OFFICER: "Migrant-services officer",
    Role.SUPERVISOR: "District supervisor",
    Role.ADMIN: "Hub administrator",
}
