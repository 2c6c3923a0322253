"""The readable report of an :class:`Advice`, shared by ``advisor chat`` and ``advise``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.advice import Advice, CostEstimate, ModelCost, Question, Recommendation
from bot.amount import format_number
from bot.cli import wording
from bot.cli.output import Output
from bot.facts import FACT_NAMES, Facts
from bot.rules import format_fact

MAX_OPEN_QUESTIONS = 3


def format_value(name: str, value: Any) -> str:
    """A fact's value as the user gave it: "2,000", "300-800", "500 or more", "87%"."""
    return format_fact(name, value)


def known_facts(facts: Facts) -> dict[str, Any]:
    """The known facts by name, as values (figures stay ranges and bounds)."""
    return {n: v for n in FACT_NAMES if (v := getattr(facts, n)) is not None}


def labeled_facts(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Facts as (label, value) pairs, worded for a person."""
    return [
        (wording.FACT_LABELS.get(name, name), format_value(name, v)) for name, v in values.items()
    ]


def fact_rows(facts: Facts) -> list[tuple[str, str]]:
    """The known facts, labeled."""
    return labeled_facts(known_facts(facts))


def summary_rows(rec: Recommendation) -> list[tuple[str, str]]:
    rows = [
        (
            wording.LABEL_STRATEGY,
            wording.STRATEGY_LABELS.get(rec.strategy.value, rec.strategy.value),
        ),
        (wording.LABEL_PATH, " → ".join(wording.STRATEGY_LABELS.get(p, p) for p in rec.path)),
    ]
    if rec.technique:
        label = wording.TECHNIQUE_LABELS.get(rec.technique.value, rec.technique.value)
        rows.append((wording.LABEL_TECHNIQUE, label))
    rows.append((wording.LABEL_CONFIDENCE, rec.confidence.value))
    return rows


def money(value: float) -> str:
    """Dollars with cents, the sign before the symbol: ``-$12.50``."""
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def cost_row(model: ModelCost, with_volume: bool = False) -> list[str]:
    payback = (
        f"{model.payback_months:.1f} months"
        if model.payback_months is not None and model.monthly_saving > 0
        else wording.COST_NEVER
    )
    volume = [format_number(model.requests_per_day or 0)] if with_volume else []
    return [
        model.model,
        *volume,
        money(model.prompt_route_monthly),
        money(model.fine_tuned_monthly),
        money(model.training_one_time),
        money(model.monthly_saving),
        payback,
    ]


def cost_notes(cost: CostEstimate) -> list[str]:
    """Sentences under the table: which volume and why, the conclusion, the assumptions,
    where the prices come from, and whether they are too old to trust."""
    notes = [cost.basis] if cost.basis else []
    notes += [cost.summary] if cost.summary else []
    if cost.never_pays and "never pays" not in cost.summary.lower():
        notes.append(wording.NEVER_PAYS)
    notes += cost.notes
    read = cost.prices_read.isoformat()
    notes.append(wording.PRICES_LINE.format(date=read, source=cost.prices_source))
    if cost.prices_stale:
        notes.append(cost.prices_stale)
    return notes


def show_cost(out: Output, cost: CostEstimate | None) -> None:
    if cost is None:
        out.section(wording.TITLE_COST, [wording.NO_COST])
        return
    several = len(cost.computed_at) > 1
    columns = wording.COST_COLUMNS_BY_VOLUME if several else wording.COST_COLUMNS
    rows = [cost_row(model, several) for model in cost.models]
    out.table(wording.TITLE_COST, columns, rows, cost_notes(cost))


def show_open_questions(out: Output, questions: list[Question], hint: str) -> None:
    if questions:
        out.section(wording.TITLE_OPEN, [q.text for q in questions[:MAX_OPEN_QUESTIONS]])
        out.hint(hint)


def show_advice(out: Output, advice: Advice) -> None:
    """The whole answer: summary, facts, reasons, warnings, steps, cost, then the prompt."""
    rec = advice.recommendation
    out.fields(wording.TITLE_ADVICE, summary_rows(rec))
    rows = fact_rows(advice.facts)
    if rows:
        out.fields(wording.TITLE_FACTS, rows)
    else:
        out.section(wording.TITLE_FACTS, [wording.NO_FACTS])
    if rec.reasons:
        out.section(wording.TITLE_REASONS, [r.text for r in rec.reasons])
    if rec.warnings:
        out.section(wording.TITLE_WARNINGS, [w.text for w in rec.warnings])
    if rec.next_steps:
        out.section(wording.TITLE_NEXT, rec.next_steps, numbered=True)
    if rec.assumptions:
        out.section(wording.TITLE_ASSUMPTIONS, rec.assumptions)
    show_cost(out, rec.cost)
    out.block(wording.TITLE_PROMPT, advice.suggested_prompt)
