"""The facts of a use case, as ADVICE_POLICY.md defines them.

Every fact is unknown (``None``) until the user's own words say it. Where a fact came
from is kept as :class:`Evidence`, so a reply can quote the user back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


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
    HIGH = "high"
    MIXED = "mixed"
    LOW = "low"


class Facts(BaseModel):
    """Every fact of the policy; ``None`` means unknown."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    task_type: TaskType | None = None
    requests_per_day: float | None = Field(default=None, ge=0)
    labeled_examples: int | None = Field(default=None, ge=0)
    data_quality: DataQuality | None = None
    preference_data: bool | None = None
    specialized_domain: bool | None = None
    domain: str | None = None
    needs_knowledge: bool | None = None
    style_consistency: bool | None = None
    latency_sensitive: bool | None = None
    prompting_exhausted: bool | None = None
    baseline_quality: float | None = Field(default=None, ge=0, le=1)
    target_quality: float | None = Field(default=None, ge=0, le=1)
    self_hosted: bool | None = None

    def known(self) -> dict[str, Any]:
        """The facts that are known, by name."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


FACT_NAMES: tuple[str, ...] = tuple(Facts.model_fields)
"""Every fact name, in the policy's order."""


class Evidence(BaseModel):
    """Where in the user's words a fact (or a motive) was read."""

    model_config = ConfigDict(frozen=True)

    turn: int = Field(ge=0, description="0 is the description, 1.. the thread replies")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str = Field(description="the user's own words, exactly as written")
