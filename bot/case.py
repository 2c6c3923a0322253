"""The state of one consultation: the facts so far, where each came from, and why the
user came (their motives), built turn by turn from what they wrote."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.datacheck.report import DataReport
from bot.facts import Evidence, Facts


class Motive(StrEnum):
    """Why the user is asking; the warnings of the policy hang on these."""

    WANTS_FINE_TUNING = "wants_fine_tuning"
    """They propose or ask about fine-tuning (LoRA, DPO, "train a model")."""
    TEACH_FACTS = "teach_facts"
    """They want fine-tuning to teach facts, documents or a catalogue."""
    REDUCE_HALLUCINATIONS = "reduce_hallucinations"
    """They want fine-tuning to stop the model making things up."""
    MAKE_SMARTER = "make_smarter"
    """They want fine-tuning to make the model smarter or better at reasoning in general."""
    COST = "cost"
    """Cost is a main motive (the token bill, cheaper per request)."""


class TaskDetails(BaseModel):
    """What the user said about the task beyond the policy's facts, for the suggested
    prompt: each ``None`` (or empty) until their words say it."""

    model_config = ConfigDict(frozen=True)

    subject: str | None = Field(
        default=None, description="what the model works on, in their words: 'support tickets'"
    )
    label_count: int | None = Field(default=None, ge=1, description="'12 categories' -> 12")
    labels: tuple[str, ...] = Field(default=(), description="the labels, when they named them")
    output_fields: tuple[str, ...] = Field(
        default=(), description="the fields of the output schema, when they named them"
    )
    audience: str | None = Field(default=None, description="who reads the output: 'customers'")


class Tentative(BaseModel):
    """A fact the reader is unsure of: not used for the advice until the user confirms it."""

    model_config = ConfigDict(frozen=True)

    value: Any
    evidence: Evidence


class CaseState(BaseModel):
    """Everything the advisor knows about one use case after some turns."""

    turns: list[str] = Field(default_factory=list)
    facts: Facts = Field(default_factory=Facts)
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="fact name or motive -> where it was read"
    )
    motives: set[Motive] = Field(default_factory=set)
    details: TaskDetails = Field(default_factory=TaskDetails)
    tentative: dict[str, Tentative] = Field(
        default_factory=dict,
        description="facts read with too little confidence to use: confirm before relying",
    )
    unsure: set[str] = Field(
        default_factory=set, description="facts the user said they do not know ('not sure')"
    )
    volume_factor: float | None = Field(
        default=None, description="the volume as stated, per day (a week: 1/7): to rescale it"
    )
    skipped: bool = Field(
        default=False, description="the user asked for the advice now ('just tell me')"
    )
    truncated: bool = Field(
        default=False, description="a turn was longer than the parser reads; its start was read"
    )
    data: DataReport | None = Field(
        default=None, description="the last training-data file measured (counts, no content)"
    )
