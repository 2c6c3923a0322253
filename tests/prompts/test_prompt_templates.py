"""The suggested prompt: one template per task type plus RAG, sharing one layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.advice import Recommendation, Strategy
from bot.case import CaseState
from bot.facts import TaskType
from bot.prompting import PromptRenderer

MakeCase = Callable[..., tuple[CaseState, Recommendation]]

SECTIONS = ("# Role", "# Context", "# Task", "# Constraints", "# Output format", "# Input")


@pytest.fixture(scope="module")
def renderer() -> PromptRenderer:
    return PromptRenderer()


@pytest.mark.parametrize("task", list(TaskType))
def test_every_task_type_gets_a_prompt_with_every_section(
    renderer: PromptRenderer, case: MakeCase, task: TaskType
) -> None:
    prompt = renderer.render(*case(task_type=task))
    for section in SECTIONS:
        assert section in prompt
    assert prompt.index("# Role") < prompt.index("# Task") < prompt.index("# Output format")


def test_unknown_task_type_gets_the_general_prompt(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    prompt = renderer.render(*case())
    assert "<describe the task" in prompt


def test_classification_prompt_asks_for_one_label(renderer: PromptRenderer, case: MakeCase) -> None:
    prompt = renderer.render(*case(task_type=TaskType.CLASSIFICATION))
    assert "exactly one label" in prompt


def test_extraction_prompt_forbids_invented_values(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    prompt = renderer.render(*case(task_type=TaskType.EXTRACTION))
    assert "Use null for a field the input does not contain" in prompt


def test_prompt_has_example_slots_only_when_they_have_labeled_examples(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    with_examples = renderer.render(*case(task_type=TaskType.CLASSIFICATION, labeled_examples=800))
    without = renderer.render(*case(task_type=TaskType.CLASSIFICATION, labeled_examples=0))
    unknown = renderer.render(*case(task_type=TaskType.CLASSIFICATION))
    assert "<example 1: input>" in with_examples
    assert "<example 3: output>" in with_examples
    assert "<example 4: input>" not in with_examples
    assert "# Examples" not in without
    assert "<example" not in unknown


def test_two_labeled_examples_make_two_slots(renderer: PromptRenderer, case: MakeCase) -> None:
    prompt = renderer.render(*case(labeled_examples=2))
    assert "<example 2: output>" in prompt
    assert "<example 3: input>" not in prompt


@pytest.mark.parametrize("strategy", [Strategy.RAG, Strategy.RAG_FINE_TUNING])
def test_rag_prompt_answers_only_from_context_cites_and_admits_gaps(
    renderer: PromptRenderer, case: MakeCase, strategy: Strategy
) -> None:
    prompt = renderer.render(*case(strategy=strategy, task_type=TaskType.QUESTION_ANSWERING))
    assert "# Retrieved context" in prompt
    assert "Answer only from the retrieved context" in prompt
    assert "Cite the passage for every claim" in prompt
    assert "If the context does not contain the answer, say so" in prompt
    for section in SECTIONS:
        assert section in prompt


def test_fine_tuning_strategy_still_gets_the_task_prompt(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    prompt = renderer.render(*case(strategy=Strategy.FINE_TUNING, task_type=TaskType.CODE))
    assert "# Retrieved context" not in prompt
    assert "senior engineer" in prompt


def test_prompt_is_written_from_the_facts(renderer: PromptRenderer, case: MakeCase) -> None:
    prompt = renderer.render(
        *case(
            task_type=TaskType.GENERATION,
            domain="industrial equipment",
            specialized_domain=True,
            style_consistency=True,
            latency_sensitive=True,
            target_quality=0.92,
            baseline_quality=0.84,
        )
    )
    assert "working in the industrial equipment domain" in prompt
    assert "Glossary" in prompt
    assert "style guide" in prompt
    assert "Be brief" in prompt
    assert "at least 92% of outputs" in prompt
    assert "(today: 84%)" in prompt


def test_prompt_leaves_out_what_the_facts_do_not_say(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    prompt = renderer.render(*case(task_type=TaskType.GENERATION))
    assert "Glossary" not in prompt
    assert "style guide" not in prompt
    assert "Quality bar" not in prompt
    assert "\n\n\n" not in prompt
