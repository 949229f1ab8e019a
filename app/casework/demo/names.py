"""Chinese personal names for the demo district, with realistic surname frequencies.

Locals of Guangzhou and migrants from other provinces carry different surname mixes (陈 黄
李 梁 林 are the Cantonese top five; 王 李 张 刘 陈 the national). Given names follow the
fashion of the birth decade. A small share of names uses rare characters — some outside
the Basic Multilingual Plane (𠮷 U+20BB7, 𡈽 U+2123D …), which every layer must store,
search and show intact — and surnames with several readings (单 Shàn, 曾 Zēng, 仇 Qiú,
区 Ōu, 解 Xiè, 查 Zhā) that trip up pinyin search.
"""

from __future__ import annotations

import random
from itertools import accumulate

# surname: weight (‰, roughly), Guangzhou registered population
_LOCAL_SURNAMES = """
陈 105 黄 70 李 65 梁 50 林 40 张 35 何 32 罗 28 郭 22 冯 21 吴 20 刘 20 邓 18 谭 17
周 15 杨 15 曾 14 麦 13 郑 13 卢 12 苏 12 王 12 潘 11 钟 11 叶 10 朱 10 关 9 谢 9 区 8
蔡 7 余 7 徐 7 胡 7 廖 6 江 6 莫 6 赖 5 伍 5 彭 5 冼 4 邝 4 温 4 司徒 3 欧阳 3 岑 3 简 3
汤 3 甘 2 骆 2 植 1 利 1 巫 1 单 0.5 仇 0.5 解 0.4 查 0.4 招 0.5 霍 1 杜 2 方 3 袁 3
"""

# national distribution, for migrants from other provinces
_NATIONAL_SURNAMES = """
王 71 李 70 张 68 刘 54 陈 46 杨 31 黄 25 赵 23 吴 21 周 21 徐 17 孙 15 马 15 朱 13
胡 13 郭 12 何 12 高 11 林 11 罗 10 郑 10 梁 9 谢 8 宋 8 唐 8 许 7 韩 7 冯 7 邓 7 曹 7
彭 6 曾 6 肖 6 田 5 董 5 袁 5 潘 5 于 5 蒋 5 蔡 5 余 5 杜 5 叶 4 程 4 苏 4 魏 4 吕 4
丁 4 任 4 沈 4 姚 4 卢 4 姜 3 崔 3 钟 3 谭 3 陆 3 汪 3 范 3 廖 3 石 3 覃 2 韦 2 蓝 1
单 0.5 仇 0.4 解 0.5 查 0.4 朴 0.2 盖 0.2 诸葛 0.1 上官 0.1 欧阳 0.5
"""

# Given-name characters by the fashion of the birth decade.
_GIVEN_OLD_M = "国建华明志德荣添财福强伟光永辉文耀汉贵金炳锦祥基洪坤"
_GIVEN_OLD_F = "秀英凤兰淑桂芬珍玉美丽娟妹好彩銮爱容带娣群莲碧翠妙少"
_GIVEN_MID_M = "伟强军杰涛明华勇斌俊峰磊鹏辉文浩健锋彬炜志刚毅海东冠雄"
_GIVEN_MID_F = "芳娜敏静丽慧玲婷雪琳燕红霞梅颖晶洁莹咏嘉惠欣燕薇琼蕾"
_GIVEN_NEW_M = "子轩浩宇梓豪博睿铭泽晨俊杰宏嘉朗锐楷晞熙恺钧皓烨宸弘"
_GIVEN_NEW_F = "欣怡诗梓晴雨萱涵思妍悦彤琪婉语嘉芯瑶可心乐颖琳依晓桐"

# Rare characters people really carry in their names; the first group lies outside the
# Basic Multilingual Plane (four bytes in UTF-8, a surrogate pair in UTF-16).
RARE_NON_BMP = "𠮷𡈽𬌗𬣙𬭚𬘬𬀩𬍤𪚥𬇙𬞟"
RARE_BMP = "堃喆昇淼燚犇玥赟珺彧旸翀暐曌嫣婧昀珩琰鑫垚"

# Surnames with several readings, for tests of pinyin search.
HETERONYM_SURNAMES = ("单", "曾", "仇", "区", "解", "查")

RARE_SHARE = 0.004  # share of names with one rare character
NON_BMP_SHARE_OF_RARE = 0.4  # of those, outside the BMP


def _weights(table: str) -> tuple[list[str], list[float]]:
    parts = table.split()
    names = parts[0::2]
    cum = list(accumulate(float(w) for w in parts[1::2]))
    return names, cum


_LOCAL, _LOCAL_CUM = _weights(_LOCAL_SURNAMES)
_NATIONAL, _NATIONAL_CUM = _weights(_NATIONAL_SURNAMES)


def surname(rng: random.Random, migrant: bool) -> str:
    if migrant:
        return rng.choices(_NATIONAL, cum_weights=_NATIONAL_CUM)[0]
    return rng.choices(_LOCAL, cum_weights=_LOCAL_CUM)[0]


def _given_pool(sex: str, birth_year: int) -> str:
    if birth_year < 1965:
        return _GIVEN_OLD_M if sex == "M" else _GIVEN_OLD_F
    if birth_year < 1995:
        return _GIVEN_MID_M if sex == "M" else _GIVEN_MID_F
    return _GIVEN_NEW_M if sex == "M" else _GIVEN_NEW_F


def given_name(rng: random.Random, sex: str, birth_year: int) -> str:
    pool = _given_pool(sex, birth_year)
    single = rng.random() < (0.35 if birth_year < 1965 else 0.18)
    chars = [rng.choice(pool)] if single else [rng.choice(pool), rng.choice(pool)]
    if len(chars) == 2 and chars[0] == chars[1] and rng.random() < 0.7:
        chars[1] = rng.choice(pool)  # 叠字 names exist (婷婷) but are not the norm
    if rng.random() < RARE_SHARE:
        rare = RARE_NON_BMP if rng.random() < NON_BMP_SHARE_OF_RARE else RARE_BMP
        chars[-1] = rng.choice(rare)
    return "".join(chars)


def full_name(rng: random.Random, sex: str, birth_year: int, migrant: bool,
              family_name: str | None = None) -> str:
    """A name; ``family_name`` given for children who take the father's surname."""
    return (family_name or surname(rng, migrant)) + given_name(rng, sex, birth_year)


def family_name_of(name: str) -> str:
    """The surname part of a generated name (compound surnames are two characters)."""
    two = name[:2]
    if two in _COMPOUND:
        return two
    return name[:1]


_COMPOUND = frozenset(s for s in (*_LOCAL, *_NATIONAL) if len(s) == 2)


def has_non_bmp(text: str) -> bool:
    return any(ord(ch) > 0xFFFF for ch in text)
