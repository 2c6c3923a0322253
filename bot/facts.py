"""The facts of a use case, as ADVICE_POLICY.md defines them.

Every fact is unknown (``None``) until the user's own words say it. Where a fact came
from is kept as :class:`Evidence`, so a reply can quote the user back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.amount import Amount


def _args(annotation: Any) -> tuple[Any, ...]:
    return get_args(annotation) or (annotation,)


class TaskType(StrEnum):
    CLASSIFICATION = "classification"
    EXTRACTION = "extraction"
    GENERATION = "generation"
    SUMMARIZATION = "summarization"
    QUESTION_ANSWERING = "question_answering"
    CONVERSATION = "conversation"
    CODE = "code"
    TRANSLATION = "translation"
    OTHER = "other"


class DataQuality(StrEnum):
    """How clean the labeled examples are, as the user says, or measured from a data file
    (``low`` past ``max_duplicate_conflict_share`` of duplicates and conflicts)."""

    HIGH = "high"
    MIXED = "mixed"
    LOW = "low"


class Facts(BaseModel):
    """Every fact of the policy; ``None`` means unknown."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    task_type: TaskType | None = None
    requests_per_day: Amount | None = None
    labeled_examples: Amount | None = None
    data_quality: DataQuality | None = None
    preference_data: bool | None = None
    specialized_domain: bool | None = None
    domain: str | None = None
    needs_knowledge: bool | None = None
    style_consistency: bool | None = None
    latency_sensitive: bool | None = None
    prompting_exhausted: bool | None = None
    baseline_quality: Amount | None = None
    target_quality: Amount | None = None
    self_hosted: bool | None = None

    @field_validator("requests_per_day", "labeled_examples")
    @classmethod
    def _not_negative(cls, value: Amount | None) -> Amount | None:
        if value is not None and any(b < 0 for b in value.points()):
            raise ValueError("a count cannot be negative")
        return value

    @field_validator("baseline_quality", "target_quality")
    @classmethod
    def _a_share(cls, value: Amount | None) -> Amount | None:
        if value is not None and any(not 0 <= b <= 1 for b in value.points()):
            raise ValueError("a quality is a share between 0 and 1 (87% is 0.87)")
        return value

    def known(self) -> dict[str, Any]:
        """The facts that are known, by name."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)
"""Every fact name, in the policy's order."""

AMOUNT_FACTS: frozenset[str] = frozenset(
    name for name, field in Facts.model_fields.items() if Amount in _args(field.annotation)
)
"""The facts that hold a number as an :class:`Amount` (exact, a range or a bound)."""

BOOLEAN_FACTS: tuple[str, ...] = tuple(
    name for name, field in Facts.model_fields.items() if bool in _args(field.annotation)
)
"""The yes/no facts, in the policy's order."""

PERCENT_FACTS: frozenset[str] = frozenset({"baseline_quality", "target_quality"})
"""The amounts that are shares, shown as percentages."""


class Evidence(BaseModel):
    """Where in the user's words a fact (or a motive) was read."""

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0, description="0 is the description, 1.. the thread replies")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(description="the user's own words, exactly as written")
    confidence: float = Field(
        default=1.0, ge=0, le=1, description="how sure the reader is of this reading"
    )
