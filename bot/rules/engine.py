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

    def parts(self) -> Parts:
        return self.strategy, self.path, self.technique

    def decided(self) -> Decided:
        technique = self.technique.value if self.technique else None
        return Decided(self.strategy.value, self.path, technique)

    def differences(self, other: Outcome) -> frozenset[str]:
        """Which of strategy, path, technique differ from ``other``."""
        return differences(self.parts(), other.parts())


def outcome_in(book: RuleBook, scope: Scope) -> Outcome:
    """The outcome the rules decide in ``scope`` (a deciding scope: unknown is false)."""
    rule = _strategy_rule(book, scope)
    path = list(rule.path)
    later: list[LaterStep] = []
    for step in book.later_steps:
        if step.step not in path and step.when(scope) is True:
            path.append(step.step)
            later.append(step)
    chosen = _technique_rule(book, scope) if FINE_TUNING in path else None
    technique = chosen.technique if chosen else None
    return Outcome(rule.strategy, tuple(path), technique, rule, tuple(later), chosen)


Parts = tuple[Strategy, tuple[str, ...], Technique | None]
"""Strategy, path and technique: what a try of an open fact compares."""


def parts_in(book: RuleBook, scope: Scope) -> Parts:
    """:func:`outcome_in` without the rules that decided it (the hot loop's form)."""
    rule = _strategy_rule(book, scope)
    path = rule.path
    for step in book.later_steps:
        if step.step not in path and step.when(scope) is True:
            path = (*path, step.step)
    chosen = _technique_rule(book, scope) if FINE_TUNING in path else None
    return rule.strategy, path, chosen.technique if chosen else None


NOTHING: frozenset[str] = frozenset()


def differences(a: Parts, b: Parts) -> frozenset[str]:
    """Which of strategy, path, technique differ between two outcomes."""
    if a == b:
        return NOTHING  # most tries change nothing
    return frozenset(name for name, x, y in zip(OUTCOME_PARTS, a, b, strict=True) if x != y)


def _strategy_rule(book: RuleBook, scope: Scope) -> StrategyRule:
    for rule in book.strategy:
        if rule.when is None or rule.when(scope) is True:
            return rule
    raise AssertionError("the last strategy rule has no 'when' (checked at load)")


def _technique_rule(book: RuleBook, scope: Scope) -> TechniqueRule | None:
    for rule in book.technique:
        if rule.when is None or rule.when(scope) is True:
            return rule
    return None
