"""Hand-built cases for the prompt tests: the templates need only facts and a strategy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.advice import Confidence, Recommendation, Strategy
from bot.case import CaseState, TaskDetails
from bot.facts import Facts

MakeCase = Callable[..., tuple[CaseState, Recommendation]]


def make_case(
    description: str = "We sort support tickets into queues.",
    strategy: Strategy = Strategy.PROMPT_ENGINEERING,
    details: TaskDetails | None = None,
    **facts: Any,
) -> tuple[CaseState, Recommendation]:
    state = CaseState(turns=[description], facts=Facts(**facts), details=details or TaskDetails())
    rec = Recommendation(strategy=strategy, path=[strategy.value], confidence=Confidence.LOW)
    return state, rec
