"""The suggested prompt: one template per task type plus RAG, sharing one layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.advice import Recommendation, Strategy
from bot.case import CaseState, TaskDetails
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


def test_a_classification_prompt_has_a_slot_for_each_of_the_labels_they_counted(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    details = TaskDetails(subject="support tickets", label_count=12)
    prompt = renderer.render(*case(task_type=TaskType.CLASSIFICATION, details=details))
    assert "Each input is one of our support tickets." in prompt
    assert "exactly one label from this list of 12:" in prompt
    assert [line for line in prompt.splitlines() if line.startswith("<label")] == [
        f"<label {i}>: <one-line definition, with what it does NOT include>" for i in range(1, 13)
    ]
    assert "<one of the support tickets to classify>" in prompt


def test_named_labels_are_written_in_and_only_the_rest_left_as_slots(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    details = TaskDetails(label_count=3, labels=("billing", "outage"))
    prompt = renderer.render(*case(task_type=TaskType.CLASSIFICATION, details=details))
    assert "billing: <one-line definition" in prompt
    assert "outage: <one-line definition" in prompt
    assert "<label 3>: <one-line definition" in prompt
    assert "<label 4>" not in prompt and "<label>:" not in prompt


def test_a_generation_prompt_says_what_to_write_and_for_whom_when_told(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    details = TaskDetails(subject="product descriptions", audience="online shoppers")
    prompt = renderer.render(*case(task_type=TaskType.GENERATION, details=details))
    assert "Write product descriptions for online shoppers, from the input below." in prompt
    assert "<what:" not in prompt and "<audience>" not in prompt
    assert "The output is read by online shoppers." in prompt


def test_an_extraction_prompt_lists_the_fields_they_named(
    renderer: PromptRenderer, case: MakeCase
) -> None:
    details = TaskDetails(subject="invoices", output_fields=("vendor", "total", "due_date"))
    prompt = renderer.render(*case(task_type=TaskType.EXTRACTION, details=details))
    assert "You extract structured data from invoices" in prompt
    for field in ("vendor", "total", "due_date"):
        assert f"{field}: <type, and what counts as this field>" in prompt
    assert "<field>" not in prompt


def test_what_was_not_said_stays_a_slot(renderer: PromptRenderer, case: MakeCase) -> None:
    prompt = renderer.render(*case(task_type=TaskType.GENERATION))
    assert "Write <what: a product description, an email, a post> for <audience>" in prompt
