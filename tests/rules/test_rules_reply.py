"""The reply reads like an expert wrote it (issue 13), on the triage message of the issue:

"We sort incoming support tickets into 12 fixed categories, roughly 2,000 a day. The
tickets all look alike (consistent format) but use the jargon of industrial equipment.
With GPT-4 and a detailed system prompt we get 87% accuracy. There are 600 labeled tickets
from the past. Fine-tune, or keep working on the prompt?"

Its facts, evidence and details are built as the reader should give them."""

from __future__ import annotations

import pytest

from bot.advice import Advice
from bot.advisor import Advisor
from bot.case import CaseState, Motive, TaskDetails
from bot.facts import Evidence, Facts

TRIAGE = (
    "We sort incoming support tickets into 12 fixed categories, roughly 2,000 a day. The "
    "tickets all look alike (consistent format) but use the jargon of industrial equipment. "
    "With GPT-4 and a detailed system prompt we get 87% accuracy. There are 600 labeled "
    "tickets from the past. Fine-tune, or keep working on the prompt?"
)
JARGON = "use the jargon of industrial equipment"


def quote(words: str) -> Evidence:
    start = TRIAGE.index(words)
    return Evidence(turn=0, start=start, end=start + len(words), quote=words)


def triage(**more: object) -> CaseState:
    return CaseState(
        turns=[TRIAGE],
        facts=Facts(
            task_type="classification",
            requests_per_day=2000,
            labeled_examples=600,
            specialized_domain=True,
            domain="industrial equipment",
            baseline_quality=0.87,
            **more,
        ),
        evidence={
            "specialized_domain": quote(JARGON),
            "baseline_quality": quote("we get 87% accuracy"),
        },
        motives={Motive.WANTS_FINE_TUNING},
        details=TaskDetails(subject="support tickets", label_count=12),
    )


@pytest.fixture(scope="module")
def advice() -> Advice:
    return Advisor().advise(triage())


def test_the_triage_reply_makes_no_claim_about_a_target(advice: Advice) -> None:
    for reason in advice.recommendation.reasons:
        assert "target" not in reason.text
        assert "87%" not in reason.text  # nothing to measure 87% against


def test_the_triage_reply_asks_for_the_target_first(advice: Advice) -> None:
    first = advice.questions[0]
    assert first.fact == "target_quality"
    assert first.text == "What accuracy do you need, measured on a test set of real cases?"
    assert [a.label for a in first.quick_answers] == ["Under 90%", "90-95%", "95% or more"]


def test_having_measured_a_prompt_is_never_asked_whether_prompting_was_tried(
    advice: Advice,
) -> None:
    assert "prompting_exhausted" not in {q.fact for q in advice.questions}
    assert not any("measured a prompt baseline" in a for a in advice.recommendation.assumptions)
    assert "assumed your prompt's 87% is good enough, since you did not say what you need" in (
        advice.recommendation.assumptions
    )


def test_the_triage_reply_quotes_the_decisive_words(advice: Advice) -> None:
    texts = [r.text for r in advice.recommendation.reasons]
    assert f"the domain is specialized (“{JARGON}”), which general models handle less well" in (
        " ".join(texts)
    )


def test_one_sentence_read_for_two_facts_is_quoted_once() -> None:
    sentence = (
        "The tickets all look alike (consistent format) but use the jargon of industrial equipment."
    )
    state = triage(style_consistency=True)
    state.evidence["specialized_domain"] = quote(sentence)
    state.evidence["style_consistency"] = quote(sentence)
    reasons = " ".join(r.text for r in Advisor().advise(state).recommendation.reasons)
    assert reasons.count(sentence) == 1


def test_steps_measure_before_fine_tuning_and_each_says_what_done_looks_like(
    advice: Advice,
) -> None:
    steps = advice.recommendation.next_steps
    assert steps[0].startswith("Start from the suggested prompt below")
    target = next(i for i, s in enumerate(steps) if s.startswith("Agree on the quality you need"))
    measure = next(i for i, s in enumerate(steps) if "fine-tune only if it falls short" in s)
    assert target < measure
    assert not any("fine-tuning service" in s for s in steps)  # fine-tuning is not the step now
    assert all(" Done when " in s for s in steps)


def test_once_fine_tuning_is_the_step_the_pilot_comes_before_scaling_up() -> None:
    steps = Advisor().advise(triage(target_quality=0.95)).recommendation.next_steps
    pilot = next(i for i, s in enumerate(steps) if s.startswith("Pilot a fine-tune on 50-100"))
    scale = next(i for i, s in enumerate(steps) if "scale up with your provider's" in s)
    assert pilot < scale
    assert not any("fine-tune only if it falls short" in s for s in steps)  # measured: it does


def test_the_triage_prompt_has_twelve_label_slots(advice: Advice) -> None:
    slots = [line for line in advice.suggested_prompt.splitlines() if line.startswith("<label ")]
    assert len(slots) == 12
    assert "working in the industrial equipment domain" in advice.suggested_prompt
