"""What changed between two pieces of advice, in words for the updated recommendation."""

from __future__ import annotations

from typing import Any

from bot.advice import Advice
from bot.facts import FACT_NAMES
from bot.rules import format_fact
from bot.slack import wording


def _show(name: str, value: Any) -> str:
    """A fact as the user gave it: "800", "300-800", "500 or more"; "unknown" when unknown."""
    return "unknown" if value is None else format_fact(name, value)


def describe_changes(before: Advice, after: Advice) -> list[str]:
    """One phrase per changed fact, then the strategy, technique or path if they changed."""
    found = []
    for name in FACT_NAMES:
        old, new = getattr(before.facts, name), getattr(after.facts, name)
        if old != new:
            found.append(wording.change(name, _show(name, old), _show(name, new)))
    b, a = before.recommendation, after.recommendation
    if b.strategy != a.strategy:
        found.append(wording.change("strategy", _label(b.strategy.value), _label(a.strategy.value)))
    if b.technique != a.technique:
        found.append(
            wording.change(
                "technique",
                b.technique.value if b.technique else "none",
                a.technique.value if a.technique else "none",
            )
        )
    if b.path != a.path and b.strategy == a.strategy:
        found.append(wording.change("path", wording.path(b.path), wording.path(a.path)))
    return found


def _label(strategy: str) -> str:
    return wording.STRATEGY_LABELS.get(strategy, strategy)
