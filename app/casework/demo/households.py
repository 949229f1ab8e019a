"""Who lives together: household size and the members' relation to the head, sex and age.

Sizes 1-6 with a mean of about 2.8 (Guangzhou's census average is 2.6-2.9); elderly-headed
households are common among locals of the old town, rare among migrants, who come as young
couples with children.
"""

from __future__ import annotations

import random
from itertools import accumulate
from typing import NamedTuple

SIZES = (1, 2, 3, 4, 5, 6)
_SIZE_CUM = list(accumulate((0.18, 0.27, 0.27, 0.16, 0.08, 0.04)))


class MemberSpec(NamedTuple):
    relation: str  # a key of casework.domain.records.RELATIONS
    sex: str  # "M" | "F"
    age: int  # whole years at the reference date
    paternal: bool  # takes the family's paternal surname (children, the head's father …)


def household_size(rng: random.Random) -> int:
    return rng.choices(SIZES, cum_weights=_SIZE_CUM)[0]


def _other(sex: str) -> str:
    return "F" if sex == "M" else "M"


def _child_age(rng: random.Random, parent_age: int) -> int:
    return max(0, parent_age - rng.randint(22, 38))


def _parent_age(rng: random.Random, child_age: int) -> int:
    return min(101, child_age + rng.randint(22, 35))


def _spouse(rng: random.Random, head: MemberSpec) -> MemberSpec:
    age = max(20, head.age + rng.randint(-6, 4) * (1 if head.sex == "M" else -1))
    return MemberSpec("spouse", _other(head.sex), age, False)


def _children(rng: random.Random, parent_age: int, n: int, relation: str = "child") -> list[MemberSpec]:
    return [MemberSpec(relation, rng.choice("MF"), _child_age(rng, parent_age), True) for _ in range(n)]


def _parents(rng: random.Random, head_age: int, n: int) -> list[MemberSpec]:
    father_age = _parent_age(rng, head_age)
    out = [MemberSpec("parent", "M", father_age, True)]
    if n == 2:
        out.append(MemberSpec("parent", "F", max(head_age + 18, father_age - rng.randint(0, 5)), False))
    elif rng.random() < 0.6:  # widowed mothers outlive fathers
        out = [MemberSpec("parent", "F", father_age - rng.randint(0, 4), False)]
    return out


def compose(rng: random.Random, size: int, migrant: bool) -> list[MemberSpec]:
    """The members of one household, head first."""
    elderly = rng.random() < (0.06 if migrant else 0.32)
    if elderly:
        head_age = rng.randint(60, 95)
    elif migrant:
        head_age = rng.randint(20, 55)
    else:
        head_age = rng.randint(24, 59)
    head_sex = "M" if rng.random() < (0.78 if size > 1 else 0.45) else "F"
    head = MemberSpec("head", head_sex, head_age, True)
    if size == 1:
        return [head]
    roll = rng.random()
    members = [head]
    if size == 2:
        if roll < 0.7:
            members.append(_spouse(rng, head))
        elif roll < 0.88:
            members += _children(rng, head_age, 1)
        elif roll < 0.95 and head_age < 70:
            members += _parents(rng, head_age, 1)
        else:
            sibling_age = max(18, head_age + rng.randint(-8, 8))
            members.append(MemberSpec("sibling", rng.choice("MF"), sibling_age, True))
        return members
    if elderly and size >= 4:
        # an old couple with a grown child, the child's spouse and grandchildren
        members.append(_spouse(rng, head))
        child = _children(rng, head_age, 1)[0]
        child = child._replace(age=max(child.age, 20))
        members.append(child)
        in_law_age = max(20, child.age + rng.randint(-4, 4))
        members.append(MemberSpec("child_in_law", _other(child.sex), in_law_age, False))
        members += _children(rng, child.age, size - 4, "grandchild")
        return members
    members.append(_spouse(rng, head))
    rest = size - 2
    if rest >= 2 and roll < 0.45 and head_age < 65:
        parents = min(2, rest - 1)
        members += _parents(rng, head_age, parents)
        rest -= parents
    elif rest == 1 and roll < 0.2 and head_age < 65:
        members += _parents(rng, head_age, 1)
        rest = 0
    members += _children(rng, head_age, rest)
    if size >= 3 and rng.random() < 0.01:
        members[-1] = MemberSpec("other", rng.choice("MF"), rng.randint(18, 60), False)
    return members
