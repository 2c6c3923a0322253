"""Scoring one case and adding cases up (bot.evaluation), on tiny hand-made cases."""

from __future__ import annotations

from typing import Any

import pytest

from bot.evaluation import EvalCase, Observed, fact_matches, score_case, summarize


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        (2000, 2150.0, True),
        (2000, 2250.0, False),
        (0.84, 0.84, True),
        (0, 0, True),
        (0, 1, False),
        ([100, 200], 95, True),
        ([100, 200], 219, True),
        ([100, 200], 225, False),
        ([100, 200], 85, False),
        (None, None, True),
        (None, 5, False),
        (5, None, False),
        (True, True, True),
        (True, False, False),
        (True, 1, False),
        (1, True, False),
        ("classification", "classification", True),
        ("legal", "Legal", True),
        ("high", "mixed", False),
    ],
)
def test_fact_matches_numbers_within_ten_percent_ranges_and_nulls(
    expected: Any, actual: Any, ok: bool
) -> None:
    assert fact_matches(expected, actual) is ok


def case(**overrides: Any) -> EvalCase:
    data: dict[str, Any] = {
        "id": "c1",
        "turns": ["text"],
        "expect": {"requests_per_day": 1000, "needs_knowledge": None},
        "strategy": "rag",
        "technique": None,
        "must_ask": ["labeled_examples"],
        "must_not_ask": ["requests_per_day"],
    }
    return EvalCase.model_validate({**data, **overrides})


def test_a_case_seen_as_expected_is_not_wrong() -> None:
    seen = Observed(
        facts={"requests_per_day": 1050, "needs_knowledge": None},
        strategy="rag",
        asked=["labeled_examples"],
    )
    result = score_case(case(), seen)
    assert not result.wrong
    assert result.technique_ok is None


def test_a_case_lists_every_difference() -> None:
    seen = Observed(
        facts={"requests_per_day": 2000, "needs_knowledge": True},
        strategy="fine_tuning",
        technique="lora",
        asked=["requests_per_day"],
    )
    result = score_case(case(technique="hosted_sft"), seen)
    assert result.wrong
    assert result.wrong_facts == {"requests_per_day": (1000, 2000), "needs_knowledge": (None, True)}
    assert result.strategy == ("rag", "fine_tuning")
    assert result.technique_ok is False
    assert result.missed_asks == ["labeled_examples"]
    assert result.bad_asks == ["requests_per_day"]


def test_a_case_that_crashed_counts_as_wrong_with_its_error() -> None:
    result = score_case(case(), Observed(error="ValueError: boom"))
    assert result.wrong
    assert result.error == "ValueError: boom"
    assert not result.strategy_ok


def test_summary_counts_technique_only_where_expected_and_recall_over_all_asks() -> None:
    good = score_case(
        case(technique="dpo"),
        Observed(facts={"requests_per_day": 1000}, strategy="rag", technique="dpo", asked=[]),
    )
    bad = score_case(
        case(must_ask=["a_fact", "labeled_examples"]),
        Observed(facts={}, strategy="fine_tuning", asked=["labeled_examples", "requests_per_day"]),
    )
    summary = summarize([good, bad])
    assert (summary.strategy.right, summary.strategy.total) == (1, 2)
    assert (summary.technique.right, summary.technique.total) == (1, 1)
    assert (summary.must_ask.right, summary.must_ask.total) == (1, 3)
    assert summary.must_not_ask_violations == 1
    assert summary.must_not_ask_checked == 2
    assert summary.per_fact["requests_per_day"].right == 1
    assert summary.per_fact["needs_knowledge"].total == 2
    assert "self_hosted" not in summary.per_fact
    assert summary.wrong == 2


def test_summary_of_no_cases_is_zero_not_a_division_error() -> None:
    summary = summarize([])
    assert summary.strategy.percent == 0.0
