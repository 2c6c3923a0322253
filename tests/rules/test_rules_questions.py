"""Follow-up questions: only unknown facts that could change the advice, most decisive first."""

from __future__ import annotations

from rules_support import case

from bot.amount import format_amount
from bot.case import CaseState
from bot.facts import FACT_NAMES, Facts
from bot.questions import select_questions
from bot.rules import RuleBook, analyse
from bot.rules.counterfactual import candidates
from bot.rules.facts_meta import FACT_KINDS


def asked(book: RuleBook, **facts: object) -> list[str]:
    return [q.fact for q in select_questions(case(**facts), book)]


def test_a_known_fact_is_never_asked(book: RuleBook) -> None:
    given = {"requests_per_day": 50.0, "needs_knowledge": False, "specialized_domain": False}
    assert not set(asked(book, **given)) & set(given)


def test_facts_that_cannot_change_the_advice_are_not_asked(book: RuleBook) -> None:
    # nothing favours fine-tuning yet, so the number of examples changes nothing
    questions = asked(book)
    assert "labeled_examples" not in questions
    assert "preference_data" not in questions


def test_examples_are_asked_once_fine_tuning_is_on_the_path(book: RuleBook) -> None:
    questions = asked(book, needs_knowledge=True, requests_per_day=15000)
    assert questions[:2] == ["labeled_examples", "data_quality"]


def test_the_technique_is_asked_for_only_once_fine_tuning_is_the_advice_now(
    book: RuleBook,
) -> None:
    later = asked(book, needs_knowledge=True, requests_per_day=15000)  # on the path only
    assert "self_hosted" not in later and "preference_data" not in later
    now = asked(
        book,
        labeled_examples=800,
        data_quality="high",
        style_consistency=True,
        prompting_exhausted=True,
    )
    assert "self_hosted" in now and "preference_data" in now


def test_most_decisive_first(book: RuleBook) -> None:
    # needs_knowledge changes the strategy (fine-tuning alone, or with RAG); self_hosted
    # only the technique
    questions = asked(
        book,
        labeled_examples=800,
        data_quality="high",
        style_consistency=True,
        prompting_exhausted=True,
    )
    assert questions.index("needs_knowledge") < questions.index("self_hosted")


def test_measured_shortfall_is_not_asked_again_as_prompting_exhausted(book: RuleBook) -> None:
    facts = {"labeled_examples": 800, "style_consistency": True}
    assert "prompting_exhausted" in asked(book, **facts)
    below = asked(book, **facts, baseline_quality=0.7, target_quality=0.9)
    assert "prompting_exhausted" not in below


def test_questions_carry_text_and_quick_answers_from_the_rules(book: RuleBook) -> None:
    question = next(
        q
        for q in select_questions(case(needs_knowledge=True, requests_per_day=15000), book)
        if q.fact == "labeled_examples"
    )
    assert "500 reviewed" in question.text
    assert [a.label for a in question.quick_answers] == ["None", "Under 100", "100 - 500", "500+"]
    assert question.quick_answers[0].reply == "we have none"


def test_every_question_in_the_rules_has_plain_quick_answers(book: RuleBook) -> None:
    for spec in book.questions:
        assert spec.quick_answers, spec.fact
        for answer in spec.quick_answers:
            assert answer.label and answer.reply and "{" not in answer.reply


def test_an_unknown_number_is_tried_on_each_side_of_every_threshold(book: RuleBook) -> None:
    def tried(name: str, **facts: object) -> list[str]:
        state = case(**facts).facts
        values = {n: getattr(state, n) for n in FACT_NAMES}
        return [
            format_amount(v, percent=name.endswith("quality"))
            for v in candidates(book, name, values)
        ]

    # one value for each way the decision's comparisons (>= 100, >= 500) can come out
    assert tried("labeled_examples") == ["fewer than 100", "100", "500"]
    assert tried("requests_per_day") == ["fewer than 10,000", "10,000"]
    assert tried("baseline_quality", target_quality=0.9) == ["fewer than 90%", "90%"]
    assert tried("baseline_quality") == []
    assert set(candidates(book, "data_quality", {})) == set(FACT_KINDS["data_quality"].choices)
    assert candidates(book, "self_hosted", {}) == [True, False]


def test_open_facts_match_deciding_every_try_from_scratch(book: RuleBook) -> None:
    # the shortcuts (facts the decision does not read, named results kept across tries)
    # give what deciding the whole case afresh for every try gives
    cases = [
        {},
        {"needs_knowledge": True, "requests_per_day": 15000.0},
        {"labeled_examples": 800, "data_quality": "high", "style_consistency": True},
        {"baseline_quality": 0.8, "target_quality": 0.9, "labeled_examples": 100},
        {"baseline_quality": 0.87, "labeled_examples": 600, "specialized_domain": True},
    ]
    for facts in cases:
        analysis = analyse(case(**facts), book)
        expected: dict[str, set[str]] = {}
        for name in FACT_NAMES:
            if analysis.facts[name] is None:
                for value in candidates(book, name, analysis.facts):
                    tried = CaseState(facts=Facts(**{**facts, name: value}))
                    other = analyse(tried, book).outcome
                    expected.setdefault(name, set()).update(analysis.outcome.differences(other))
        expected = {name: changed for name, changed in expected.items() if changed}
        assert {n: set(c) for n, c in analysis.opened.items()} == expected
