"""The policy, measured on the labeled facts of the eval cases (shared/eval/cases.jsonl).

The facts are the labels, not the parser's reading, so this measures the rules alone.
"""

from __future__ import annotations

from typing import Any

import pytest
from rules_support import EVAL_CASES, eval_cases, labeled_facts

from bot.case import CaseState
from bot.questions import select_questions
from bot.rules import RuleBook, decide

CASES = eval_cases()
SINGLE_TURN = [c for c in CASES if len(c["turns"]) == 1]
needs_cases = pytest.mark.skipif(not CASES, reason=f"eval cases not found at {EVAL_CASES}")


def _ids(cases: list[dict[str, Any]]) -> list[str]:
    return [c["id"] for c in cases]


@needs_cases
@pytest.mark.parametrize("labeled", CASES or [None], ids=_ids(CASES) or ["none"])
def test_rules_give_the_labeled_strategy_and_technique(
    labeled: dict[str, Any], book: RuleBook
) -> None:
    advice = decide(CaseState(facts=labeled_facts(labeled["expect"])), book)
    technique = advice.technique.value if advice.technique else None
    assert (advice.strategy.value, technique) == (labeled["strategy"], labeled["technique"])


@needs_cases
@pytest.mark.parametrize("labeled", SINGLE_TURN or [None], ids=_ids(SINGLE_TURN) or ["none"])
def test_questions_after_first_turn_ask_what_the_case_must_ask(
    labeled: dict[str, Any], book: RuleBook
) -> None:
    asked = {
        q.fact for q in select_questions(CaseState(facts=labeled_facts(labeled["expect"])), book)
    }
    assert set(labeled["must_ask"]) <= asked
    assert not set(labeled["must_not_ask"]) & asked
