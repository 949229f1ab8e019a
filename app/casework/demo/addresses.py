"""The demo district's geography: communities per street, their roads, and addresses.

Geography depends only on the district and street codes (not on the generation seed), so
every demo of 越秀区 has the same 北京街 with the same communities. Community codes are
the street code plus three digits (440104001 → 440104001001 …).

Also the places migrants come from (来穗人员的户籍地): counties of other provinces with
their administrative codes, used for identity numbers and registration addresses.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from casework.domain.areas import CITY_NAME, district

# Place words for community names (…社区); real names of old Guangzhou neighbourhoods.
_COMMUNITY_WORDS = """
惠福 大马站 盐运 广卫 仓边 都府 北京南 府学 文明 九曜 西湖 高第 榨粉 流水井 司后
华宁 德政 云台 越华 小北 登峰 麓湖 松柏 光塔 诗书 朝天 海珠 一德 大德 起义 六榕
盘福 解放 净慧 纸行 流花 西华 东风 大沙头 寺右 竹丝岗 东湖 梅东 执信 农林 育蕾
五羊 较场 广九 犀牛 华侨 旧部前 豪贤 越秀 应元 下塘 桂花岗 三元 淘金 建设 湖滨
中山 状元坊 大新 人民 米市 长塘 华乐 福今 龟岗 东华 水荫 恒福 八旗 芳草 永胜
铁局 木排头 天成 仁济 聚龙 清风 锦荣 百灵 北较场 龙津 象岗 白云 雅荷 荔湾 黄沙
鱼珠 红山 文冲 穗东 南岗 长洲 夏港 萝岗 联和 永和 云埔 长岭 九佛 龙湖 双岗 庙头
沙步 姬堂 横沙 笔岗 茅岗 石化 荔联 宏岗 凤凰 金碧 香雪 科城 开创 火村 水西 岭头
"""
_DIRECTIONS = ("东", "西", "南", "北", "新", "中")

# Roads by district (major roads first, then lanes generated from place words).
_ROADS = {
    "440104": """北京路 中山五路 中山四路 中山三路 解放北路 解放中路 人民北路 人民中路 东风中路
        东风东路 环市东路 越秀北路 越秀中路 惠福东路 大南路 文明路 诗书路 光塔路 六榕路 盘福路
        流花路 农林下路 梅东路 先烈中路 建设六马路 大沙头路 白云路 德政北路 豪贤路 登峰路
        麓湖路 下塘西路 应元路 东湖路 较场西路 广卫路 米市路 西湖路 教育路 仓边路 小北路
        华乐路 淘金路 寺右新马路 执信南路 龟岗大马路 竹丝岗路 东华东路 大德路 起义路 一德路
        长堤大马路 沿江中路 越华路 法政路 连新路 三元里大道""",
    "440112": """黄埔东路 大沙东路 石化路 丰乐北路 开创大道 科学大道 香雪大道 萝岗大道 护林路
        港湾路 鱼珠路 文冲大道 南岗路 夏园路 开泰大道 云埔路 长岭路 九龙大道 龙湖大道
        荔联街 怡港路 大沙地东 姬堂路 双沙路 沧联路 茅岗路 横沙路 庙头路 南湾路
        长洲路 联和路 永和大道 东区大道 水西路 伴河路 天鹿南路 映日路 开源大道""",
}
_LANE_SUFFIXES = ("大街", "里", "巷", "横街", "直街")


@dataclass(frozen=True)
class Community:
    code: str  # 12 digits
    name: str  # e.g. 惠福社区
    roads: tuple[str, ...]


@dataclass(frozen=True)
class StreetGeography:
    district_code: str
    district_name: str
    street_code: str
    street_name: str
    communities: tuple[Community, ...]


@lru_cache(maxsize=8)
def district_geography(district_code: str) -> dict[str, StreetGeography]:
    """Every street of a district with 8-15 communities, each with 3-6 roads; names are
    unique within the district."""
    dist = district(district_code)
    rng = random.Random(f"geography:{district_code}")
    words = list(dict.fromkeys(_COMMUNITY_WORDS.split()))
    names = [w + "社区" for w in words]
    rng.shuffle(names)
    extra = [w + d + "社区" for w in words for d in _DIRECTIONS]
    rng.shuffle(extra)
    names += extra
    roads = _ROADS.get(district_code, _ROADS["440104"]).split()
    lanes = [w + s for w in words for s in _LANE_SUFFIXES]
    out: dict[str, StreetGeography] = {}
    used = 0
    for street in dist.streets:
        count = rng.randint(8, 15)
        communities = []
        for i in range(1, count + 1):
            own_roads = rng.sample(roads, rng.randint(2, 4)) + rng.sample(lanes, rng.randint(1, 2))
            communities.append(Community(f"{street.code}{i:03d}", names[used], tuple(own_roads)))
            used += 1
        out[street.code] = StreetGeography(
            district_code, dist.name, street.code, street.name, tuple(communities)
        )
    return out


def street_geography(street_code: str) -> StreetGeography:
    return district_geography(street_code[:6])[street_code]


def make_address(geo: StreetGeography, community: Community, road: str, number: int,
                 room: int | None = None) -> dict:
    """An ``Address`` dict (casework.domain.records.Address)."""
    text = f"{CITY_NAME}{geo.district_name}{geo.street_name}{community.name}{road}{number}号"
    if room is not None:
        text += f"{room}房"
    return {
        "text": text,
        "district": geo.district_code,
        "street": geo.street_code,
        "community": community.code,
        "street_name": geo.street_name,
        "community_name": community.name,
    }


def random_address(rng: random.Random, geo: StreetGeography, community: Community,
                   with_room: bool = True) -> dict:
    room = rng.randint(1, 9) * 100 + rng.randint(1, 12) if with_room else None
    return make_address(geo, community, rng.choice(community.roads), rng.randint(1, 280), room)


# Places of origin of migrants: (county code, province, city, county, weight).
ORIGINS: tuple[tuple[str, str, str, str, float], ...] = (
    ("430524", "湖南省", "邵阳市", "隆回县", 6),
    ("430422", "湖南省", "衡阳市", "衡南县", 5),
    ("431023", "湖南省", "郴州市", "永兴县", 4),
    ("431222", "湖南省", "怀化市", "沅陵县", 3),
    ("430381", "湖南省", "湘潭市", "湘乡市", 3),
    ("450923", "广西壮族自治区", "玉林市", "博白县", 5),
    ("450881", "广西壮族自治区", "贵港市", "桂平市", 4),
    ("450521", "广西壮族自治区", "北海市", "合浦县", 2),
    ("511324", "四川省", "南充市", "仪陇县", 3),
    ("511725", "四川省", "达州市", "渠县", 3),
    ("411625", "河南省", "周口市", "郸城县", 3),
    ("411525", "河南省", "信阳市", "固始县", 3),
    ("360731", "江西省", "赣州市", "于都县", 4),
    ("360733", "江西省", "赣州市", "会昌县", 2),
    ("421126", "湖北省", "黄冈市", "蕲春县", 3),
    ("421022", "湖北省", "荆州市", "公安县", 2),
    ("520521", "贵州省", "毕节市", "大方县", 2),
    ("341221", "安徽省", "阜阳市", "临泉县", 2),
    ("350583", "福建省", "泉州市", "南安市", 1),
    ("610528", "陕西省", "渭南市", "富平县", 1),
)
_TOWNS = ("城关镇", "新市镇", "石门镇", "长乐乡", "金桥镇", "白沙镇", "高峰乡", "龙田镇")
_VILLAGES = ("和平村", "新民村", "东风村", "上坪村", "塘背村", "河口村", "竹山村", "杨家村")


def origin_address(rng: random.Random, origin: tuple[str, str, str, str, float]) -> dict:
    """The registration address in the county of origin; town and village codes are made up
    under the county's real code."""
    code, province, city, county, _ = origin
    town = rng.randrange(len(_TOWNS))
    village = rng.randrange(len(_VILLAGES))
    return {
        "text": f"{province}{city}{county}{_TOWNS[town]}{_VILLAGES[village]}{rng.randint(1, 120)}号",
        "district": code,
        "street": f"{code}{101 + town:03d}",
        "community": f"{code}{101 + town:03d}{201 + village:03d}",
        "street_name": _TOWNS[town],
        "community_name": _VILLAGES[village],
    }


def origin_label(origin: tuple[str, str, str, str, float]) -> str:
    return "".join(origin[1:4])
