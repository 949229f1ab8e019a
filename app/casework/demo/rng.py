"""The generator's random source: ``random.Random`` with faster integer draws.

``Random.randint``/``randrange``/``choice`` draw by rejection sampling through three Python
calls each; the generator makes tens of millions of draws for a district, so here they scale
one ``random()`` float instead (a bias below 2**-40 for the ranges used: nothing a synthetic
district can show). Still seeded, still deterministic: same seed, same draws.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class DemoRandom(random.Random):
    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        if step != 1:
            return super().randrange(start, stop, step)
        if stop <= start:
            raise ValueError(f"empty range for randrange({start}, {stop})")
        return start + int(self.random() * (stop - start))

    def choice(self, seq: Sequence[T]) -> T:
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        return seq[int(self.random() * len(seq))]
