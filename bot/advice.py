"""What the advisor answers: questions, a recommendation, a cost comparison and a prompt.

These models are the contract between the core and its front ends (CLI, Slack), and
:meth:`Advice.contract` is the JSON object of ``advisor advise --json``
(``shared/eval/README.md``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.amount import Amount
from bot.datacheck.report import DataReport
from bot.facts import Evidence, Facts


class Strategy(StrEnum):
    PROMPT_ENGINEERING = "prompt_engineering"
    RAG = "rag"
    FINE_TUNING = "fine_tuning"
    RAG_FINE_TUNING = "rag+fine_tuning"


class Technique(StrEnum):
    DPO = "dpo"
    LORA = "lora"
    HOSTED_SFT = "hosted_sft"


class Confidence(StrEnum):
    """How sure the advice is: the first of ``confidence.levels`` in decision_rules.yaml
    whose limits on open facts (unknown, or a range straddling a threshold) hold."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Reason(BaseModel):
    """Why: names the rule and states the user's own facts."""

    rule: str
    text: str
    facts: list[str] = Field(default_factory=list, description="the facts it rests on")


class AdviceWarning(BaseModel):
    """A warning of the policy, naming the fact (or motive) that triggered it."""

    rule: str
    text: str
    facts: list[str] = Field(default_factory=list)


class QuickAnswer(BaseModel):
    """A button: ``label`` is shown; a click sets ``value`` as the fact (never read as
    text) and stands for ``reply`` in the thread. Immutable: the rule book's buttons are
    made once and shared by every reply."""

    model_config = ConfigDict(frozen=True)

    label: str
    reply: str
    value: bool | Amount | str | None = Field(
        default=None, description="yes/no, a category, or a number's bounds ({low: 500})"
    )


class Question(BaseModel):
    fact: str
    text: str
    quick_answers: list[QuickAnswer] = Field(default_factory=list)
    confirms: str | None = Field(
        default=None,
        description="the user's words whose reading this question confirms (None: it asks)",
    )
    changes: list[str] = Field(
        default_factory=list,
        description="what its answer could change: strategy, path, technique",
    )


class ModelCost(BaseModel):
    """The policy's cost formula for one model at one volume, per month, in USD."""

    model: str
    requests_per_day: float | None = Field(
        default=None, description="the volume this row is computed at"
    )
    prompt_route_monthly: float
    fine_tuned_monthly: float
    training_one_time: float
    monthly_saving: float = Field(description="prompt route - fine-tuned; <= 0: never pays")
    payback_months: float | None = Field(
        default=None, description="training / monthly saving, only where the saving is > 0"
    )


class CostEstimate(BaseModel):
    requests_per_day: Amount = Field(description="the volume as the user gave it")
    computed_at: list[float] = Field(
        default_factory=list, description="the volumes computed: both ends of a range, or one"
    )
    basis: str = Field(default="", description="which volume was computed and why, in words")
    models: list[ModelCost] = Field(description="one row per model and volume computed")
    assumptions: dict[str, Any] = Field(
        default_factory=dict, description="token counts, cache hit rate, epochs, ..."
    )
    notes: list[str] = Field(
        default_factory=list, description="the assumptions a reader needs, in sentences"
    )
    prices_read: date
    prices_source: str
    prices_stale: str | None = Field(
        default=None, description="set when the prices are older than the pricing file allows"
    )
    never_pays: bool = Field(description="fine-tuning never pays back on cost for any model")
    summary: str = Field(description="one or two sentences for the reply")


class Recommendation(BaseModel):
    strategy: Strategy
    path: list[str] = Field(description="the strategies in order, present step included")
    technique: Technique | None = None
    confidence: Confidence
    reasons: list[Reason] = Field(default_factory=list)
    warnings: list[AdviceWarning] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    cost: CostEstimate | None = None
    assumptions: list[str] = Field(
        default_factory=list, description="what was assumed for each unknown fact"
    )


class Advice(BaseModel):
    """The advisor's whole answer after some turns."""

    facts: Facts
    questions: list[Question] = Field(
        description="every unknown fact that could change the advice, most decisive first"
    )
    recommendation: Recommendation
    suggested_prompt: str
    data: DataReport | None = Field(
        default=None, description="the measured training data, when a file was given"
    )
    turns: list[str] = Field(
        default_factory=list, description="what it was decided from: the description, replies"
    )
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="fact name -> where in those words it was read"
    )
    advisor_version: str = Field(default="", description="the advisor that decided")
    rules_version: str = Field(
        default="", description="the rules and prices it decided with (a short hash of both)"
    )

    def contract(self) -> dict[str, Any]:
        """The JSON object of ``advisor advise --json`` (shared/eval/README.md), with a
        ``data`` object (the data check's report) when a file was measured; what it was
        decided from and with (turns, evidence, versions) is not part of it."""
        rec = self.recommendation
        contract: dict[str, Any] = {
            "facts": self.facts.model_dump(mode="json"),
            "questions": [{"fact": q.fact, "text": q.text} for q in self.questions],
            "recommendation": {
                "strategy": rec.strategy.value,
                "path": list(rec.path),
                "technique": rec.technique.value if rec.technique else None,
                "confidence": rec.confidence.value,
                "reasons": [{"rule": r.rule, "text": r.text} for r in rec.reasons],
                "warnings": [{"rule": w.rule, "text": w.text} for w in rec.warnings],
                "next_steps": list(rec.next_steps),
                "cost": rec.cost.model_dump(mode="json") if rec.cost else None,
            },
            "suggested_prompt": self.suggested_prompt,
        }
        if self.data is not None:
            contract["data"] = self.data.model_dump(mode="json")
        return contract
