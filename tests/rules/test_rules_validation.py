"""A broken rules file is reported in full: file, line, rule, what is wrong, a hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rules_support import RULES

from bot.amount import Amount
from bot.errors import RulesError
from bot.facts import AMOUNT_FACTS
from bot.rules import check_rules_file, load_rulebook

Write = Callable[..., Path]

HEAD = """\
version: 1
thresholds:
  min_examples: 500
confidence:
  levels:
    - {confidence: low}
"""
"""Lines 1-6 of every small file below; 'strategy:' is line 7, its first rule line 8."""

LAST = """\
  - id: prompt-engineering
    strategy: prompt_engineering
    path: [prompt_engineering]
"""


def rules(body: str) -> str:
    return HEAD + "strategy:\n" + body + LAST


def test_the_shipped_rules_file_is_valid() -> None:
    assert check_rules_file(RULES) == []


def test_rules_check_reports_line_of_unknown_fact(write_rules: Write) -> None:
    path = write_rules(
        rules(
            """\
  - id: fresh-docs
    when: {fact: needs_knowlege, is: true}
    strategy: rag
    path: [prompt_engineering, rag]
"""
        )
    )
    expected = (
        r"^decision_rules\.yaml:9 rule 'fresh-docs': unknown fact 'needs_knowlege' "
        r"\(did you mean 'needs_knowledge'\?\)$"
    )
    with pytest.raises(RulesError, match=expected):
        load_rulebook(path)


def test_unknown_key_is_reported_with_the_key_it_resembles(write_rules: Write) -> None:
    path = write_rules(
        rules(
            """\
  - id: fresh-docs
    wehn: needs_knowledge
    strategy: rag
    path: [rag]
"""
        )
    )
    expected = (
        r"decision_rules\.yaml:9 rule 'fresh-docs': unknown key 'wehn' \(did you mean 'when'\?\)"
    )
    with pytest.raises(RulesError, match=expected):
        load_rulebook(path)


def test_unknown_motive_is_reported(write_rules: Write) -> None:
    path = write_rules(
        rules("  - {id: m, when: {motive: teach_fact}, strategy: rag, path: [rag]}\n")
    )
    expected = (
        r"decision_rules\.yaml:8 rule 'm': unknown motive 'teach_fact' "
        r"\(did you mean 'teach_facts'\?\)"
    )
    with pytest.raises(RulesError, match=expected):
        load_rulebook(path)


def test_bad_operator_is_reported(write_rules: Write) -> None:
    text = rules(
        """\
  - id: big
    when: {fact: labeled_examples, op: "=>", value: min_examples}
    strategy: fine_tuning
    path: [fine_tuning]
"""
    )
    with pytest.raises(
        RulesError, match=r":9 rule 'big': unknown operator '=>' \(did you mean '>='\?\)"
    ):
        load_rulebook(write_rules(text))


def test_undefined_threshold_name_is_reported(write_rules: Write) -> None:
    text = rules(
        """\
  - id: big
    when: {fact: labeled_examples, op: ">=", value: min_exmples}
    strategy: fine_tuning
    path: [fine_tuning]
"""
    )
    expected = r":9 rule 'big': undefined threshold 'min_exmples' \(did you mean 'min_examples'\?\)"
    with pytest.raises(RulesError, match=expected):
        load_rulebook(write_rules(text))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("lots", r"must be a number, got 'lots'"),
        ("-5", r"must not be negative, got -5"),
        ("true", r"must be a number, got True"),
    ],
)
def test_bad_threshold_is_reported(write_rules: Write, value: str, message: str) -> None:
    text = rules("").replace("min_examples: 500", f"min_examples: {value}")
    with pytest.raises(
        RulesError, match=r"decision_rules\.yaml:3 threshold 'min_examples': " + message
    ):
        load_rulebook(write_rules(text))


def test_duplicate_rule_ids_are_reported(write_rules: Write) -> None:
    text = rules(
        "  - {id: prompt-engineering, when: needs_knowledge, strategy: rag, path: [rag]}\n"
    )
    with pytest.raises(
        RulesError, match=r":9 rule 'prompt-engineering': duplicate rule id 'prompt-engineering'"
    ):
        load_rulebook(write_rules(text))


def test_question_for_unknown_fact_is_reported(write_rules: Write) -> None:
    text = rules("") + "questions:\n  - {fact: request_per_day, text: 'How many?'}\n"
    expected = (
        r":12 question 'request_per_day': question for unknown fact 'request_per_day' "
        r"\(did you mean 'requests_per_day'\?\)"
    )
    with pytest.raises(RulesError, match=expected):
        load_rulebook(write_rules(text))


def test_undefined_named_condition_is_reported(write_rules: Write) -> None:
    text = rules(
        "  - {id: ft, when: {all: [data_okay]}, strategy: fine_tuning, path: [fine_tuning]}\n"
    )
    text += "conditions:\n  data_ok: {fact: labeled_examples, op: '>=', value: min_examples}\n"
    with pytest.raises(
        RulesError,
        match=r":8 rule 'ft': undefined condition 'data_okay' \(did you mean 'data_ok'\?\)",
    ):
        load_rulebook(write_rules(text))


def test_named_conditions_may_use_each_other_but_not_in_a_circle(write_rules: Write) -> None:
    text = rules("") + "conditions:\n  a: {all: [b]}\n  b: {any: [a]}\n"
    with pytest.raises(
        RulesError, match=r":12 condition 'a': condition 'a' refers to itself \(a -> b -> a\)"
    ):
        load_rulebook(write_rules(text))


def test_yaml_syntax_error_is_reported_with_its_line(write_rules: Write) -> None:
    path = write_rules(HEAD + "strategy:\n  - id: [unclosed\n")
    with pytest.raises(RulesError, match=r"^decision_rules\.yaml:9: YAML syntax error: "):
        load_rulebook(path)


def test_duplicate_yaml_keys_are_reported(write_rules: Write) -> None:
    path = write_rules(rules("") + "thresholds:\n  x: 1\n")
    with pytest.raises(RulesError, match=r"decision_rules\.yaml:11: duplicate key 'thresholds'"):
        load_rulebook(path)


def test_a_value_that_is_not_a_category_of_the_fact_is_reported(write_rules: Write) -> None:
    text = rules("  - {id: q, when: {fact: data_quality, is: poor}, strategy: rag, path: [rag]}\n")
    with pytest.raises(RulesError, match=r":8 rule 'q': 'poor' is not a value of 'data_quality'"):
        load_rulebook(write_rules(text))


def test_decision_cannot_read_the_decision(write_rules: Write) -> None:
    text = rules("  - {id: loop, when: {on_path: rag}, strategy: rag, path: [rag]}\n")
    with pytest.raises(RulesError, match=r":8 rule 'loop': 'on_path' reads the decision"):
        load_rulebook(write_rules(text))


def test_unknown_placeholder_in_a_text_is_reported(write_rules: Write) -> None:
    text = (
        rules("")
        + "warnings:\n  - {id: w, when: needs_knowledge, text: 'you have {labled_examples}'}\n"
    )
    expected = (
        r":12 rule 'w': unknown placeholder '\{labled_examples\}' in text "
        r"\(did you mean 'labeled_examples'\?\)"
    )
    with pytest.raises(RulesError, match=expected):
        load_rulebook(write_rules(text))


def test_last_strategy_rule_must_catch_every_case(write_rules: Write) -> None:
    text = HEAD + "strategy:\n  - {id: only, when: needs_knowledge, strategy: rag, path: [rag]}\n"
    with pytest.raises(
        RulesError, match=r":8 rule 'only': the last strategy rule must have no 'when'"
    ):
        load_rulebook(write_rules(text))


def test_missing_section_is_reported(write_rules: Write) -> None:
    with pytest.raises(RulesError, match=r"decision_rules\.yaml:1: missing key 'strategy'"):
        load_rulebook(write_rules(HEAD))


def test_every_problem_is_reported_not_just_the_first(write_rules: Write) -> None:
    text = rules(
        """\
  - id: a
    when: {all: [{fact: needs_knowlege, is: true}, {motive: costs}, nope]}
    strategy: rag
    path: [rag, fine_tunning]
"""
    )
    text += "questions:\n  - {fact: domian, text: 'Which domain?'}\n"
    problems = check_rules_file(write_rules(text))
    rule_a = "decision_rules.yaml:{} rule 'a': {}"
    assert problems == [
        rule_a.format(9, "unknown fact 'needs_knowlege' (did you mean 'needs_knowledge'?)"),
        rule_a.format(9, "unknown motive 'costs' (did you mean 'cost'?)"),
        rule_a.format(9, "undefined condition 'nope'"),
        rule_a.format(11, "unknown step 'fine_tunning' (did you mean 'fine_tuning'?)"),
        "decision_rules.yaml:16 question 'domian': "
        "question for unknown fact 'domian' (did you mean 'domain'?)",
    ]
    with pytest.raises(RulesError) as raised:
        load_rulebook(write_rules(text))
    assert raised.value.problems == problems


def test_schema_and_meaning_problems_are_reported_together_per_file(write_rules: Write) -> None:
    text = rules("  - {id: x, strategy: retrieval, path: [rag]}\n")
    problems = check_rules_file(write_rules(text))
    assert len(problems) == 1
    assert problems[0].startswith(
        "decision_rules.yaml:8 rule 'x': input should be 'prompt_engineering'"
    )


def test_missing_rules_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"nope\.yaml:1: cannot read the file"):
        load_rulebook(tmp_path / "nope.yaml")


def test_pricing_file_problems_name_the_pricing_file(write_rules: Write) -> None:
    pricing = (Path(RULES).parent / "pricing.yaml").read_text(encoding="utf-8")
    write_rules(pricing.replace("training: 25.00", "training: -25"), name="pricing.yaml")
    path = write_rules(rules("") + "pricing_file: pricing.yaml\n")
    with pytest.raises(
        RulesError,
        match=r"^pricing\.yaml:\d+ model 'gpt-4\.1': input should be greater than or equal to 0",
    ):
        load_rulebook(path)


def test_missing_pricing_file_is_reported_at_its_key(write_rules: Write) -> None:
    path = write_rules(rules("") + "pricing_file: prices.yaml\n")
    with pytest.raises(
        RulesError, match=r"decision_rules\.yaml:11: pricing file 'prices\.yaml' not found"
    ):
        load_rulebook(path)


def test_last_confidence_level_must_have_no_limits(write_rules: Write) -> None:
    text = rules("").replace("- {confidence: low}", "- {confidence: low, max_open: {path: 1}}")
    with pytest.raises(RulesError, match=r":6: the last confidence level must have no max_open"):
        load_rulebook(write_rules(text))


def test_confidence_limits_name_an_outcome(write_rules: Write) -> None:
    text = rules("").replace("- {confidence: low}", "- {confidence: low, max_open: {paths: 1}}")
    with pytest.raises(RulesError, match=r":6: input should be 'strategy', 'path' or 'technique'"):
        load_rulebook(write_rules(text))


def test_a_value_yaml_cannot_build_is_reported_with_its_line(write_rules: Write) -> None:
    pricing = (Path(RULES).parent / "pricing.yaml").read_text(encoding="utf-8")
    write_rules(pricing.replace("read: 2025-08-21", "read: 2025-13-45", 1), name="pricing.yaml")
    path = write_rules(rules("") + "pricing_file: pricing.yaml\n")
    with pytest.raises(RulesError, match=r"^pricing\.yaml:11: cannot read '2025-13-45'"):
        load_rulebook(path)


def test_ordering_a_category_is_reported(write_rules: Write) -> None:
    text = rules(
        "  - {id: q, when: {fact: data_quality, op: '>', value: low}, strategy: rag, path: [rag]}\n"
    )
    with pytest.raises(RulesError, match=r":8 rule 'q': fact 'data_quality' is a category; only"):
        load_rulebook(write_rules(text))


def test_a_condition_with_two_heads_is_reported_at_its_line(write_rules: Write) -> None:
    text = rules("  - {id: two, when: {motive: cost, on_path: rag}, strategy: rag, path: [rag]}\n")
    with pytest.raises(
        RulesError,
        match=r":8 rule 'two': a condition has both 'motive' and 'on_path'; combine them",
    ):
        load_rulebook(write_rules(text))


def test_a_comparison_mixing_is_and_op_is_reported(write_rules: Write) -> None:
    text = rules(
        "  - {id: q, when: {fact: data_quality, is: low, op: '=='}, strategy: rag, path: [rag]}\n"
    )
    with pytest.raises(RulesError, match=r":8 rule 'q': use either 'is' or 'op' with 'value'"):
        load_rulebook(write_rules(text))


QUESTION = """\
questions:
  - fact: labeled_examples
    text: 'How many?'
    quick_answers:
      - {{label: '500+', reply: '{reply}', value: {value}}}
    undecided:
      text: 'At least {{threshold}}?'
      at_least: {{label: 'yes', reply: 'yes'}}
      below: {{label: 'no', reply: 'no'}}
"""


def test_rules_check_refuses_a_numeric_quick_answer_that_names_a_point(write_rules: Write) -> None:
    text = rules("") + QUESTION.format(reply="about 1,000 examples", value="1000")
    assert check_rules_file(write_rules(text)) == [
        "decision_rules.yaml:15 question 'labeled_examples': a quick answer stands for many "
        "figures: give bounds ({low: L}, {high: H} or both), not the single figure 1000"
    ]


def test_rules_check_refuses_a_quick_answer_reply_that_names_another_figure(
    write_rules: Write,
) -> None:
    text = rules("") + QUESTION.format(reply="about 1,000 examples", value="{low: 500}")
    assert check_rules_file(write_rules(text)) == [
        "decision_rules.yaml:15 question 'labeled_examples': "
        "the reply names 1000, which is not a bound of its value"
    ]
    fine = rules("") + QUESTION.format(reply="500 or more examples", value="{low: 500}")
    assert check_rules_file(write_rules(fine)) == []


def test_a_question_about_a_number_needs_its_undecided_form(write_rules: Write) -> None:
    text = rules("") + QUESTION.format(reply="500 or more", value="{low: 500}")
    text = text[: text.index("    undecided:")]
    assert check_rules_file(write_rules(text)) == [
        "decision_rules.yaml:12 question 'labeled_examples': question 'labeled_examples' needs "
        "an 'undecided' form: what to ask when the figure given straddles a threshold"
    ]


def test_every_numeric_quick_answer_in_the_shipped_rules_is_a_bound() -> None:
    book = load_rulebook(RULES)
    numeric = [
        answer
        for question in book.questions
        if question.fact in AMOUNT_FACTS
        for answer in question.quick_answers
    ]
    assert numeric
    for answer in numeric:
        value = answer.value
        assert isinstance(value, Amount)
        assert not value.exact or value.low == 0, answer.label
