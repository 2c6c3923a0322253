"""Each rule of ADVICE_POLICY.md, on small hand-written cases."""

from __future__ import annotations

import pytest
from rules_support import case

from bot.advice import Confidence, Strategy, Technique
from bot.case import Motive
from bot.facts import Evidence
from bot.rules import RuleBook, decide

PE, RAG, FT = "prompt_engineering", "rag", "fine_tuning"
FT_READY = {
    "labeled_examples": 600,
    "data_quality": "high",
    "prompting_exhausted": True,
    "style_consistency": True,
}


def test_fine_tuning_when_data_ok_prompting_exhausted_and_a_driver(book: RuleBook) -> None:
    advice = decide(case(**FT_READY), book)
    assert advice.strategy is Strategy.FINE_TUNING
    assert advice.path == [PE, FT]
    assert advice.technique is Technique.HOSTED_SFT


def test_rag_and_fine_tuning_when_knowledge_is_needed_too(book: RuleBook) -> None:
    advice = decide(case(**FT_READY, needs_knowledge=True), book)
    assert advice.strategy is Strategy.RAG_FINE_TUNING
    assert advice.path == [PE, RAG, FT]


def test_rag_when_knowledge_is_needed_without_a_fine_tuning_case(book: RuleBook) -> None:
    advice = decide(case(needs_knowledge=True, labeled_examples=0), book)
    assert (advice.strategy, advice.path, advice.technique) == (Strategy.RAG, [PE, RAG], None)


def test_prompt_engineering_when_nothing_is_known(book: RuleBook) -> None:
    advice = decide(case(), book)
    assert (advice.strategy, advice.path, advice.technique) == (
        Strategy.PROMPT_ENGINEERING,
        [PE],
        None,
    )
    assert advice.confidence is Confidence.LOW


@pytest.mark.parametrize(("examples", "strategy"), [(499, PE), (500, FT)])
def test_min_examples_is_inclusive(book: RuleBook, examples: int, strategy: str) -> None:
    facts = {**FT_READY, "labeled_examples": examples}
    assert decide(case(**facts), book).strategy.value == strategy


@pytest.mark.parametrize(("quality", "strategy"), [("low", PE), ("mixed", FT), (None, FT)])
def test_only_low_quality_data_blocks_fine_tuning(
    book: RuleBook, quality: str | None, strategy: str
) -> None:
    facts = {**FT_READY, "data_quality": quality}
    assert decide(case(**facts), book).strategy.value == strategy


@pytest.mark.parametrize(
    "driver",
    [
        {"requests_per_day": 10000},
        {"specialized_domain": True},
        {"style_consistency": True},
        {"latency_sensitive": True},
    ],
)
def test_any_one_driver_makes_a_fine_tuning_case(book: RuleBook, driver: dict[str, object]) -> None:
    facts = {**FT_READY, "style_consistency": None, **driver}
    assert decide(case(**facts), book).strategy is Strategy.FINE_TUNING


def test_volume_just_under_the_threshold_is_no_driver(book: RuleBook) -> None:
    facts = {**FT_READY, "style_consistency": None, "requests_per_day": 9999}
    assert decide(case(**facts), book).strategy is Strategy.PROMPT_ENGINEERING


def test_baseline_below_target_counts_as_prompting_exhausted(book: RuleBook) -> None:
    facts = {**FT_READY, "prompting_exhausted": None, "baseline_quality": 0.8}
    assert decide(case(**facts, target_quality=0.9), book).strategy is Strategy.FINE_TUNING
    assert decide(case(**facts, target_quality=0.8), book).strategy is Strategy.PROMPT_ENGINEERING


def test_explicit_prompting_not_exhausted_wins_over_the_numbers(book: RuleBook) -> None:
    facts = {**FT_READY, "prompting_exhausted": False, "baseline_quality": 0.8}
    advice = decide(case(**facts, target_quality=0.9), book)
    assert advice.strategy is Strategy.PROMPT_ENGINEERING
    assert advice.path == [PE, FT]


@pytest.mark.parametrize(
    ("facts", "path"),
    [
        ({"style_consistency": True}, [PE, FT]),
        ({"style_consistency": True, "labeled_examples": 100}, [PE, FT]),
        ({"style_consistency": True, "labeled_examples": 99}, [PE]),
        ({"style_consistency": True, "data_quality": "low"}, [PE]),
        ({"labeled_examples": 5000, "data_quality": "high"}, [PE]),
        ({"needs_knowledge": True, "requests_per_day": 20000}, [PE, RAG, FT]),
    ],
)
def test_fine_tuning_is_a_later_step_when_a_driver_holds_and_data_is_not_ruled_out(
    book: RuleBook, facts: dict[str, object], path: list[str]
) -> None:
    advice = decide(case(**facts), book)
    assert advice.path == path
    assert (advice.technique is not None) == (FT in path)


def test_later_fine_tuning_says_what_must_become_true_first(book: RuleBook) -> None:
    steps = decide(case(style_consistency=True, labeled_examples=200), book).next_steps
    assert any("measure it on the held-out test set" in s for s in steps)
    assert any("at least 500 reviewed" in s for s in steps)


@pytest.mark.parametrize(
    ("facts", "technique"),
    [
        ({"preference_data": True, "self_hosted": True}, Technique.DPO),
        ({"self_hosted": True}, Technique.LORA),
        ({"self_hosted": False}, Technique.HOSTED_SFT),
    ],
)
def test_technique_prefers_dpo_then_lora_then_hosted_sft(
    book: RuleBook, facts: dict[str, object], technique: Technique
) -> None:
    assert decide(case(**FT_READY, **facts), book).technique is technique


def test_confidence_is_high_when_no_unknown_fact_could_change_the_advice(book: RuleBook) -> None:
    facts = {**FT_READY, "needs_knowledge": False}
    assert decide(case(**facts), book).confidence is Confidence.HIGH


def test_reasons_name_their_rule_and_quote_the_facts(book: RuleBook) -> None:
    reasons = decide(case(**FT_READY), book).reasons
    enough = next(r for r in reasons if "600" in r.text)
    assert enough.rule == "fine-tuning"
    assert (
        enough.text == "you have 600 reviewed examples, at or above the 500 that fine-tuning needs"
    )
    assert enough.facts == ["labeled_examples", "data_quality"]


def test_reasons_quote_the_users_own_words_when_the_parser_kept_them(book: RuleBook) -> None:
    state = case(**FT_READY)
    state.evidence["style_consistency"] = Evidence(
        turn=0, start=0, end=20, quote="must sound like us"
    )
    texts = [r.text for r in decide(state, book).reasons]
    assert (
        "the output must keep the same voice, format or schema every time (“must sound like us”)"
        in texts
    )


def test_reasons_leave_out_sentences_about_unknown_facts(book: RuleBook) -> None:
    texts = " ".join(r.text for r in decide(case(**FT_READY), book).reasons)
    assert "None" not in texts and "{" not in texts


WARNINGS = [
    ({"motives": [Motive.TEACH_FACTS]}, "ft-does-not-teach-facts", ["teach_facts"]),
    (
        {"motives": [Motive.REDUCE_HALLUCINATIONS]},
        "ft-does-not-fix-hallucinations",
        ["reduce_hallucinations"],
    ),
    ({"motives": [Motive.MAKE_SMARTER]}, "ft-does-not-fix-hallucinations", ["make_smarter"]),
    ({"data_quality": "low"}, "low-quality-data", ["data_quality"]),
    ({"labeled_examples": 40}, "too-few-examples", ["labeled_examples"]),
    (FT_READY, "fine-tuning-discipline", ["labeled_examples", "prompting_exhausted"]),
    ({}, "no-baseline", ["baseline_quality"]),
    ({"motives": [Motive.WANTS_FINE_TUNING]}, "example-counts", ["labeled_examples"]),
    (FT_READY, "hosted-fine-tunes-expire", ["self_hosted", "preference_data"]),
    ({"motives": [Motive.COST]}, "cost-motive", ["cost"]),
]


@pytest.mark.parametrize(("given", "rule", "facts"), WARNINGS, ids=[w[1] for w in WARNINGS])
def test_each_policy_warning_names_what_triggered_it(
    book: RuleBook, given: dict[str, object], rule: str, facts: list[str]
) -> None:
    given = dict(given)
    motives = given.pop("motives", [])
    assert isinstance(motives, list)
    warnings = {w.rule: w for w in decide(case(*motives, **given), book).warnings}
    assert rule in warnings
    assert warnings[rule].facts == facts


def test_no_hosted_warning_for_self_hosted_fine_tuning(book: RuleBook) -> None:
    warnings = {w.rule for w in decide(case(**FT_READY, self_hosted=True), book).warnings}
    assert "hosted-fine-tunes-expire" not in warnings
    assert "fine-tuning-discipline" in warnings


def test_assumptions_state_each_unknown_fact_that_could_change_the_advice(book: RuleBook) -> None:
    assumptions = decide(case(), book).assumptions
    assert (
        "assumed the answers do not depend on your own documents or on information that changes"
        in assumptions
    )
    assert "assumed a volume under 10,000 requests a day" in assumptions
    assert (
        decide(
            case(**FT_READY, needs_knowledge=False, self_hosted=False, preference_data=False), book
        ).assumptions
        == []
    )


def test_cost_is_attached_when_the_volume_is_known(book: RuleBook) -> None:
    assert decide(case(), book).cost is None
    cost = decide(case(requests_per_day=2000), book).cost
    assert cost is not None and cost.requests_per_day.value == 2000


def test_confidence_is_medium_when_only_the_later_path_is_open(book: RuleBook) -> None:
    # rag is settled; volume, domain, style and latency could only add fine-tuning later
    assert decide(case(needs_knowledge=True), book).confidence is Confidence.MEDIUM
