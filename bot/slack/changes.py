"""What changed between two pieces of advice, in words for the updated recommendation."""

from __future__ import annotations

from typing import Any

from bot.advice import Advice
from bot.slack import wording


def _show(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def describe_changes(before: Advice, after: Advice) -> list[str]:
    """One phrase per changed fact, then the strategy, technique or path if they changed."""
    old, new = before.facts.model_dump(mode="json"), after.facts.model_dump(mode="json")
    found = [
        wording.change(name, _show(old[name]), _show(new[name]))
        for name in new
        if old[name] != new[name]
    ]
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
