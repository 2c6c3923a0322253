"""How sure the reader's models must be before a reading becomes a fact."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Thresholds:
    """How sure a model must be: at ``accept`` a fact is taken (``by_fact`` overrides it
    per fact), from ``confirm`` it is kept aside to confirm with the user, below that it
    stays unknown; a reply to the question just asked about a fact is taken from
    ``answer`` (``vocabulary.yaml``, section ``confidence``)."""

    accept: float = 0.55
    confirm: float = 0.25
    by_fact: Mapping[str, float] = field(default_factory=dict)
    answer: float = 0.25

    def accepts(self, fact: str, *, asked: bool = False) -> float:
        taken = self.by_fact.get(fact, self.accept)
        return min(taken, max(self.answer, self.confirm)) if asked else taken
