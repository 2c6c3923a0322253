"""The CLI over the real advisor core (parser, rules, questions, cost, prompts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bot.advisor import Advisor
from bot.amount import Amount
from bot.cli.main import cli
from bot.facts import FACT_NAMES

TRIAGE = (
    "We classify ~2k support tickets a day into 12 categories. Our prompt gets 84% right "
    "and we need 92%."
)


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def test_advise_json_has_exactly_the_contract_keys_and_every_fact() -> None:
    result = run("advise", TRIAGE, "--answer", "about 3,000 examples, reviewed", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"facts", "questions", "recommendation", "suggested_prompt"}
    assert set(data["facts"]) == set(FACT_NAMES)
    assert set(data["recommendation"]) == {
        "strategy",
        "path",
        "technique",
        "confidence",
        "reasons",
        "warnings",
        "next_steps",
        "cost",
    }
    assert data["facts"]["task_type"] == "classification"
    assert all(set(q) == {"fact", "text"} for q in data["questions"])
    assert "# Role" in data["suggested_prompt"]


def test_advise_keeps_template_syntax_in_the_description_literal() -> None:
    text = "We summarize {{ 7*7 }} call notes a day {% include 'x' %} {# note #}"
    result = run("advise", text, "--json")
    assert result.exit_code == 0, result.output
    prompt = json.loads(result.stdout)["suggested_prompt"]
    assert "{{ 7*7 }}" in prompt
    assert "{% include 'x' %}" in prompt
    assert "{# note #}" in prompt


def test_advise_accepts_a_five_thousand_word_description() -> None:
    text = "We answer customer questions from our help center articles. " * 600
    result = run("advise", text, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["recommendation"]["strategy"]


def test_chat_with_description_answer_and_skip_shows_recommendation_and_prompt() -> None:
    result = run("chat", input=f"{TRIAGE}\nabout 800 reviewed examples\nskip\n")
    assert result.exit_code == 0, result.output
    assert "Recommendation" in result.output
    assert "Strategy:" in result.output
    assert "Suggested prompt" in result.output
    assert "Traceback" not in result.output


def test_chat_on_a_vague_description_asks_then_advises_when_told_to() -> None:
    result = run("chat", input="we want to use AI for support somehow\njust tell me\n")
    assert result.exit_code == 0, result.output
    assert "Recommendation" in result.output
    assert "Better prompting" in result.output


def test_chat_exits_zero_on_end_of_input() -> None:
    result = run("chat", input="")
    assert result.exit_code == 0
    assert "Traceback" not in result.output


def test_eval_scores_a_tiny_cases_file(tmp_path: Path) -> None:
    case = {
        "id": "triage",
        "turns": [TRIAGE],
        "expect": {"task_type": "classification", "requests_per_day": 2000},
        "strategy": "prompt_engineering",
        "technique": None,
        "must_ask": [],
        "must_not_ask": ["requests_per_day"],
    }
    path = tmp_path / "cases.jsonl"
    path.write_text(json.dumps(case) + "\n")
    result = run("eval", str(path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "cases: 1"
    assert lines[1].startswith("strategy accuracy: ")
    assert "must-not-ask violations: " in result.output


@pytest.mark.parametrize(
    "description", [TRIAGE, "We want to use an LLM to help our support team somehow."]
)
def test_picking_any_quick_answer_in_chat_records_its_fact(description: str) -> None:
    advisor = Advisor()
    state = advisor.start(description)
    shown = advisor.questions(state)[:3]
    unread = [
        f"{q.fact}: {qa.reply!r}"
        for q in shown
        for qa in q.quick_answers
        if getattr(advisor.reply(state, qa.reply).facts, q.fact) is None
    ]
    assert unread == []


BILLING = (
    "We classify support tickets into 12 categories of medical billing codes, a specialized "
    "vocabulary general models get wrong. Our best prompt gets 80% and we need 95%."
)


def test_clicking_500_plus_in_chat_says_500_or_more_and_never_1000() -> None:
    advisor = Advisor()
    shown = advisor.next_step(advisor.start(BILLING), 0).questions  # as chat numbers them
    buttons = [(q.fact, qa.label) for q in shown for qa in q.quick_answers]
    pick = buttons.index(("labeled_examples", "500+")) + 1
    result = run("chat", input=f"{BILLING}\n{pick}\nskip\n")
    assert result.exit_code == 0, result.output
    assert "labeled examples = 500 or more" in result.output
    assert "you have 500 or more labeled examples" in result.output
    for invented in ("1,000 reviewed", "1,000 examples", "1,000 labeled", "= 1,000"):
        assert invented not in result.output


def test_a_clicked_button_in_a_slack_thread_sets_its_bounds_not_a_reading_of_its_words() -> None:
    advisor = Advisor()
    state = advisor.start(BILLING)
    question = next(q for q in advisor.questions(state) if q.fact == "labeled_examples")
    button = next(qa for qa in question.quick_answers if qa.label == "500+")
    # Slack stores a click as a reply with the fact it answers (bot/slack/listeners/actions)
    after = advisor.reply(state, button.reply, about="labeled_examples")
    assert after.facts.labeled_examples == Amount(low=500)
    assert after.turns[-1] == "500 or more examples"
