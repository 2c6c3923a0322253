"""Evaluating the condition language over a case's facts and motives.

An unknown fact makes every comparison on it false: the policy treats unknown facts as
not-true (and the reply states that assumption).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterator, Mapping
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

    def variant(self, name: str, value: Any, keep: Collection[str]) -> Scope:
        """This scope with fact ``name`` set to ``value``.

        Named conditions in ``keep`` (those that do not read ``name``) keep the results
        already found here; the others are evaluated afresh.
        """
        other = Scope(self.book, {**self.facts, name: value}, self.motives, self.decided)
        other._named = {n: held for n, held in self._named.items() if n in keep}
        return other

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
        return check_of(cond)(self)

    def _named_holds(self, name: str) -> bool:
        if name in self.book.conditions:
            if name not in self._named:
                self._named[name] = check_of(self.book.conditions[name])(self)
            return self._named[name]
        return self.fact(name) is True  # a yes/no fact by name: "it is true"


Check = Callable[[Scope], bool]
"""A condition made into a function of the scope (see :func:`check_of`)."""

_CHECKS: dict[int, tuple[Cond, Check]] = {}
MAX_CHECKS = 20_000


def check_of(cond: Cond) -> Check:
    """``cond`` as a function, made once per condition: reading the model's fields on every
    evaluation was most of the time the counterfactual tries took."""
    entry = _CHECKS.get(id(cond))
    if entry is None or entry[0] is not cond:
        if len(_CHECKS) >= MAX_CHECKS:
            _CHECKS.clear()
        entry = _CHECKS[id(cond)] = (cond, _make_check(cond))
    return entry[1]


def _make_check(cond: Cond) -> Check:
    """The same cases, in the same order of precedence, as the condition language."""
    if cond.ref is not None:
        return _ref_check(cond.ref)
    if cond.all_ is not None:
        return _all_of([check_of(c) for c in cond.all_])
    if cond.any_ is not None:
        return _any_of([check_of(c) for c in cond.any_])
    if cond.not_ is not None:
        inner = check_of(cond.not_)
        return lambda scope: not inner(scope)
    if cond.count is not None:
        return _count_of([check_of(c) for c in cond.count], cond.op or ">=", cond.value)
    if cond.motive is not None:
        motive = cond.motive
        return lambda scope: motive in scope.motives
    if cond.fact is not None:
        return _fact_check(cond.fact, cond)
    return lambda scope: _decided_holds(scope.decided, cond)


def _ref_check(name: str) -> Check:
    def check(scope: Scope) -> bool:
        held = scope._named.get(name)  # a named condition found before in this scope
        return scope._named_holds(name) if held is None else held

    return check


def _all_of(parts: list[Check]) -> Check:
    def check(scope: Scope) -> bool:
        return all(part(scope) for part in parts)

    return check


def _any_of(parts: list[Check]) -> Check:
    def check(scope: Scope) -> bool:
        return any(part(scope) for part in parts)

    return check


def _count_of(parts: list[Check], op: str, value: Any) -> Check:
    def check(scope: Scope) -> bool:
        n = sum(part(scope) for part in parts)  # no short cut: all are read
        return _compare(n, op, scope.resolve(value))

    return check


def _fact_check(name: str, cond: Cond) -> Check:
    known, is_, op, value = cond.known, cond.is_, cond.op or "==", cond.value
    if known is not None:
        return lambda scope: (scope.facts.get(name) is not None) == known
    if is_ is not None:
        return lambda scope: _compare(scope.facts.get(name), "==", is_)

    def check(scope: Scope) -> bool:
        fact = scope.facts.get(name)
        return fact is not None and _compare(fact, op, scope.resolve(value))

    return check


def _decided_holds(d: Decided | None, cond: Cond) -> bool:
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
