"""Conditions made into functions of a per-call :class:`Scope`, with three-valued results.

A condition is ``True`` (it holds), ``False`` (it does not) or ``None`` (undecided: a
figure given as a range or a bound straddles a threshold it compares). ``all``, ``any``,
``not`` and ``count`` combine these the usual three-valued way (Kleene's).

An unknown fact gives what the scope says: ``False`` when deciding (the policy treats
unknown facts as not-true, and the reply states that assumption), ``None`` when deciding
whether a sentence may be said (a reason must hold whatever the unknown facts are).

Compiling happens once per rule book (:class:`bot.rules.book.RuleBook`); a scope is made
per call, and its memo of named conditions is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.amount import Amount
from bot.rules import conditions as cond

Truth = bool | None
"""``None``: undecided."""


@dataclass(frozen=True, slots=True)
class Decided:
    """The part of the decision that warnings and next steps may read."""

    strategy: str
    path: tuple[str, ...]
    technique: str | None


class Scope:
    """What a condition can read, for one call: facts, motives, the decision, and what an
    unknown fact gives. ``memo`` keeps the named conditions found so far in this scope."""

    __slots__ = ("decided", "facts", "memo", "motives", "unknown")

    def __init__(
        self,
        facts: Mapping[str, Any],
        motives: frozenset[str] = frozenset(),
        decided: Decided | None = None,
        unknown: Truth = False,
        memo: dict[str, Truth] | None = None,
    ) -> None:
        self.facts = facts
        self.motives = motives
        self.decided = decided
        self.unknown = unknown
        self.memo: dict[str, Truth] = {} if memo is None else memo

    def variant(self, name: str, value: Any, keep: frozenset[str]) -> Scope:
        """This scope with fact ``name`` set to ``value``; the named conditions in
        ``keep`` (those that do not read ``name``) keep what was found here."""
        memo = {n: t for n, t in self.memo.items() if n in keep}
        return Scope({**self.facts, name: value}, self.motives, self.decided, self.unknown, memo)


Check = Callable[[Scope], Truth]


class Compiler:
    """Turns the conditions of one rule book into :data:`Check` functions."""

    def __init__(self, named: Mapping[str, cond.AnyCond], thresholds: Mapping[str, float]) -> None:
        self.named = named
        self.thresholds = thresholds
        self._checks: dict[str, Check] = {}

    def named_check(self, name: str) -> Check:
        """The check of a named condition, memoised per scope."""
        found = self._checks.get(name)
        if found is None:
            inner: list[Check] = []  # filled below: names may refer to each other

            def check(scope: Scope) -> Truth:
                memo = scope.memo
                if name in memo:
                    return memo[name]
                held = memo[name] = inner[0](scope)
                return held

            found = self._checks[name] = check
            inner.append(self.compile(self.named[name]))
        return found

    def compile(self, node: cond.AnyCond) -> Check:
        """``node`` as a function of the scope."""
        if isinstance(node, cond.Ref):
            return self.named_check(node.ref) if node.ref in self.named else _yes(node.ref)
        if isinstance(node, cond.AllOf):
            return _all_of(tuple(self.compile(c) for c in node.all_))
        if isinstance(node, cond.AnyOf):
            return _any_of(tuple(self.compile(c) for c in node.any_))
        if isinstance(node, cond.Not):
            return _not(self.compile(node.not_))
        if isinstance(node, cond.Count):
            parts = tuple(self.compile(c) for c in node.count)
            return _count(parts, node.op, self._right(node.value))
        if isinstance(node, cond.Compare):
            return _compare(node.fact, node.op, self._right(node.value))
        if isinstance(node, cond.Is):
            return _compare(node.fact, "==", node.is_)
        if isinstance(node, cond.Known):
            return _known(node.fact, node.known)
        if isinstance(node, cond.MotiveIs):
            motive = node.motive
            return lambda scope: motive in scope.motives
        return _decided(node)

    def _right(self, value: Any) -> Any:
        """A threshold's name becomes its number; literals and fact references stay."""
        if isinstance(value, str) and value in self.thresholds:
            return float(self.thresholds[value])
        return value


def _yes(name: str) -> Check:
    def check(scope: Scope) -> Truth:
        value = scope.facts.get(name)
        return scope.unknown if value is None else value is True

    return check


def _all_of(parts: tuple[Check, ...]) -> Check:
    return _junction(parts, decisive=False)


def _any_of(parts: tuple[Check, ...]) -> Check:
    return _junction(parts, decisive=True)


def _junction(parts: tuple[Check, ...], *, decisive: bool) -> Check:
    """Three-valued AND (``decisive=False``) or OR (``True``): one part with the decisive
    value settles it; else unknown if a part is unknown, else the other value."""

    def check(scope: Scope) -> Truth:
        result: Truth = not decisive
        for part in parts:
            held = part(scope)
            if held is decisive:
                return decisive
            if held is None:
                result = None
        return result

    return check


def _not(inner: Check) -> Check:
    def check(scope: Scope) -> Truth:
        held = inner(scope)
        return None if held is None else not held

    return check


def _count(parts: tuple[Check, ...], op: str, right: Any) -> Check:
    def check(scope: Scope) -> Truth:
        sure = maybe = 0
        for part in parts:  # no short cut: all are read
            held = part(scope)
            if held is True:
                sure += 1
            elif held is None:
                maybe += 1
        other = scope.facts.get(right.fact) if isinstance(right, cond.FactRef) else right
        if other is None or isinstance(other, bool) or not isinstance(other, int | float | Amount):
            return scope.unknown
        if isinstance(other, Amount):
            if not other.exact or other.low is None:
                return None
            other = other.low
        return compare_interval(sure, sure + maybe, op, float(other))

    return check


def _compare(name: str, op: str, right: Any) -> Check:
    if isinstance(right, cond.FactRef):
        other_name = right.fact

        def against_fact(scope: Scope) -> Truth:
            left, other = scope.facts.get(name), scope.facts.get(other_name)
            if left is None or other is None:
                return scope.unknown
            return compare_values(left, op, other)

        return against_fact

    def check(scope: Scope) -> Truth:
        left = scope.facts.get(name)
        return scope.unknown if left is None else compare_values(left, op, right)

    return check


def compare_values(left: Any, op: str, right: Any) -> Truth:
    """``left <op> right`` where either side may be an :class:`Amount`."""
    if isinstance(left, Amount):
        if isinstance(right, Amount):
            return compare_amounts(left, op, right)
        if isinstance(right, bool) or not isinstance(right, int | float):
            return False
        return left.compare(op, float(right))
    if isinstance(right, Amount):
        return False
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    return False  # categories and yes/no facts are not ordered (the checker refuses it)


def compare_amounts(left: Amount, op: str, right: Amount) -> Truth:
    """Whether every pair of values satisfies ``l <op> r`` (a baseline against a target):
    ``True`` for all pairs, ``False`` for none, ``None`` otherwise."""
    if right.exact and right.low is not None:
        return left.compare(op, right.low)
    if op in (">", ">="):
        return compare_amounts(right, "<" if op == ">" else "<=", left)
    if op in ("<", "<="):
        strict = op == "<"
        top, bottom = left.high, right.low  # every pair holds when left's top is below
        every = (
            top is not None
            and bottom is not None
            and (
                top < bottom
                or (top == bottom and (not strict or left.high_strict or right.low_strict))
            )
        )
        low, high = left.low, right.high  # no pair holds when left's bottom is above
        none = (
            low is not None
            and high is not None
            and (low > high or (low == high and (strict or left.low_strict or right.high_strict)))
        )
        return True if every else False if none else None
    disjoint = (
        compare_amounts(left, "<", right) is True or compare_amounts(right, "<", left) is True
    )
    if op == "==":
        return False if disjoint else None
    return True if disjoint else None


def compare_interval(low: float, high: float, op: str, other: float) -> Truth:
    """Whether every value in ``[low, high]`` satisfies ``value <op> other``."""
    if op in (">=", ">"):
        meets = (low >= other) if op == ">=" else (low > other)
        misses = (high < other) if op == ">=" else (high <= other)
    elif op in ("<=", "<"):
        meets = (high <= other) if op == "<=" else (high < other)
        misses = (low > other) if op == "<=" else (low >= other)
    elif op == "==":
        meets, misses = low == high == other, not low <= other <= high
    else:
        meets, misses = not low <= other <= high, low == high == other
    return True if meets else False if misses else None


def _known(name: str, known: bool) -> Check:
    return lambda scope: (scope.facts.get(name) is not None) == known


def _decided(node: cond.AnyCond) -> Check:
    if isinstance(node, cond.OnPath):
        step = node.on_path
        return lambda scope: scope.decided is not None and step in scope.decided.path
    if isinstance(node, cond.TechniqueIs):
        technique = node.technique
        return lambda scope: scope.decided is not None and scope.decided.technique == technique
    assert isinstance(node, cond.StrategyIs)
    strategy = node.strategy
    return lambda scope: scope.decided is not None and scope.decided.strategy == strategy
