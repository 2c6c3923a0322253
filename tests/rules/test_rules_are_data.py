"""A domain expert changes the advice by editing the YAML alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rules_support import RULES, case

from bot.advice import Strategy
from bot.questions import select_questions
from bot.rules import decide, load_rulebook
from bot.rules.templates import format_value, render

Write = Callable[..., Path]
SHIPPED = RULES.read_text(encoding="utf-8")
FT_READY = {"labeled_examples": 300, "prompting_exhausted": True, "style_consistency": True}


def edited(write_rules: Write, old: str, new: str) -> Path:
    assert old in SHIPPED
    write_rules((RULES.parent / "pricing.yaml").read_text(encoding="utf-8"), name="pricing.yaml")
    return write_rules(SHIPPED.replace(old, new, 1))


def test_changing_a_threshold_changes_the_advice(write_rules: Write) -> None:
    shipped = load_rulebook(RULES)
    lowered = load_rulebook(edited(write_rules, "min_examples: 500", "min_examples: 200"))
    assert decide(case(**FT_READY), shipped).strategy is Strategy.PROMPT_ENGINEERING
    assert decide(case(**FT_READY), lowered).strategy is Strategy.FINE_TUNING


def test_adding_a_warning_rule_needs_no_code(write_rules: Write) -> None:
    warning = (
        "warnings:\n"
        "  - id: tiny-volume\n"
        "    when: {fact: requests_per_day, op: '<', value: 10}\n"
        "    text: 'At {requests_per_day} a day, a person could review every output.'\n"
    )
    book = load_rulebook(edited(write_rules, "warnings:\n", warning))
    warnings = {w.rule: w for w in decide(case(requests_per_day=3), book).warnings}
    assert warnings["tiny-volume"].text == "At 3 a day, a person could review every output."
    assert warnings["tiny-volume"].facts == ["requests_per_day"]


def test_adding_a_question_needs_no_code(write_rules: Write) -> None:
    start = SHIPPED.index("  - fact: style_consistency\n")
    end = SHIPPED.index("  - fact: latency_sensitive\n")
    without = SHIPPED[:start] + SHIPPED[end:]
    question = (
        "questions:\n"
        "  - fact: style_consistency\n"
        "    text: 'Must every answer follow your house style?'\n"
        "    quick_answers: [{label: 'Yes', reply: 'yes, our house style', value: true}]\n"
    )
    write_rules((RULES.parent / "pricing.yaml").read_text(encoding="utf-8"), name="pricing.yaml")
    facts = {**FT_READY, "labeled_examples": 800, "style_consistency": None}
    before = load_rulebook(write_rules(without))
    assert "style_consistency" not in [q.fact for q in select_questions(case(**facts), before)]
    book = load_rulebook(write_rules(without.replace("questions:\n", question, 1)))
    asked = {q.fact: q for q in select_questions(case(**facts), book)}
    assert asked["style_consistency"].text == "Must every answer follow your house style?"


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (2000.0, None, "2,000"),
        (5.71, None, "5.7"),
        (0.84, "pct", "84%"),
        (0.995, "pct", "99.5%"),
        (1224.0, "money", "1,224"),
        (9.0, "money", "9.00"),
        (True, None, "yes"),
        ("question_answering", None, "question answering"),
    ],
)
def test_values_are_shown_as_a_reply_would_say_them(
    value: object, fmt: str | None, shown: str
) -> None:
    assert format_value(value, fmt) == shown


def test_a_text_about_an_unknown_fact_is_left_out() -> None:
    assert render("you have {labeled_examples} examples", {"labeled_examples": None}) is None


def test_a_quote_the_parser_did_not_keep_leaves_no_empty_brackets() -> None:
    text = "the domain is specialized ({specialized_domain:quote}), which is hard"
    assert render(text, {"specialized_domain": True}) == "the domain is specialized, which is hard"
    quoted = render(text, {"specialized_domain": True}, {"specialized_domain": "ICD-10 codes"})
    assert quoted == "the domain is specialized (“ICD-10 codes”), which is hard"
