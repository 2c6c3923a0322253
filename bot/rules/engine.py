"""The decision: strategy, path and technique from the facts, by the rules' data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.advice import Strategy, Technique
from bot.rules.conditions import Decided, Scope
from bot.rules.schema import LaterStep, RuleBook, StrategyRule, TechniqueRule

FINE_TUNING = "fine_tuning"
"""A technique is chosen whenever this step is on the path."""

OUTCOME_PARTS = ("strategy", "path", "technique")
"""What :meth:`Outcome.differences` may name."""


@dataclass(frozen=True)
class Outcome:
    """What the rules decided, and which rules decided it."""

    strategy: Strategy
    path: tuple[str, ...]
    technique: Technique | None
    rule: StrategyRule
    later: tuple[LaterStep, ...]
    technique_rule: TechniqueRule | None

    def decided(self) -> Decided:
        technique = self.technique.value if self.technique else None
        return Decided(self.strategy.value, self.path, technique)

    def differences(self, other: Outcome) -> set[str]:
        """Which of strategy, path, technique differ from ``other``."""
        pairs = {
            "strategy": (self.strategy, other.strategy),
            "path": (self.path, other.path),
            "technique": (self.technique, other.technique),
        }
        return {name for name, (a, b) in pairs.items() if a != b}


def evaluate(
    book: RuleBook, facts: Mapping[str, Any], motives: frozenset[str] = frozenset()
) -> tuple[Outcome, Scope]:
    """The outcome for these facts, and the scope it was decided in."""
    scope = Scope(book, facts, motives)
    return outcome_in(scope), scope


_RECENT: dict[tuple[Any, ...], tuple[RuleBook, Outcome, Scope]] = {}
MAX_RECENT = 32


def evaluate_shared(
    book: RuleBook, facts: Mapping[str, Any], motives: frozenset[str] = frozenset()
) -> tuple[Outcome, Scope]:
    """:func:`evaluate`, done once for the several readers of one case (the decision,
    its questions, the counterfactual tries); the scope keeps what it has found since."""
    key = (id(book), tuple((k, type(v), v) for k, v in facts.items()), motives)
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is book:
        return hit[1], hit[2]
    if len(_RECENT) >= MAX_RECENT:
        _RECENT.clear()
    outcome, scope = evaluate(book, dict(facts), motives)
    _RECENT[key] = (book, outcome, scope)
    return outcome, scope


def outcome_in(scope: Scope) -> Outcome:
    """The outcome the rules decide in ``scope``."""
    book = scope.book
    rule = next(r for r in book.strategy if r.when is None or scope.holds(r.when))
    path = list(rule.path)
    later: list[LaterStep] = []
    for step in book.later_steps:
        if step.step not in path and scope.holds(step.when):
            path.append(step.step)
            later.append(step)
    chosen: TechniqueRule | None = None
    if FINE_TUNING in path:
        chosen = next((t for t in book.technique if t.when is None or scope.holds(t.when)), None)
    technique = chosen.technique if chosen else None
    return Outcome(rule.strategy, tuple(path), technique, rule, tuple(later), chosen)
