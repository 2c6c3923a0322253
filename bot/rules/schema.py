"""The shape of ``decision_rules.yaml``: pydantic models with ``extra="forbid"``.

The schema checks structure (keys, types); :mod:`bot.rules.checks` checks meaning (fact
names, thresholds, references). A condition is written in YAML as one of::

    data_ok                                  # a named condition, or a yes/no fact that is true
    {all: [...]}  {any: [...]}  {not: ...}
    {fact: labeled_examples, op: ">=", value: min_examples}   # value: literal, threshold
    {fact: data_quality, is: low}                              #   name or {fact: other}
    {fact: labeled_examples, known: false}
    {count: [...], op: ">=", value: 1}       # how many of the listed conditions hold
    {motive: teach_facts}
    {on_path: fine_tuning}  {technique: hosted_sft}  {strategy: rag}   # warnings, next steps
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.advice import Confidence, Strategy, Technique
from bot.rules.pricing import Pricing


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactRef(Strict):
    """``value: {fact: target_quality}``: compare with another fact."""

    fact: str


Scalar = bool | int | float | str


class Cond(Strict):
    """One condition; exactly one of its head keys is set (checked in checks.py)."""

    ref: str | None = None
    all_: list[Cond] | None = Field(default=None, alias="all")
    any_: list[Cond] | None = Field(default=None, alias="any")
    not_: Cond | None = Field(default=None, alias="not")
    fact: str | None = None
    op: str | None = None
    value: Scalar | FactRef | None = None
    is_: Scalar | None = Field(default=None, alias="is")
    known: bool | None = None
    count: list[Cond] | None = None
    motive: str | None = None
    on_path: str | None = None
    technique: str | None = None
    strategy: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, data: Any) -> Any:
        return {"ref": data} if isinstance(data, str) else data


class ReasonSpec(Strict):
    """A sentence of "why"; left out unless ``when`` holds and every fact it names is known."""

    text: str
    when: Cond | None = None
    facts: list[str] | None = Field(
        default=None, description="the facts it rests on, besides those its text and when name"
    )


class StrategyRule(Strict):
    """First matching rule wins; the last one must have no ``when``."""

    id: str
    when: Cond | None = None
    strategy: Strategy
    path: list[str]
    reasons: list[ReasonSpec] = Field(default_factory=list)


class Requirement(Strict):
    """What must become true before a later step; shown while ``met`` does not hold."""

    met: Cond
    text: str


class LaterStep(Strict):
    id: str
    step: str
    when: Cond
    reasons: list[ReasonSpec] = Field(default_factory=list)
    first: list[Requirement] = Field(default_factory=list)


class TechniqueRule(Strict):
    id: str
    when: Cond | None = None
    technique: Technique
    reasons: list[ReasonSpec] = Field(default_factory=list)


class WarningRule(Strict):
    id: str
    when: Cond
    text: str
    facts: list[str] | None = None


class StepRule(Strict):
    id: str
    when: Cond | None = None
    text: str


class QuickAnswerSpec(Strict):
    label: str
    reply: str


class QuestionSpec(Strict):
    fact: str
    text: str
    quick_answers: list[QuickAnswerSpec] = Field(default_factory=list)
    unless: Cond | None = None


class AssumptionSpec(Strict):
    fact: str
    text: str


Outcome = Literal["strategy", "path", "technique"]


class ConfidenceLevel(Strict):
    """Applies when, for each outcome named, at most that many unknown facts could change it."""

    confidence: Confidence
    max_open: dict[Outcome, int] = Field(default_factory=dict)


class ConfidenceSpec(Strict):
    """The first level whose limits hold applies; the last has no limits."""

    levels: list[ConfidenceLevel]


class RuleBook(Strict):
    """Everything ``decision_rules.yaml`` (and the pricing file beside it) holds."""

    version: int = 1
    pricing_file: str | None = None
    thresholds: dict[str, Any]
    conditions: dict[str, Cond] = Field(default_factory=dict)
    strategy: list[StrategyRule]
    later_steps: list[LaterStep] = Field(default_factory=list)
    technique: list[TechniqueRule] = Field(default_factory=list)
    warnings: list[WarningRule] = Field(default_factory=list)
    next_steps: list[StepRule] = Field(default_factory=list)
    questions: list[QuestionSpec] = Field(default_factory=list)
    assumptions: list[AssumptionSpec] = Field(default_factory=list)
    confidence: ConfidenceSpec
    pricing: Pricing | None = None

    def threshold(self, name: str) -> float:
        return float(self.thresholds[name])


Cond.model_rebuild()
