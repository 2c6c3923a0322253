"""The names people read for each strategy and fine-tuning technique: one wording for the
CLI, the Slack app and the channel digests."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from bot.advice import Strategy, Technique

STRATEGY_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        Strategy.PROMPT_ENGINEERING: "Better prompting",
        Strategy.RAG: "RAG (retrieval)",
        Strategy.FINE_TUNING: "Fine-tuning",
        Strategy.RAG_FINE_TUNING: "RAG + fine-tuning",
    }
)
"""By strategy, also for each step of a recommendation's path (``rec.path``)."""

TECHNIQUE_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        Technique.DPO: "supervised fine-tuning, then preference tuning (DPO)",
        Technique.LORA: "LoRA / QLoRA on an open-weights model",
        Technique.HOSTED_SFT: "the provider's hosted supervised fine-tuning",
    }
)
