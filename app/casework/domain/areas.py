"""Administrative areas: district (6 digits) → street office (9 digits) → community (12 digits).

Codes nest by prefix, so a scope is a set of prefixes and "is this record in scope" is a
prefix test. Street codes here number the street offices in the order the city lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

CITY_NAME = "广州市"


@dataclass(frozen=True)
class Street:
    code: str  # 9 digits
    name: str

    @property
    def district_code(self) -> str:
        return self.code[:6]


@dataclass(frozen=True)
class District:
    code: str  # 6 digits
    name: str
    streets: tuple[Street, ...]


def _district(code: str, name: str, street_names: str) -> District:
    names = street_names.split()
    return District(
        code, name, tuple(Street(f"{code}{i:03d}", n) for i, n in enumerate(names, start=1))
    )


DISTRICTS: dict[str, District] = {
    d.code: d
    for d in (
        _district(
            "440104", "越秀区",
            "北京街 人民街 光塔街 六榕街 流花街 东山街 农林街 梅花村街 黄花岗街 华乐街 建设街 "
            "大塘街 珠光街 大东街 白云街 登峰街 矿泉街 洪桥街",
        ),
        _district(
            "440112", "黄埔区",
            "黄埔街 红山街 鱼珠街 大沙街 文冲街 穗东街 南岗街 长洲街 夏港街 萝岗街 联和街 "
            "永和街 东区街 云埔街 长岭街 九佛街 龙湖街",
        ),
    )
}

# Other districts of the city, by code, for addresses of first registration and origins.
OTHER_DISTRICT_NAMES = {
    "440103": "荔湾区", "440105": "海珠区", "440106": "天河区", "440111": "白云区",
    "440113": "番禺区", "440114": "花都区", "440115": "南沙区", "440117": "从化区",
    "440118": "增城区",
}


def district(code: str) -> District:
    try:
        return DISTRICTS[code]
    except KeyError:
        known = ", ".join(f"{d.code} {d.name}" for d in DISTRICTS.values())
        raise ValueError(f"unknown district code {code!r}; known: {known}") from None


def street(code: str) -> Street:
    for d in DISTRICTS.values():
        for s in d.streets:
            if s.code == code:
                return s
    raise ValueError(f"unknown street code {code!r}")


def street_name(code: str) -> str:
    """The street office's name for a street or community code, or the code where unknown."""
    try:
        return street(code[:9]).name
    except ValueError:
        return code


def is_area_code(code: str) -> bool:
    return code.isdigit() and len(code) in (6, 9, 12)


def in_scope(area: str, prefixes: tuple[str, ...] | list[str]) -> bool:
    """Whether an area code lies within any of the scope prefixes."""
    return any(area.startswith(p) for p in prefixes)
