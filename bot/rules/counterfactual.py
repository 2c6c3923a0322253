"""Which unknown facts could change the advice: try the values each could take.

Booleans try true and false, categories every value, numbers each side of every
threshold (or other fact) the rules compare them with.

This is the advisor's hottest loop, so the rule book's shape (what each condition reads,
the numbers each fact is compared with) is worked out once per book, a fact no decision
rule reads is not tried, a try re-evaluates only the named conditions that read the fact,
and the answer for one case is kept for the next caller (decide, then the questions).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.facts import FACT_NAMES
from bot.rules.conditions import children
from bot.rules.engine import OUTCOME_PARTS, Outcome, evaluate_shared, outcome_in
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.schema import Cond, FactRef, RuleBook

Opened = dict[str, frozenset[str]]

MAX_BOOKS = 8
MAX_CASES = 32
MAX_OUTCOMES = 4096
"""How many rule books, and per book cases and tried outcomes, the caches keep."""


def open_facts(
    book: RuleBook,
    facts: Mapping[str, Any],
    motives: frozenset[str],
    base: Outcome,
) -> dict[str, set[str]]:
    """Unknown fact -> which of strategy, path, technique some value of it would change."""
    plan = _plan(book)
    key = (
        tuple((k, type(v), v) for k, v in facts.items()),
        motives,
        (base.strategy, base.path, base.technique),
    )
    opened = plan.opened.get(key)
    if opened is None:
        if len(plan.opened) >= MAX_CASES:
            plan.opened.clear()
        opened = plan.opened[key] = _open_facts(plan, facts, motives, base)
    return {name: set(changed) for name, changed in opened.items()}


def _open_facts(
    plan: _Plan, facts: Mapping[str, Any], motives: frozenset[str], base: Outcome
) -> Opened:
    _, scope = evaluate_shared(plan.book, facts, motives)
    read = (tuple((type(v), v) for v in map(facts.get, plan.decision_reads)), motives)
    out: Opened = {}
    for name in FACT_NAMES:
        if facts.get(name) is not None or name not in plan.decision_reads:
            continue
        changed: set[str] = set()
        for value in candidates(plan.book, name, facts):
            key = (read, name, type(value), value)
            outcome = plan.outcomes.get(key)
            if outcome is None:
                if len(plan.outcomes) >= MAX_OUTCOMES:
                    plan.outcomes.clear()
                variant = scope.variant(name, value, plan.keep[name])
                outcome = plan.outcomes[key] = outcome_in(variant)
            changed |= base.differences(outcome)
            if len(changed) == len(OUTCOME_PARTS):
                break  # nothing more to find
        if changed:
            out[name] = frozenset(changed)
    return out


@dataclass
class _Plan:
    """What a rule book's conditions read, worked out once."""

    book: RuleBook
    decision_reads: tuple[str, ...]
    """Every fact (and motive) the strategy, later-step and technique rules read: the
    decision is a function of these alone."""
    keep: dict[str, frozenset[str]]
    """Fact -> the named conditions that do not read it."""
    anchors: dict[str, tuple[float | FactRef, ...]]
    opened: dict[tuple[Any, ...], Opened] = field(default_factory=dict)
    outcomes: dict[tuple[Any, ...], Outcome] = field(default_factory=dict)
    """The decision when one fact is set, by what the decision reads of the case."""

    @classmethod
    def of(cls, book: RuleBook) -> _Plan:
        reads = {n: _reads(c, book) for n, c in book.conditions.items()}
        decision = [r.when for r in book.strategy if r.when is not None]
        decision += [later.when for later in book.later_steps]
        decision += [t.when for t in book.technique if t.when is not None]
        return cls(
            book=book,
            decision_reads=tuple(sorted({n for c in decision for n in _reads(c, book)})),
            keep={f: frozenset(n for n, r in reads.items() if f not in r) for f in FACT_NAMES},
            anchors={f: tuple(_anchors(book, f)) for f in FACT_NAMES},
        )


_PLANS: dict[int, _Plan] = {}


def _plan(book: RuleBook) -> _Plan:
    plan = _PLANS.get(id(book))
    if plan is None or plan.book is not book:
        if len(_PLANS) >= MAX_BOOKS:
            _PLANS.clear()
        plan = _PLANS[id(book)] = _Plan.of(book)
    return plan


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
    for anchor in _plan(book).anchors[name]:
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


def _reads(cond: Cond, book: RuleBook, seen: frozenset[str] = frozenset()) -> set[str]:
    """Every name ``cond`` may look up in the facts or motives, through named conditions."""
    out = {n for n in (cond.fact, cond.motive) if n is not None}
    if cond.ref is not None and cond.ref not in book.conditions:
        out.add(cond.ref)
    elif cond.ref is not None and cond.ref not in seen:
        out |= _reads(book.conditions[cond.ref], book, seen | {cond.ref})
    if isinstance(cond.value, FactRef):
        out.add(cond.value.fact)
    for child in children(cond):
        out |= _reads(child, book, seen)
    return out


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
