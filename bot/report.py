"""The advice in rows of words and figures, as people read them: the summary (strategy,
path, technique, confidence), the known facts with their labels, and the cost table's rows
with the notes under it.

The CLI's report (bot/cli/report.py) lays these out on a terminal and the decision record
(bot/records/) in Markdown, which the Slack app uploads too: one wording, so the record and
the terminal never disagree, owned by neither front end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from bot.advice import CostEstimate, ModelCost, Recommendation
from bot.amount import format_money, format_number
from bot.facts import FACT_NAMES, Facts
from bot.labels import STRATEGY_LABELS, TECHNIQUE_LABELS
from bot.rules import format_fact

FACT_LABELS: Final = {
    "task_type": "task",
    "requests_per_day": "requests per day",
    "labeled_examples": "labeled examples",
    "data_quality": "data quality",
    "preference_data": "preference data",
    "specialized_domain": "specialized domain",
    "domain": "domain",
    "needs_knowledge": "needs your own documents/data",
    "style_consistency": "consistent style/format",
    "latency_sensitive": "latency sensitive",
    "prompting_exhausted": "prompting tried and falls short",
    "baseline_quality": "current quality",
    "target_quality": "target quality",
    "self_hosted": "must self-host",
}

LABEL_STRATEGY: Final = "Strategy"
LABEL_PATH: Final = "Path"
LABEL_TECHNIQUE: Final = "Technique"
LABEL_CONFIDENCE: Final = "Confidence"
COST_TITLE: Final = "Cost per month (USD)"
NO_COST: Final = (
    "No cost comparison: tell me how many requests a day you expect and I'll compare "
    "the prompt route with a fine-tuned model."
)
NEVER_PAYS: Final = "Fine-tuning never pays back on cost here: the prompt route stays cheaper."
COST_COLUMNS: Final = (
    "model",
    "prompt route",
    "fine-tuned",
    "training (once)",
    "saving",
    "payback",
)
COST_COLUMNS_BY_VOLUME: Final = (
    "model",
    "requests/day",
    "prompt route",
    "fine-tuned",
    "training (once)",
    "saving",
    "payback",
)
COST_NEVER: Final = "never"
PRICES_LINE: Final = "Prices read {date} from {source}."


def format_value(name: str, value: Any) -> str:
    """A fact's value as the user gave it: "2,000", "300-800", "500 or more", "87%"."""
    return format_fact(name, value)


def known_facts(facts: Facts) -> dict[str, Any]:
    """The known facts by name, as values (figures stay ranges and bounds)."""
    return {n: v for n in FACT_NAMES if (v := getattr(facts, n)) is not None}


def labeled_facts(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Facts as (label, value) pairs, worded for a person."""
    return [(FACT_LABELS.get(name, name), format_value(name, v)) for name, v in values.items()]


def fact_rows(facts: Facts) -> list[tuple[str, str]]:
    """The known facts, labeled."""
    return labeled_facts(known_facts(facts))


def summary_rows(rec: Recommendation) -> list[tuple[str, str]]:
    """Strategy, path, technique (when there is one) and confidence, labeled."""
    rows = [
        (LABEL_STRATEGY, STRATEGY_LABELS.get(rec.strategy.value, rec.strategy.value)),
        (LABEL_PATH, " → ".join(STRATEGY_LABELS.get(p, p) for p in rec.path)),
    ]
    if rec.technique:
        rows.append(
            (LABEL_TECHNIQUE, TECHNIQUE_LABELS.get(rec.technique.value, rec.technique.value))
        )
    rows.append((LABEL_CONFIDENCE, rec.confidence.value))
    return rows


def cost_columns(cost: CostEstimate) -> tuple[str, ...]:
    """The cost table's columns: with a requests/day column when several volumes were
    computed."""
    return COST_COLUMNS_BY_VOLUME if len(cost.computed_at) > 1 else COST_COLUMNS


def cost_rows(cost: CostEstimate) -> list[list[str]]:
    """One row per model (and volume), under :func:`cost_columns`."""
    several = len(cost.computed_at) > 1
    return [cost_row(model, several) for model in cost.models]


def cost_row(model: ModelCost, with_volume: bool = False) -> list[str]:
    payback = (
        f"{model.payback_months:.1f} months"
        if model.payback_months is not None and model.monthly_saving > 0
        else COST_NEVER
    )
    volume = [format_number(model.requests_per_day or 0)] if with_volume else []
    return [
        model.model,
        *volume,
        format_money(model.prompt_route_monthly),
        format_money(model.fine_tuned_monthly),
        format_money(model.training_one_time),
        format_money(model.monthly_saving),
        payback,
    ]


def cost_notes(cost: CostEstimate) -> list[str]:
    """Sentences under the table: which volume and why, the conclusion, the assumptions,
    where the prices come from, and whether they are too old to trust."""
    notes = [cost.basis] if cost.basis else []
    notes += [cost.summary] if cost.summary else []
    if cost.never_pays and "never pays" not in cost.summary.lower():
        notes.append(NEVER_PAYS)
    notes += cost.notes
    read = cost.prices_read.isoformat()
    notes.append(PRICES_LINE.format(date=read, source=cost.prices_source))
    if cost.prices_stale:
        notes.append(cost.prices_stale)
    return notes
