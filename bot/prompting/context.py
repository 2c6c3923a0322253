"""The typed context a prompt template sees, built from the facts of a case.

Templates get one object, ``ctx``; every value in it is plain data. The user's own words
(the description, the domain) are values here and never template source, so ``{{ 7*7 }}``
in a description comes out as written.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.advice import Recommendation, Strategy
from bot.amount import Amount, format_amount
from bot.case import CaseState
from bot.facts import TaskType

MAX_EXAMPLE_SLOTS = 3
"""Few-shot slots in the prompt; the rest of their labeled examples become the test set."""

MAX_DESCRIPTION_CHARS = 2000
"""A longer description is cut here (with a marker); the prompt is a starting point."""

MAX_LABEL_SLOTS = 50
"""More labels than this are too many to list one line each; the prompt says so instead."""

RAG_STRATEGIES = frozenset({Strategy.RAG, Strategy.RAG_FINE_TUNING})


class PromptContext(BaseModel):
    """Everything a prompt template may use. Unknown facts are ``None`` or ``False``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    task_type: str
    task_name: str
    description: str
    domain: str | None
    specialized_domain: bool
    needs_knowledge: bool
    uses_rag: bool
    style_consistency: bool
    latency_sensitive: bool
    self_hosted: bool
    labeled_examples: int | None
    example_slots: int
    baseline_quality: str | None
    target_quality: str | None
    strategy: str
    subject: str | None
    """What the model works on, in the user's words ("support tickets")."""
    labels: tuple[str, ...]
    """The labels the user named."""
    label_slots: int
    """Label lines to leave for the team to fill in (the count they gave, minus those named)."""
    label_count: int | None
    output_fields: tuple[str, ...]
    audience: str | None


def _percent(value: Amount | None) -> str | None:
    return None if value is None else format_amount(value, percent=True)


def _description(state: CaseState) -> str:
    text = state.turns[0].strip() if state.turns else ""
    if len(text) > MAX_DESCRIPTION_CHARS:
        text = text[:MAX_DESCRIPTION_CHARS].rstrip() + " […]"
    return text


def build_context(state: CaseState, rec: Recommendation) -> PromptContext:
    """The template context for this case and recommendation."""
    facts = state.facts
    task = facts.task_type or TaskType.OTHER
    examples = round(facts.labeled_examples.low or 0) if facts.labeled_examples else None
    details = state.details
    count = details.label_count
    if count is None and details.labels:
        count = len(details.labels)
    slots = max((count or 0) - len(details.labels), 0)
    return PromptContext(
        task_type=task.value,
        task_name=task.value.replace("_", " "),
        description=_description(state),
        domain=facts.domain,
        specialized_domain=bool(facts.specialized_domain),
        needs_knowledge=bool(facts.needs_knowledge),
        uses_rag=rec.strategy in RAG_STRATEGIES,
        style_consistency=bool(facts.style_consistency),
        latency_sensitive=bool(facts.latency_sensitive),
        self_hosted=bool(facts.self_hosted),
        labeled_examples=examples,
        example_slots=min(examples or 0, MAX_EXAMPLE_SLOTS),
        baseline_quality=_percent(facts.baseline_quality),
        target_quality=_percent(facts.target_quality),
        strategy=rec.strategy.value,
        subject=details.subject,
        labels=details.labels,
        label_slots=min(slots, MAX_LABEL_SLOTS),
        label_count=count,
        output_fields=details.output_fields,
        audience=details.audience,
    )
