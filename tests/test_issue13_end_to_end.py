"""The issue-13 triage message through the whole advisor, reader included: no claim about
a target, the target asked first, the decisive words quoted short, twelve label slots."""

from __future__ import annotations

import pytest

from bot.advice import Advice
from bot.advisor import Advisor
from bot.case import CaseState

TRIAGE = (
    "We sort incoming support tickets into 12 fixed categories, roughly 2,000 a day. The "
    "tickets all look alike (consistent format) but use the jargon of industrial equipment. "
    "With GPT-4 and a detailed system prompt we get 87% accuracy. There are 600 labeled "
    "tickets from the past. Fine-tune, or keep working on the prompt?"
)


@pytest.fixture(scope="module")
def advisor() -> Advisor:
    return Advisor()


@pytest.fixture(scope="module")
def state(advisor: Advisor) -> CaseState:
    return advisor.start(TRIAGE)


@pytest.fixture(scope="module")
def advice(advisor: Advisor, state: CaseState) -> Advice:
    return advisor.advise(state)


def test_the_reply_claims_nothing_about_a_target(advice: Advice) -> None:
    said = " ".join(
        r.text for r in [*advice.recommendation.reasons, *advice.recommendation.warnings]
    )
    assert "meets your target" not in said and "your target" not in said


def test_the_target_is_asked_first_and_tried_prompting_is_not_asked(
    advisor: Advisor, state: CaseState
) -> None:
    asked = [q.fact for q in advisor.next_step(state, rounds=0).questions]
    assert asked[0] == "target_quality"
    assert "prompting_exhausted" not in asked


def test_the_decisive_words_are_quoted_short(state: CaseState) -> None:
    quotes = {name: e.quote for name, e in state.evidence.items()}
    assert "jargon of industrial" in quotes["specialized_domain"]
    assert all(len(q) <= 60 for q in quotes.values()), quotes
    assert state.facts.style_consistency is not True  # "consistent format" is the input's


def test_the_prompt_has_twelve_label_slots(advice: Advice) -> None:
    slots = [line for line in advice.suggested_prompt.splitlines() if line.startswith("<label ")]
    assert len(slots) == 12
