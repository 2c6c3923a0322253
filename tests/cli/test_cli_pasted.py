"""``advisor advise`` takes a use case as people paste it: a bullet list starting with "-",
answers starting with "-", or the text piped in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from fake_advisor import FakeAdvisor

from bot.cli.pasted import sort_pasted

Invoke = Callable[..., Result]
VALUED = ["--answer", "--format", "--date"]
FLAGS = ["--json", "-h", "--help"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["- a"], ["--", "- a"]),
        (["- a", "--answer", "- b"], ["--answer=- b", "--", "- a"]),
        (["--answer=- b", "- a", "--json"], ["--answer=- b", "--json", "--", "- a"]),
        (["-help me choose"], ["--", "-help me choose"]),
        (["-5% errors are too many"], ["--", "-5% errors are too many"]),
        (["-"], ["--", "-"]),
        (["--", "--json"], ["--", "--json"]),
        (["x", "--jsn"], ["--jsn", "--", "x"]),
        (["x", "--answer"], ["--answer", "--", "x"]),
        (["-h"], ["-h", "--"]),
    ],
)
def test_pasted_arguments_are_sorted_into_options_and_text(
    args: list[str], expected: list[str]
) -> None:
    assert sort_pasted(args, VALUED, FLAGS) == expected


def test_a_description_starting_with_a_dash_is_the_description(
    invoke: Invoke, fake: FakeAdvisor
) -> None:
    result = invoke("advise", "- we classify tickets", "--answer", "- 800 examples", "--json")
    assert result.exit_code == 0, result.output
    assert fake.replies == ["- 800 examples"]
    assert result.stdout.startswith("{")


def test_an_answer_starting_with_a_dash_may_be_attached_with_an_equals_sign(
    invoke: Invoke, fake: FakeAdvisor
) -> None:
    result = invoke("advise", "--answer=- 800 examples", "- we classify tickets")
    assert result.exit_code == 0, result.output
    assert fake.replies == ["- 800 examples"]


def test_the_description_is_read_from_standard_input_when_text_is_a_dash(
    invoke: Invoke,
) -> None:
    result = invoke("advise", "-", "--format", "markdown", input="- a\n- b\n")
    assert result.exit_code == 0, result.output
    assert "```text\n- a\n- b\n```" in result.stdout


def test_the_description_is_read_from_standard_input_when_text_is_left_out(
    invoke: Invoke,
) -> None:
    result = invoke("advise", "--format", "markdown", input="- a\n- b")
    assert result.exit_code == 0, result.output
    assert "```text\n- a\n- b\n```" in result.stdout


def test_nothing_piped_in_is_an_empty_description(invoke: Invoke) -> None:
    result = invoke("advise", input="  \n")
    assert result.exit_code == 2
    assert "describe the use case" in result.stderr and "pbpaste | advisor advise" in result.stderr


def test_an_unknown_option_is_still_reported_with_a_suggestion(invoke: Invoke) -> None:
    result = invoke("advise", "We classify", "--jsn")
    assert result.exit_code == 2
    assert "No such option '--jsn'. Did you mean '--json'?" in result.stderr


def test_help_is_still_help(invoke: Invoke) -> None:
    result = invoke("advise", "-h")
    assert result.exit_code == 0
    assert "pbpaste | advisor advise" in result.stdout
