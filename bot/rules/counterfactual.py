"""Which unknown facts could change the advice: try the values each could take.

Booleans try true and false, categories every value, numbers each side of every
threshold (or other fact) the rules compare them with.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from bot.facts import FACT_NAMES
from bot.rules.conditions import children
from bot.rules.engine import Outcome, evaluate
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.schema import Cond, FactRef, RuleBook


def open_facts(
    book: RuleBook,
    facts: Mapping[str, Any],
    motives: frozenset[str],
    base: Outcome,
) -> dict[str, set[str]]:
    """Unknown fact -> which of strategy, path, technique some value of it would change."""
    out: dict[str, set[str]] = {}
    for name in FACT_NAMES:
        if facts.get(name) is not None:
            continue
        changed: set[str] = set()
        for value in candidates(book, name, facts):
            outcome, _ = evaluate(book, {**facts, name: value}, motives)
            changed |= base.differences(outcome)
        if changed:
            out[name] = changed
    return out


def candidates(book: RuleBook, name: str, facts: Mapping[str, Any]) -> list[Any]:
    """The values worth trying for fact ``name``."""
    kind = FACT_KINDS[name]
    if kind.kind == "bool":
        return [True, False]
    if kind.kind == "enum":
        return list(kind.choices)
    if kind.kind != "number":
        return []
    step = 1.0 if kind.high is None or kind.high > 1 else 0.01
    values: set[float] = set()
    for anchor in _anchors(book, name):
        point = facts.get(anchor.fact) if isinstance(anchor, FactRef) else anchor
        if point is None:
            continue
        for v in (point - step, point, point + step):
            low = kind.low if kind.low is not None else v
            high = kind.high if kind.high is not None else v
            values.add(round(min(max(v, low), high), 6))
    return sorted(int(v) if kind.integer else v for v in values)


def _anchors(book: RuleBook, name: str) -> Iterator[float | FactRef]:
    for cond in _all_conditions(book):
        for leaf in _leaves(cond):
            right = leaf.value if leaf.value is not None else leaf.is_
            if leaf.fact == name:
                if isinstance(right, FactRef):
                    yield right
                elif isinstance(right, str) and right in book.thresholds:
                    yield book.threshold(right)
                elif isinstance(right, int | float) and not isinstance(right, bool):
                    yield float(right)
            elif isinstance(leaf.value, FactRef) and leaf.value.fact == name and leaf.fact:
                yield FactRef(fact=leaf.fact)


def _leaves(cond: Cond) -> Iterator[Cond]:
    if cond.fact is not None:
        yield cond
    for child in children(cond):
        yield from _leaves(child)


def _all_conditions(book: RuleBook) -> Iterator[Cond]:
    yield from book.conditions.values()
    for rule in book.strategy:
        if rule.when is not None:
            yield rule.when
    for later in book.later_steps:
        yield later.when
    for tech in book.technique:
        if tech.when is not None:
            yield tech.when
