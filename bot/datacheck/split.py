"""The 80/10/10 train / validation / test split: planned from hashes, written in a second pass.

Each distinct input is a group (for preference data, all pairs of one prompt), so no input
is ever on two sides. Groups are ordered by a seeded hash of their input, per stratum (the
label, for classification), and taken in that order: train until it holds its share of the
stratum's rows, then validation, then test. Because the order is a hash, the plan is two
cut points per stratum, and the writing pass needs no table of which row goes where.
"""

from __future__ import annotations

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


@dataclass(frozen=True)
class Cuts:
    """Groups whose seeded key is at most ``train`` go to train, at most ``validation`` to
    validation, the rest to test."""

    train: int
    validation: int

    def side(self, key: int) -> str:
        if key <= self.train:
            return "train"
        return "validation" if key <= self.validation else "test"


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
    groups with more than one) under ``seed``."""
    sizes = dict.fromkeys(SIDES, 0)
    cuts: dict[str, Cuts] = {}
    rows_of = {seeded(g, seed): n for g, n in group_rows.items()}
    for stratum, members in groups.items():
        keys = sorted(seeded(g, seed) for g in members)
        want = targets(sum(rows_of.get(k, 1) for k in keys))
        bounds = {"train": -1, "validation": -1}
        taken = dict.fromkeys(SIDES, 0)
        before = 0
        for key in keys:
            if before < want["train"]:
                side = "train"
            elif before < want["train"] + want["validation"]:
                side = "validation"
            else:
                side = "test"
            n = rows_of.get(key, 1)
            taken[side] += n
            before += n
            if side != "test":
                bounds[side] = key
        bounds["validation"] = max(bounds["validation"], bounds["train"])
        cuts[stratum] = Cuts(bounds["train"], bounds["validation"])
        for side in SIDES:
            sizes[side] += taken[side]
    return SplitPlan(seed, cuts, sizes)
