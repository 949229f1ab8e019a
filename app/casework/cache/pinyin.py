"""How a name is spelled in pinyin, for search: what is indexed for a name and how typed Latin
letters are matched against it.

Each character is read with its common reading (pypinyin's first), and a surname — the first
character — also with its reading as a surname where that differs (单 dan / shan, 曾 ceng /
zeng, 区 qu / ou). Rare readings are left out: indexing every heteronym put 郑俊 (zheng jun)
under "zs" through 俊's rare "shun" (issue 10).

A name is indexed under (``name_initials``), per reading: its initials (王芳 → ``wf``), its full
pinyin (``wangfang``) and the full surname with the given name's initials (``wangf``); a typed
prefix of any of them finds it by a range scan. Other mixes (``wfang``, ``zhangsf``) are split
into syllables and initials here (``splits``), looked up by their initials and checked against
the name's readings (``matches``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

MAX_READINGS = 16  # reading combinations kept per name (a surname reading doubles them at most)
MAX_SPLITS = 12  # ways of reading a typed text as syllables and initials, tried in order

# Surnames read differently from the character's common reading.
SURNAME_READINGS = {
    "单": "shan", "曾": "zeng", "仇": "qiu", "区": "ou", "解": "xie", "查": "zha", "朴": "piao",
    "盖": "ge", "乐": "yue", "缪": "miao", "翟": "zhai", "覃": "qin", "召": "shao", "种": "chong",
    "秘": "bi", "折": "she", "员": "yun", "尉": "yu", "长": "chang", "么": "yao", "句": "gou",
    "繁": "po", "藏": "zang", "薄": "bo", "阚": "kan", "隗": "wei", "冼": "xian", "谌": "shen",
    "卜": "bu", "贲": "bi", "适": "kuo", "柏": "bai", "燕": "yan", "宁": "ning", "纪": "ji",
}

# Every syllable pypinyin writes (v for ü), for reading typed text as syllables.
SYLLABLES = frozenset("""
a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce
cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
ci cong cou cu cuan cui cun cuo da dai dan dang dao de dei den deng di dia dian diao die ding diu dong dou
du duan dui dun duo e ei en eng er fa fan fang fei fen feng fiao fo fou fu ga gai gan gang gao ge gei gen
geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng hm hng hong hou hu hua
huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang
kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei len leng li lia
lian liang liao lie lin ling liu lo long lou lu luan lun luo lv lve m ma mai man mang mao me mei men meng
mi mian miao mie min ming miu mo mou mu n na nai nan nang nao ne nei nen neng ng ni nian niang niao nie nin
ning niu nong nou nu nuan nun nuo nv nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po
pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou
ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi
shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei
teng ti tian tiao tie ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian
xiang xiao xie xin xing xiong xiu xu xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue
yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu
zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo
""".split())  # noqa: SIM905 -- a block of text reads better than 419 quoted strings
_SYLLABLE_PREFIXES = frozenset(s[:i] for s in SYLLABLES for i in range(1, len(s) + 1))
_LONGEST = max(map(len, SYLLABLES))

_char_readings: dict[str, str] = {}


def char_reading(char: str) -> str:
    """The common pinyin of a character ("" for punctuation); a Latin letter or digit reads as
    itself."""
    found = _char_readings.get(char)
    if found is None:
        if char.isascii():
            found = char.lower() if char.isalnum() else ""
        else:
            # imported here: pypinyin's dictionaries take 0.15-0.5 s to load, and only indexing
            # and mixed-input checks need them (the desktop app preloads them at start-up)
            from pypinyin import Style, pinyin

            reading = pinyin(char, style=Style.NORMAL, heteronym=False, errors="ignore")
            found = reading[0][0].lower() if reading and reading[0] else ""
            found = found if found.isascii() and found.isalpha() else ""
        _char_readings[char] = found
    return found


def name_readings(name: str) -> list[tuple[str, ...]]:
    """The syllables of each way the name is read: 单仁 → [("dan", "ren"), ("shan", "ren")]."""
    choices: list[tuple[str, ...]] = []
    for position, char in enumerate(name):
        common = char_reading(char)
        surname = SURNAME_READINGS.get(char) if position == 0 else None
        options = tuple(dict.fromkeys(r for r in (common, surname) if r))
        if options:
            choices.append(options)
    if not choices:
        return []
    return list(itertools.islice(itertools.product(*choices), MAX_READINGS))


def name_tokens(name: str) -> list[str]:
    """What ``name_initials`` holds for a name: per reading its initials, full pinyin, and full
    surname with initials (王芳 → ["wangf", "wangfang", "wf"])."""
    tokens: set[str] = set()
    for syllables in name_readings(name):
        initials = "".join(s[0] for s in syllables)
        tokens.update((initials, "".join(syllables), syllables[0] + initials[1:]))
    return sorted(tokens)


def name_initials(name: str) -> list[str]:
    """The initials of each reading (王芳 → ["wf"]), as a worker types them."""
    return sorted({"".join(s[0] for s in syllables) for syllables in name_readings(name)})


def splits(text: str) -> Iterator[tuple[str, ...]]:
    """Ways to read typed letters as syllables and single initials, whole syllables first; the
    last part may be the start of a syllable (still being typed). Only mixes: all-initials and
    the indexed forms are found by the index alone."""
    found = 0

    def walk(start: int, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
        if start == len(text):
            yield parts
            return
        for end in range(min(len(text), start + _LONGEST), start, -1):
            piece = text[start:end]
            last = end == len(text)
            if len(piece) == 1 or piece in SYLLABLES or (last and piece in _SYLLABLE_PREFIXES):
                yield from walk(end, (*parts, piece))

    for parts in walk(0, ()):
        if len(parts) > 1 and not _indexed_shape(parts):
            yield parts
            found += 1
            if found >= MAX_SPLITS:
                return


def _indexed_shape(parts: tuple[str, ...]) -> bool:
    """Whether the index already answers this reading of the text: initials only, full pinyin
    (the last syllable perhaps unfinished), or a full surname then initials."""
    if all(len(p) == 1 for p in parts) or all(len(p) > 1 for p in parts):
        return True
    return len(parts[0]) > 1 and all(len(p) == 1 for p in parts[1:])


def matches(parts: tuple[str, ...], name: str) -> int | None:
    """How well typed ``parts`` fit a name: 1 when they cover every syllable of one reading,
    2 when they cover its start, None when no reading fits."""
    best: int | None = None
    for syllables in name_readings(name):
        if len(parts) > len(syllables):
            continue
        fits = all(syllable.startswith(part) if len(part) == 1 or i == len(parts) - 1 else syllable == part
                   for i, (part, syllable) in enumerate(zip(parts, syllables, strict=False)))
        if fits:
            whole = len(parts) == len(syllables) and (len(parts[-1]) == 1 or parts[-1] == syllables[-1])
            best = 1 if whole else min(best or 2, 2)
            if best == 1:
                return 1
    return best
