"""The 80/10/10 train / validation / test split: planned from hashes, written in a second pass.

Each distinct input is a group (for preference data, all pairs of one prompt), so no input
is ever on two sides. Groups are ordered by a seeded hash of their input, per stratum (the
label, for classification), and taken from the top of that order: test until it holds its
share of the stratum's rows, then validation; train keeps the rest. Because the order is a
hash, the plan is two cut points per stratum, and the writing pass needs no table of which
row goes where.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections.abc import Mapping
from dataclasses import dataclass, field
from hashlib import blake2b

SHARES = {"train": 0.8, "validation": 0.1, "test": 0.1}
SIDES = tuple(SHARES)
DEFAULT_SEED = 0


def seeded(group: int, seed: int) -> int:
    """The group's place in the seeded order."""
    key = seed.to_bytes(16, "big", signed=True)
    digest = blake2b(group.to_bytes(8, "big"), digest_size=8, key=key).digest()
    return int.from_bytes(digest, "big")


def targets(rows: int) -> dict[str, int]:
    """Rows per side for a stratum of ``rows``: validation and test 10% each (rounded half
    up), train the rest."""
    validation = math.floor(rows * SHARES["validation"] + 0.5)
    test = math.floor(rows * SHARES["test"] + 0.5)
    return {"train": rows - validation - test, "validation": validation, "test": test}


NEVER = 1 << 64
"""Above every seeded key: a side that takes no group."""


@dataclass(frozen=True)
class Cuts:
    """Groups whose seeded key is at least ``test`` go to test, at least ``validation`` to
    validation, the rest to train."""

    validation: int
    test: int

    def side(self, key: int) -> str:
        if key >= self.test:
            return "test"
        return "validation" if key >= self.validation else "train"


@dataclass(frozen=True)
class SplitPlan:
    seed: int
    cuts: dict[str, Cuts]
    sizes: dict[str, int] = field(default_factory=dict)

    def side(self, stratum: str, group: int) -> str:
        return self.cuts[stratum].side(seeded(group, self.seed))


def plan_split(
    groups: Mapping[str, array[int]], group_rows: Mapping[int, int], seed: int
) -> SplitPlan:
    """The plan for ``groups`` (the distinct inputs per stratum; ``group_rows``: rows of the
    groups with more than one) under ``seed``.

    Only the held-out groups are ever sorted: test takes groups from the top of the seeded
    order until it holds its rows, then validation; train is the rest. Every group holds at
    least one row, so the top (validation + test) keys are always enough.
    """
    sizes = dict.fromkeys(SIDES, 0)
    cuts: dict[str, Cuts] = {}
    rows_of = {seeded(g, seed): n for g, n in group_rows.items()}
    for stratum, members in groups.items():
        total = len(members)
        if group_rows:
            total += sum(group_rows.get(g, 1) - 1 for g in members)
        want = targets(total)
        top = heapq.nlargest(want["validation"] + want["test"], (seeded(g, seed) for g in members))
        taken = {"validation": 0, "test": 0}
        starts = {"validation": NEVER, "test": NEVER}
        for key in top:
            if taken["test"] < want["test"]:
                side = "test"
            elif taken["validation"] < want["validation"]:
                side = "validation"
            else:
                break
            taken[side] += rows_of.get(key, 1)
            starts[side] = key
        cuts[stratum] = Cuts(min(starts["validation"], starts["test"]), starts["test"])
        sizes["train"] += total - taken["validation"] - taken["test"]
        sizes["validation"] += taken["validation"]
        sizes["test"] += taken["test"]
    return SplitPlan(seed, cuts, sizes)
