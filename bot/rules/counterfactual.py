"""Which facts could change the advice: try the values each could take.

An unknown fact tries every value that matters: yes and no, each category, and for a
number each piece of its range cut at the thresholds (and other facts) the rules compare
it with. A figure given as a range or a bound tries the pieces it straddles; when they
decide differently, it is open too, and :class:`Straddle` says at which threshold.

Only facts the decision reads are tried, and a try re-evaluates only the named
conditions that read the fact. Everything here is per call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.amount import Amount
from bot.rules.book import RuleBook
from bot.rules.conditions import FactRef
from bot.rules.engine import OUTCOME_PARTS, Outcome, Parts, differences, parts_in
from bot.rules.evaluate import Scope
from bot.rules.facts_meta import FACT_KINDS
from bot.rules.intervals import at_least, below, split
from bot.rules.plan import distinct, verdicts


@dataclass(frozen=True, slots=True)
class Straddle:
    """A figure given as a range or bound that straddles a threshold deciding the advice."""

    fact: str
    threshold: float
    below: Amount
    """The figure given, below the threshold."""
    at_least: Amount
    """The figure given, at or above the threshold."""


def candidates(book: RuleBook, name: str, facts: Mapping[str, Any]) -> list[Any]:
    """The values worth trying for an unknown fact ``name``."""
    kind = FACT_KINDS[name]
    if kind.kind == "bool":
        return [True, False]
    if kind.kind == "enum":
        return list(kind.choices)
    if kind.kind != "number":
        return []
    fixed = book.plan.unknown_pieces.get(name)
    if fixed is not None:
        return list(fixed) if len(fixed) > 1 else []
    pieces = split(Amount(low=kind.low, high=kind.high), _points(book, name, facts))
    tried = distinct(pieces, book.plan.tests[name], facts)
    return tried if len(tried) > 1 else []


def _points(book: RuleBook, name: str, facts: Mapping[str, Any]) -> list[float]:
    out: list[float] = []
    for _, anchor in book.plan.tests.get(name, ()):
        if isinstance(anchor, FactRef):
            other = facts.get(anchor.fact)
            if isinstance(other, Amount):
                out += other.points()
        else:
            out.append(anchor)
    return out


def _runs(
    pieces: list[Amount], name: str, book: RuleBook, facts: Mapping[str, Any]
) -> list[Amount]:
    """The pieces of a given figure merged where every comparison treats them alike, in
    order: each run starts at a threshold that decides something."""
    tests = book.plan.tests[name]
    out: list[Amount] = []
    last: tuple[bool | None, ...] | None = None
    for piece in pieces:
        verdict = verdicts(piece, tests, facts)
        if verdict != last:
            out.append(piece)
            last = verdict
    return out


def open_facts(
    book: RuleBook, scope: Scope, base: Outcome
) -> tuple[dict[str, frozenset[str]], dict[str, Straddle]]:
    """Fact -> which of strategy, path, technique some value of it would change; and for
    each such figure given as a range, the threshold it straddles."""
    facts = scope.facts
    opened: dict[str, frozenset[str]] = {}
    straddles: dict[str, Straddle] = {}
    decided = base.parts()
    for name in book.plan.decision_reads:
        value = facts.get(name)
        if value is None:
            changed = _changes(book, scope, decided, name, candidates(book, name, facts))
        elif isinstance(value, Amount) and not value.exact:
            pieces = _runs(split(value, _points(book, name, facts)), name, book, facts)
            if len(pieces) < 2:
                continue
            keep = book.plan.keep[name]
            outcomes = [parts_in(book, scope.variant(name, p, keep)) for p in pieces]
            changed = frozenset().union(*(differences(decided, o) for o in outcomes))
            found = _straddle(name, value, pieces, outcomes)
            if found is not None and changed:
                straddles[name] = found
        else:
            continue
        if changed:
            opened[name] = changed
    return opened, straddles


def _changes(
    book: RuleBook, scope: Scope, base: Parts, name: str, values: list[Any]
) -> frozenset[str]:
    changed: frozenset[str] = frozenset()
    keep = book.plan.keep[name]
    for value in values:
        changed |= differences(base, parts_in(book, scope.variant(name, value, keep)))
        if len(changed) == len(OUTCOME_PARTS):
            break  # nothing more to find
    return changed


def _straddle(
    name: str, value: Amount, pieces: list[Amount], outcomes: list[Parts]
) -> Straddle | None:
    """The first threshold between two pieces that decide differently."""
    for i in range(1, len(pieces)):
        if outcomes[i] != outcomes[i - 1]:
            edge = pieces[i].low if pieces[i].low is not None else pieces[i - 1].high
            if edge is None:
                continue
            low_part, high_part = below(value, edge), at_least(value, edge)
            if low_part is not None and high_part is not None:
                return Straddle(name, edge, low_part, high_part)
    return None
