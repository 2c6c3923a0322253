"""The shape of the pricing file: dated prices per model and the cost assumptions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ModelPrice(_Strict):
    """USD per million tokens, as the provider published them on ``read``."""

    name: str
    read: date
    source: str
    training: float = Field(ge=0)
    input: float = Field(ge=0)
    cached_input: float = Field(ge=0)
    output: float = Field(ge=0)
    fine_tuned_input: float = Field(ge=0)
    fine_tuned_output: float = Field(ge=0)
    hosting_per_hour: float = Field(default=0, ge=0)


class PriceNote(_Strict):
    id: str
    read: date
    source: str
    text: str


class CostAssumptions(_Strict):
    """The token counts and rates the formula assumes (ADVICE_POLICY.md, Cost estimate)."""

    static_prompt_tokens: int = Field(ge=0, description="P_static: the long few-shot prompt")
    short_prompt_tokens: int = Field(ge=0, description="P_short: the fine-tuned model's prompt")
    request_tokens: int = Field(ge=0, description="P_req: the per-request input")
    output_tokens: int = Field(ge=0, description="O: the output")
    cache_hit_rate: float = Field(ge=0, le=1, description="h: share of P_static cached")
    epochs: int = Field(ge=1)
    tokens_per_example: int = Field(ge=1)
    default_examples: int = Field(ge=0, description="N when labeled_examples is unknown")
    days_per_month: int = Field(default=30, ge=1)


class CostTexts(_Strict):
    """The cost section's sentences; placeholders per text in ``COST_TEXT_PLACEHOLDERS``."""

    pays: str
    never_pays: str
    range_basis: str
    low_bound_basis: str
    high_bound_basis: str
    tokens: str
    training: str
    examples_given: str
    examples_bound: str
    examples_default: str
    hosting: str
    stale: str


COST_TEXT_PLACEHOLDERS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "pays": ("requests_per_day", "model", "saving", "training", "payback_months", "read"),
        "never_pays": ("requests_per_day", "model", "read"),
        "range_basis": ("low", "high"),
        "low_bound_basis": ("point", "given"),
        "high_bound_basis": ("point", "given"),
        "tokens": (
            "static_prompt_tokens",
            "short_prompt_tokens",
            "request_tokens",
            "output_tokens",
            "cache_hit_rate",
            "days_per_month",
        ),
        "training": ("examples", "tokens_per_example", "epochs", "why"),
        "examples_given": (),
        "examples_bound": ("given",),
        "examples_default": (),
        "hosting": ("model", "hosting"),
        "stale": ("read", "days", "max_age_days", "source"),
    }
)
"""What each text of the pricing file may use."""


class Pricing(_Strict):
    currency: str = "USD"
    unit: str = "per million tokens"
    max_age_days: int = Field(
        default=180, ge=1, description="older prices are flagged in the reply and by rules check"
    )
    models: tuple[ModelPrice, ...] = Field(min_length=1)
    assumptions: CostAssumptions
    notes: tuple[PriceNote, ...] = ()
    texts: CostTexts
