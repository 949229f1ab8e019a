"""Rental housing (出租屋) and enterprises (法人) of the demo district: the "屋" and "企" of
the person–housing–enterprise linkage by which migrant data are kept accurate."""

from __future__ import annotations

import datetime as dt
import random

from casework.demo.addresses import Community, StreetGeography, random_address

_BRANDS = (
    "鸿运", "金利", "永盛", "华丰", "粤港", "穗华", "荣记", "祥和", "福满", "兴隆", "大昌", "新宇", "恒信",
    "宏达", "嘉禾", "锦绣", "百顺", "利民", "德隆", "信诚", "佳美", "南粤", "东方", "岭南", "羊城", "五羊",
    "广信", "中汇", "瑞丰", "启航", "明珠", "海燕", "万家", "和记", "同益", "集美", "顺景", "盈科", "康乐",
    "美心",
)

# (industry, words that end an enterprise name in that industry)
_INDUSTRIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("餐饮业", ("餐饮管理", "饮食", "酒家")),
    ("批发和零售业", ("贸易", "商贸", "百货")),
    ("住宿业", ("酒店", "宾馆")),
    ("居民服务业", ("家政服务", "美容美发", "洗涤服务")),
    ("交通运输业", ("物流", "快递服务", "运输")),
    ("建筑业", ("装饰工程", "建筑工程")),
    ("信息技术服务业", ("信息科技", "网络科技", "软件")),
    ("制造业", ("服装", "印刷", "五金制品")),
    ("租赁和商务服务业", ("物业管理", "商务咨询", "人力资源")),
)


def enterprise_data(rng: random.Random, geo: StreetGeography, uscc: str, reference: dt.date) -> dict:
    """The data of one enterprise (casework.domain.records.EnterpriseData)."""
    industry, words = rng.choice(_INDUSTRIES)
    community = rng.choice(geo.communities)
    address = random_address(rng, geo, community, with_room=rng.random() < 0.6)
    roll = rng.random()
    status = "存续" if roll < 0.92 else "注销" if roll < 0.97 else "吊销"
    registered = reference - dt.timedelta(days=rng.randint(30, 30 * 365))
    return {
        "name": f"广州市{rng.choice(_BRANDS)}{rng.choice(words)}有限公司",
        "uscc": uscc,
        "address": address,
        "status": status,
        "industry": industry,
        "registered_on": registered.isoformat(),
    }


def rental_data(rng: random.Random, geo: StreetGeography, community: Community, landlord: dict,
                reference: dt.date) -> dict:
    """The data of one rental housing unit (casework.domain.records.RentalHousingData); the
    address names the building, tenants' household addresses add the room."""
    address = random_address(rng, geo, community, with_room=False)
    registered = reference - dt.timedelta(days=rng.randint(60, 12 * 365))
    return {
        "address": address,
        "landlord": landlord,
        "registered_on": registered.isoformat(),
        "rooms": rng.randint(1, 6),
    }
