"""The decision: strategy, path and technique from the facts, by the compiled rules.

A rule applies when its condition surely holds; an undecided one (a range straddling a
threshold) does not, and the advice says what it assumed (:mod:`bot.rules.analysis`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.advice import Strategy, Technique
from bot.rules.book import LaterStep, RuleBook, StrategyRule, TechniqueRule
from bot.rules.evaluate import Decided, Scope

FINE_TUNING = "fine_tuning"
"""A technique is chosen whenever this step is on the path."""

OUTCOME_PARTS = ("strategy", "path", "technique")
"""What :meth:`Outcome.differences` may name."""


@dataclass(frozen=True, slots=True)
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

    def differences(self, other: Outcome) -> frozenset[str]:
        """Which of strategy, path, technique differ from ``other``."""
        out = []
        if self.strategy is not other.strategy:
            out.append("strategy")
        if self.path != other.path:
            out.append("path")
        if self.technique is not other.technique:
            out.append("technique")
        return frozenset(out)


def outcome_in(book: RuleBook, scope: Scope) -> Outcome:
    """The outcome the rules decide in ``scope`` (a deciding scope: unknown is false)."""
    rule = next(r for r in book.strategy if r.when is None or r.when(scope) is True)
    path = list(rule.path)
    later: list[LaterStep] = []
    for step in book.later_steps:
        if step.step not in path and step.when(scope) is True:
            path.append(step.step)
            later.append(step)
    chosen: TechniqueRule | None = None
    if FINE_TUNING in path:
        chosen = next((t for t in book.technique if t.when is None or t.when(scope) is True), None)
    technique = chosen.technique if chosen else None
    return Outcome(rule.strategy, tuple(path), technique, rule, tuple(later), chosen)
