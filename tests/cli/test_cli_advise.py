"""``advisor advise``: one-shot advice, as JSON for scripts or as a readable report."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from click.testing import Result
from fake_advisor import FakeAdvisor
from rich.console import Console

from bot.cli.output import Output
from bot.cli.report import show_advice
from bot.facts import FACT_NAMES
from bot.records import decision_record

Invoke = Callable[..., Result]

CONTRACT_KEYS = {"facts", "questions", "recommendation", "suggested_prompt"}
RECOMMENDATION_KEYS = {
    "strategy",
    "path",
    "technique",
    "confidence",
    "reasons",
    "warnings",
    "next_steps",
    "cost",
}


def test_advise_json_prints_only_the_contract_with_every_fact(invoke: Invoke) -> None:
    result = invoke("advise", "We classify 2000 requests a day", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == CONTRACT_KEYS
    assert set(data["facts"]) == set(FACT_NAMES)
    assert set(data["recommendation"]) == RECOMMENDATION_KEYS
    assert data["facts"]["requests_per_day"] == 2000
    assert data["facts"]["labeled_examples"] is None
    assert data["questions"][0] == {"fact": "labeled_examples", "text": QUESTION_TEXT}


QUESTION_TEXT = "How many labeled examples do you have?"


def test_advise_json_equals_the_advice_contract(invoke: Invoke) -> None:
    result = invoke("advise", "We classify 2000 requests", "--answer", "800 examples", "--json")
    expected = FakeAdvisor().run(["We classify 2000 requests", "800 examples"]).contract()
    assert json.loads(result.stdout) == expected


def test_advise_reads_answers_in_order(invoke: Invoke, fake: FakeAdvisor) -> None:
    invoke("advise", "We classify", "--answer", "100 examples", "--answer", "900 examples")
    assert fake.replies == ["100 examples", "900 examples"]


def test_advise_without_json_prints_the_readable_report(invoke: Invoke) -> None:
    result = invoke("advise", "We classify 20000 requests", "--answer", "800 examples")
    assert result.exit_code == 0
    out = result.output
    for heading in ("Recommendation", "Why", "Next steps", "Cost per month (USD)"):
        assert heading in out
    assert "gpt-4.1-mini" in out and "$300.00" in out and "0.2 months" in out
    assert "Prices read 2025-08-21 from OpenAI pricing page." in out
    assert "Suggested prompt" in out


def test_advise_report_lists_the_open_questions_with_how_to_answer(invoke: Invoke) -> None:
    result = invoke("advise", "We classify 20000 requests")
    assert "To sharpen this advice, tell me" in result.output
    assert QUESTION_TEXT in result.output
    assert "--answer" in result.output


def test_advise_rejects_an_empty_description(invoke: Invoke) -> None:
    result = invoke("advise", "   ")
    assert result.exit_code == 2
    assert "describe the use case" in result.stderr


def test_advise_accepts_a_five_thousand_word_description(invoke: Invoke) -> None:
    result = invoke("advise", "classify tickets " * 2500, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["facts"]["task_type"] == "classification"


def test_rich_report_draws_panels_and_keeps_user_markup_literal() -> None:
    advice = FakeAdvisor().run(["We classify [red]20000 requests[/red]", "800 examples"])
    console = Console(force_terminal=True, width=100, color_system=None, record=True)
    show_advice(Output(console, rich=True), advice)
    text = console.export_text()
    assert "╭─ Recommendation" in text
    assert "Fine-tuning" in text
    assert "We classify [red]20000 requests[/red]" in text
    assert "Suggested prompt" in text


def test_advise_format_markdown_prints_the_decision_record_dated_as_asked(
    invoke: Invoke,
) -> None:
    turns = ["We classify 20000 requests", "800 examples"]
    result = invoke("advise", turns[0], "--answer", turns[1], "--format", "markdown", "--date",
                    "2026-12-01")  # fmt: skip
    assert result.exit_code == 0, result.output
    expected = decision_record(FakeAdvisor().run(turns), decided=date(2026, 12, 1))
    assert result.stdout == expected
    assert result.stdout.startswith("# Decision record: Fine-tuning\n\n- **Date:** 2026-12-01\n")


def test_advise_format_markdown_is_dated_today_without_a_date(invoke: Invoke) -> None:
    result = invoke("advise", "We classify 20000 requests", "--format", "markdown")
    assert f"- **Date:** {date.today().isoformat()}\n" in result.stdout


def test_advise_format_json_is_what_the_json_flag_prints(invoke: Invoke) -> None:
    flag = invoke("advise", "We classify 2000 requests", "--json")
    option = invoke("advise", "We classify 2000 requests", "--format", "json")
    assert option.exit_code == 0 and option.stdout == flag.stdout


def test_advise_format_text_is_the_report(invoke: Invoke) -> None:
    default = invoke("advise", "We classify 20000 requests")
    text = invoke("advise", "We classify 20000 requests", "--format", "text")
    assert text.exit_code == 0 and text.stdout == default.stdout
    assert "Recommendation" in text.stdout


def test_advise_refuses_the_json_flag_with_another_format(invoke: Invoke) -> None:
    result = invoke("advise", "We classify", "--json", "--format", "markdown")
    assert result.exit_code == 2
    assert "--json is --format json: give one or the other" in result.stderr


def test_advise_refuses_a_date_without_a_decision_record(invoke: Invoke) -> None:
    result = invoke("advise", "We classify", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert "--date dates a decision record: use it with --format markdown" in result.stderr


def test_advise_refuses_a_date_that_is_not_a_day(invoke: Invoke) -> None:
    result = invoke("advise", "We classify", "--format", "markdown", "--date", "2026-12-01T10:00")
    assert result.exit_code == 2
    assert "Invalid value for '--date'" in result.stderr
