"""The shape of the pricing file: dated prices per model and the cost assumptions."""

from __future__ import annotations

from datetime import date

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
    pays: str
    never_pays: str


class Pricing(_Strict):
    currency: str = "USD"
    unit: str = "per million tokens"
    models: list[ModelPrice] = Field(min_length=1)
    assumptions: CostAssumptions
    notes: list[PriceNote] = Field(default_factory=list)
    texts: CostTexts
