"""``advisor chat``: what a user sees when talking to the advisor in a terminal."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result
from fake_advisor import FakeAdvisor

from bot.advice import Question
from bot.case import CaseState
from bot.errors import TemplateError
from bot.interface import AdvisorLike
from bot.rules import load_rulebook

Invoke = Callable[..., Result]


def chat(invoke: Invoke, *lines: str, advisor: AdvisorLike | None = None) -> Result:
    return invoke("chat", input="".join(f"{line}\n" for line in lines), advisor=advisor)


def test_chat_with_an_answer_then_skip_shows_recommendation_cost_and_prompt(
    invoke: Invoke,
) -> None:
    result = chat(invoke, "We classify support tickets.", "about 800 examples", "skip")
    assert result.exit_code == 0, result.output
    assert "How many requests a day?" in result.output
    assert "Noted: labeled examples = 800" in result.output
    assert "Strategy:   Fine-tuning" in result.output
    assert "Technique:  the provider's hosted supervised fine-tuning" in result.output
    assert "Why" in result.output and "You have 800 labeled examples." in result.output
    assert "No cost comparison" in result.output
    assert "Suggested prompt" in result.output
    assert "exactly one label" in result.output
    assert "<example 1: input>" in result.output


def test_chat_shows_the_rules_files_questions_a_round_with_numbered_quick_answers(
    invoke: Invoke,
) -> None:
    per_round = load_rulebook().spec.conversation.max_questions
    result = chat(invoke, "We have a use case.", "skip")
    assert "[1] under 1k" in result.output
    assert "[4] 500+" in result.output
    assert ("What does the model do?" in result.output) is (per_round >= 3)
    assert "Must it run on your own servers?" not in result.output


def test_chat_reads_a_number_as_the_quick_answer_it_labels(invoke: Invoke, fake: object) -> None:
    result = chat(invoke, "We classify tickets.", "2", "skip")
    assert "Noted: requests per day = 5,000" in result.output
    assert "Cost per month (USD)" in result.output
    assert "Prices read 2025-08-21 from OpenAI pricing page." in result.output
    assert "Fine-tuning never pays back on cost here" in result.output


def test_chat_reads_several_numbers_as_several_quick_answers(invoke: Invoke) -> None:
    result = chat(invoke, "We classify tickets.", "2 4", "skip")
    assert "requests per day = 5,000" in result.output
    assert "labeled examples = 800" in result.output


def test_each_picked_quick_answer_is_read_as_the_fact_its_question_asks(
    invoke: Invoke, fake: FakeAdvisor
) -> None:
    chat(invoke, "We classify tickets.", "2 4", "skip")
    assert fake.abouts == ["requests_per_day", "labeled_examples"]


def test_chat_stops_asking_when_the_user_says_just_tell_me(invoke: Invoke) -> None:
    result = chat(invoke, "We classify tickets.", "Just tell me")
    assert result.exit_code == 0
    assert result.output.count("How many requests a day?") == 1
    assert "Recommendation" in result.output


def test_chat_stops_asking_after_the_rules_files_rounds(invoke: Invoke) -> None:
    rounds = load_rulebook().spec.conversation.max_rounds
    result = chat(invoke, "A use case.", "hmm", "not sure", "no idea", "still no idea")
    assert result.exit_code == 0
    assert result.output.count("How many requests a day?") == rounds
    assert "Suggested prompt" in result.output


def test_fix_puts_a_fact_right_without_using_up_a_round(invoke: Invoke, fake: FakeAdvisor) -> None:
    result = chat(invoke, "A use case.", "fix volume 2500 requests", "skip")
    assert result.exit_code == 0
    assert fake.corrections == [("requests_per_day", "2500 requests")]
    assert "requests per day = 2,500" in result.output


class SatisfiedAdvisor(FakeAdvisor):
    """Has nothing left to ask."""

    def questions(self, state: CaseState) -> list[Question]:
        return []


def test_chat_gives_advice_at_once_when_nothing_is_left_to_ask(invoke: Invoke) -> None:
    result = chat(
        invoke, "We classify 5000 requests with 800 examples.", advisor=SatisfiedAdvisor()
    )
    assert result.exit_code == 0
    assert "Your answer" not in result.output
    assert "Strategy:   Fine-tuning" in result.output


def test_chat_repeats_the_prompt_with_a_hint_on_empty_input(invoke: Invoke) -> None:
    result = chat(invoke, "", "   ", "We classify tickets.", "skip")
    assert result.output.count("Please describe your use case") == 2
    assert "Recommendation" in result.output


def test_chat_says_what_it_understood_from_the_description(invoke: Invoke) -> None:
    result = chat(invoke, "We classify 2000 requests a day.", "skip")
    assert "Noted: task = classification; requests per day = 2,000" in result.output


def test_chat_exits_cleanly_on_end_of_input(invoke: Invoke) -> None:
    result = invoke("chat", input="")
    assert result.exit_code == 0
    assert "Bye." in result.output
    assert "Traceback" not in result.output


def test_chat_exits_cleanly_on_end_of_input_mid_questions(invoke: Invoke) -> None:
    result = invoke("chat", input="We classify tickets.\n")
    assert result.exit_code == 0
    assert "Bye." in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_chat_accepts_a_very_long_description(invoke: Invoke) -> None:
    long = "We classify support tickets into queues. " * 800
    result = chat(invoke, long, "skip")
    assert result.exit_code == 0
    assert "Suggested prompt" in result.output


def test_chat_prints_user_text_literally_not_as_markup(invoke: Invoke) -> None:
    result = chat(invoke, "We [bold]classify[/bold] {{ 7*7 }} tickets.", "skip")
    assert "We [bold]classify[/bold] {{ 7*7 }} tickets." in result.output


class BrokenAdvisor:
    """Fails the way a broken prompt template does."""

    def __getattr__(self, name: str) -> object:
        raise TemplateError("prompts/code.j2:3: broken prompt template: unexpected end")


def test_chat_reports_a_core_error_in_one_line_with_exit_code_two(invoke: Invoke) -> None:
    result = chat(invoke, "We classify tickets.", advisor=BrokenAdvisor())  # type: ignore[arg-type]
    assert result.exit_code == 2
    assert "Error: prompts/code.j2:3: broken prompt template" in result.stderr
    assert "Traceback" not in result.output
