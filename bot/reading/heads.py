"""The reader's models and what each one decides.

- One *turn* model per fact read from words (the task type, the yes/no facts, the data's
  quality, "we have no examples"): does this message state it, and which value? The words
  that decided it are found afterwards, sentence by sentence.
- The *role* model: which fact, if any, a number states.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.facts import BOOLEAN_FACTS, DataQuality, TaskType

NONE = "none"

TASKS = (NONE, *(task.value for task in TaskType))
"""The task model's classes: none, then the policy's task types."""

TURN_HEADS: dict[str, tuple[str, ...]] = {
    "task_type": TASKS,
    **{fact: (NONE, "yes", "no") for fact in BOOLEAN_FACTS},
    "data_quality": (NONE, *(quality.value for quality in DataQuality)),
    "no_examples": (NONE, "zero"),
}
"""Turn model -> its classes (the first is always ``none``)."""

HEAD_FACT = {head: head for head in TURN_HEADS} | {"no_examples": "labeled_examples"}

ROLES = (NONE, "volume", "examples", "baseline", "baseline_inv", "target", "target_inv")
ROLE_OF = {
    "requests_per_day": "volume",
    "labeled_examples": "examples",
    "baseline_quality": "baseline",
    "target_quality": "target",
}
FACT_OF_ROLE = {role: fact for fact, role in ROLE_OF.items()}


def turn_label(head: str, expect: Mapping[str, Any]) -> tuple[str, str | None]:
    """(the fact a turn model reads, the class its labeled value is), None when the case
    states no value for it."""
    fact = HEAD_FACT[head]
    value = expect.get(fact)
    if head == "no_examples":
        return fact, "zero" if value == 0 else None
    if isinstance(value, bool):
        return fact, "yes" if value else "no"
    if head in ("data_quality", "task_type") and isinstance(value, str):
        return fact, value
    return fact, None


def head_value(head: str, label: str) -> Any:
    """The fact's value for a class of a turn model."""
    if head == "no_examples":
        return 0
    if head in BOOLEAN_FACTS:
        return label == "yes"
    return label
