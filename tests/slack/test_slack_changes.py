"""An updated recommendation says what changed, in the user's facts."""

from __future__ import annotations

from bot.advice import Advice, Confidence, Recommendation, Strategy, Technique
from bot.amount import Amount
from bot.facts import Facts
from bot.slack.changes import describe_changes


def _advice(facts: Facts, strategy: Strategy, technique: Technique | None = None) -> Advice:
    rec = Recommendation(
        strategy=strategy, path=[strategy.value], technique=technique, confidence=Confidence.HIGH
    )
    return Advice(facts=facts, questions=[], recommendation=rec, suggested_prompt="p")


def test_a_changed_fact_and_strategy_are_both_named() -> None:
    before = _advice(Facts(labeled_examples=800), Strategy.PROMPT_ENGINEERING)
    after = _advice(
        Facts(labeled_examples=3000, self_hosted=True), Strategy.FINE_TUNING, Technique.LORA
    )
    assert describe_changes(before, after) == [
        "labeled examples 800 → 3,000",
        "self hosted unknown → yes",
        "strategy Better prompting → Fine-tuning",
        "technique none → lora",
    ]


def test_the_same_facts_change_nothing() -> None:
    advice = _advice(Facts(requests_per_day=5000.0), Strategy.RAG)
    assert describe_changes(advice, advice.model_copy(deep=True)) == []


def test_a_figure_given_as_a_range_or_bound_is_named_as_the_user_gave_it() -> None:
    before = _advice(Facts(labeled_examples=Amount(low=300, high=800)), Strategy.RAG)
    after = _advice(Facts(labeled_examples=Amount(low=500)), Strategy.RAG)
    assert describe_changes(before, after) == ["labeled examples 300-800 → 500 or more"]
