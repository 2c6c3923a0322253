"""Evaluating the condition language over a case's facts and motives.

An unknown fact makes every comparison on it false: the policy treats unknown facts as
not-true (and the reply states that assumption).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from bot.rules.facts_meta import FACT_KINDS
from bot.rules.schema import Cond, FactRef, RuleBook

OPERATORS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

HEADS = ("ref", "all", "any", "not", "fact", "count", "motive", "on_path", "technique", "strategy")
"""The keys that say what kind of condition a mapping is; exactly one per condition."""

OUTCOME_HEADS = ("on_path", "technique", "strategy")
"""Heads that read the decision itself: only for warnings and next steps."""


def heads(cond: Cond) -> list[str]:
    """The head keys set on ``cond`` (YAML spelling)."""
    data = cond.model_dump(by_alias=True, exclude_none=True)
    return [h for h in HEADS if h in data]


def children(cond: Cond) -> Iterator[Cond]:
    yield from cond.all_ or ()
    yield from cond.any_ or ()
    yield from cond.count or ()
    if cond.not_ is not None:
        yield cond.not_


@dataclass(frozen=True)
class Decided:
    """The part of the decision that warnings and next steps may read."""

    strategy: str
    path: tuple[str, ...]
    technique: str | None


class Scope:
    """What a condition can read: facts, motives, thresholds, named conditions, the decision."""

    def __init__(
        self,
        book: RuleBook,
        facts: Mapping[str, Any],
        motives: frozenset[str] = frozenset(),
        decided: Decided | None = None,
    ) -> None:
        self.book = book
        self.facts = facts
        self.motives = motives
        self.decided = decided
        self._named: dict[str, bool] = {}

    def fact(self, name: str) -> Any:
        return self.facts.get(name)

    def resolve(self, value: Any) -> Any:
        """A comparison's right side: another fact, a threshold by name, or a literal."""
        if isinstance(value, FactRef):
            return self.fact(value.fact)
        if isinstance(value, str) and value in self.book.thresholds:
            return self.book.threshold(value)
        return value

    def holds(self, cond: Cond) -> bool:
        """Whether ``cond`` holds for this case."""
        if cond.ref is not None:
            return self._named_holds(cond.ref)
        if cond.all_ is not None:
            return all(self.holds(c) for c in cond.all_)
        if cond.any_ is not None:
            return any(self.holds(c) for c in cond.any_)
        if cond.not_ is not None:
            return not self.holds(cond.not_)
        if cond.count is not None:
            n = sum(self.holds(c) for c in cond.count)  # no short cut: all are read
            return _compare(n, cond.op or ">=", self.resolve(cond.value))
        if cond.motive is not None:
            return cond.motive in self.motives
        if cond.fact is not None:
            return self._fact_holds(cond)
        return self._decided_holds(cond)

    def _named_holds(self, name: str) -> bool:
        if name in self.book.conditions:
            if name not in self._named:
                self._named[name] = self.holds(self.book.conditions[name])
            return self._named[name]
        return self.fact(name) is True  # a yes/no fact by name: "it is true"

    def _fact_holds(self, cond: Cond) -> bool:
        assert cond.fact is not None
        value = self.fact(cond.fact)
        if cond.known is not None:
            return (value is not None) == cond.known
        if value is None:
            return False
        if cond.is_ is not None:
            return _compare(value, "==", cond.is_)
        return _compare(value, cond.op or "==", self.resolve(cond.value))

    def _decided_holds(self, cond: Cond) -> bool:
        d = self.decided
        if d is None:
            return False
        if cond.on_path is not None:
            return cond.on_path in d.path
        if cond.technique is not None:
            return d.technique == cond.technique
        return d.strategy == cond.strategy


def _compare(left: Any, op: str, right: Any) -> bool:
    if left is None or right is None:
        return False
    try:
        return bool(OPERATORS[op](left, right))
    except TypeError:
        return False


def fact_names_in(cond: Cond, book: RuleBook, seen: frozenset[str] = frozenset()) -> list[str]:
    """Every fact and motive a condition reads, through named conditions, in order."""
    out: list[str] = []
    if cond.ref is not None:
        if cond.ref in book.conditions and cond.ref not in seen:
            out += fact_names_in(book.conditions[cond.ref], book, seen | {cond.ref})
        elif cond.ref in FACT_KINDS:
            out.append(cond.ref)
    for name in (cond.fact, cond.motive):
        if name is not None:
            out.append(name)
    if isinstance(cond.value, FactRef):
        out.append(cond.value.fact)
    for child in children(cond):
        out += fact_names_in(child, book, seen)
    return list(dict.fromkeys(out))
