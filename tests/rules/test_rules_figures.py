"""Figures as the user gave them: the rules reason with the bounds of a range or a bound,
and the reply says what was said, never a figure nobody gave (issue 14).

The facts are built directly: the reader that turns "between 300 and 800" into a range is
tested on its own."""

from __future__ import annotations

import json

from rules_support import case

from bot.advice import Advice, Confidence, Strategy
from bot.advisor import Advisor
from bot.amount import Amount
from bot.case import CaseState
from bot.questions import select_questions
from bot.rules import RuleBook, decide

FT_READY = {"data_quality": "high", "prompting_exhausted": True, "style_consistency": True}
BETWEEN_300_AND_800 = Amount(low=300, high=800)
FIVE_HUNDRED_PLUS = Amount(low=500)
OVER_10K = Amount(low=10_000, low_strict=True)
FEWER_THAN_100 = Amount(high=100, high_strict=True)


def said(advice: Advice) -> str:
    rec = advice.recommendation
    parts = [r.text for r in rec.reasons] + [w.text for w in rec.warnings]
    parts += rec.next_steps + rec.assumptions + [q.text for q in advice.questions]
    if rec.cost is not None:
        parts += [rec.cost.basis, rec.cost.summary, *rec.cost.notes]
    return "\n".join(parts)


def test_500_or_more_meets_the_500_threshold_and_is_said_as_500_or_more(book: RuleBook) -> None:
    rec = decide(case(**FT_READY, labeled_examples=FIVE_HUNDRED_PLUS), book)
    assert rec.strategy is Strategy.FINE_TUNING
    enough = next(r for r in rec.reasons if "examples" in r.text)
    assert enough.text.startswith("you have 500 or more reviewed examples")


def test_a_range_straddling_500_is_asked_about_the_500_threshold(book: RuleBook) -> None:
    state = case(**FT_READY, labeled_examples=BETWEEN_300_AND_800)
    first = select_questions(state, book)[0]
    assert first.fact == "labeled_examples"
    assert first.text == "You said 300-800 examples: are at least 500 of them reviewed and usable?"
    yes, no = first.quick_answers
    assert (yes.label, yes.value) == ("Yes, 500+", Amount(low=500, high=800))
    assert (no.label, no.value) == ("Fewer than 500", Amount(low=300, high=500, high_strict=True))


def test_a_skipped_straddle_is_a_stated_assumption_and_lowers_confidence(book: RuleBook) -> None:
    exact = decide(case(**FT_READY, labeled_examples=800, needs_knowledge=False), book)
    ranged = decide(
        case(**FT_READY, labeled_examples=BETWEEN_300_AND_800, needs_knowledge=False), book
    )
    assert exact.strategy is Strategy.FINE_TUNING and exact.confidence is Confidence.HIGH
    assert ranged.strategy is Strategy.PROMPT_ENGINEERING
    assert ranged.confidence is not Confidence.HIGH
    assert "assumed fewer than 500 of your 300-800 examples are reviewed and usable" in (
        ranged.assumptions
    )
    assert not any("below the 500" in r.text for r in ranged.reasons)  # not claimed either way


def test_over_10k_a_day_holds_the_high_volume_driver(book: RuleBook) -> None:
    rec = decide(case(**{**FT_READY, "style_consistency": None}, labeled_examples=600,
                      requests_per_day=OVER_10K), book)  # fmt: skip
    assert rec.strategy is Strategy.FINE_TUNING
    assert any("you expect over 10,000 requests a day" in r.text for r in rec.reasons)


def test_the_cost_table_for_over_10k_names_the_point_it_assumed_and_why(book: RuleBook) -> None:
    cost = decide(case(requests_per_day=OVER_10K), book).cost
    assert cost is not None
    assert cost.computed_at == [10_000]
    assert cost.basis.startswith(
        "Computed at 10,000 requests a day, the lower bound of what you gave (over 10,000)"
    )
    assert cost.summary.startswith("At 10,000 requests a day")


def test_the_cost_table_for_a_range_is_computed_at_both_ends(book: RuleBook) -> None:
    cost = decide(case(requests_per_day=Amount(low=5_000, high=20_000)), book).cost
    assert cost is not None
    assert cost.computed_at == [5_000, 20_000]
    assert [(m.model, m.requests_per_day) for m in cost.models] == [
        ("gpt-4.1-mini", 5_000),
        ("gpt-4.1", 5_000),
        ("gpt-4.1-mini", 20_000),
        ("gpt-4.1", 20_000),
    ]
    assert cost.basis == (
        "Computed at both ends of the volume you gave: 5,000 and 20,000 requests a day."
    )


def test_fewer_than_100_examples_are_too_few_for_fine_tuning(book: RuleBook) -> None:
    rec = decide(case(**FT_READY, labeled_examples=FEWER_THAN_100), book)
    assert rec.path == ["prompt_engineering"]
    assert any(
        "fewer than 100 labeled examples are too few to fine-tune" in r.text for r in rec.reasons
    )
    assert "too-few-examples" in {w.rule for w in rec.warnings}


def test_no_reply_names_a_figure_nobody_gave(book: RuleBook) -> None:
    advisor = Advisor(rulebook=book)
    for given in (FIVE_HUNDRED_PLUS, BETWEEN_300_AND_800, FEWER_THAN_100):
        state = case(**FT_READY, labeled_examples=given, requests_per_day=OVER_10K)
        text = said(advisor.advise(state))
        for invented in ("550", "1,000 examples", "1,000 reviewed", "20,000", "50 examples"):
            assert invented not in text, (given, invented)


def test_json_gives_an_exact_figure_as_a_number_and_a_bound_as_low_and_high() -> None:
    state = CaseState(
        turns=["We classify tickets."],
        facts=case(labeled_examples=FIVE_HUNDRED_PLUS, requests_per_day=2000).facts,
    )
    data = json.loads(json.dumps(Advisor().advise(state).contract()))
    assert data["facts"]["requests_per_day"] == 2000
    assert data["facts"]["labeled_examples"] == {"low": 500, "high": None}
