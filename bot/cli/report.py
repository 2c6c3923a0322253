"""The readable report of an :class:`Advice`, shared by ``advisor chat`` and ``advise``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.advice import Advice, CostEstimate, ModelCost, Question, Recommendation
from bot.cli import wording
from bot.cli.output import Output
from bot.facts import Facts

PERCENT_FACTS = frozenset({"baseline_quality", "target_quality"})
MAX_OPEN_QUESTIONS = 3


def format_value(name: str, value: Any) -> str:
    """A fact's value as a person would write it."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in PERCENT_FACTS and isinstance(value, float):
        return f"{value * 100:.0f}%"
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 10 else f"{value:,.2g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(getattr(value, "value", value)).replace("_", " ")


def labeled_facts(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Facts as (label, value) pairs, worded for a person."""
    return [
        (wording.FACT_LABELS.get(name, name), format_value(name, v)) for name, v in values.items()
    ]


def fact_rows(facts: Facts) -> list[tuple[str, str]]:
    """The known facts, labeled."""
    return labeled_facts(facts.known())


def summary_rows(rec: Recommendation) -> list[tuple[str, str]]:
    rows = [
        (
            wording.LABEL_STRATEGY,
            wording.STRATEGY_LABELS.get(rec.strategy.value, rec.strategy.value),
        ),
        (wording.LABEL_PATH, " → ".join(wording.STEP_LABELS.get(p, p) for p in rec.path)),
    ]
    if rec.technique:
        label = wording.TECHNIQUE_LABELS.get(rec.technique.value, rec.technique.value)
        rows.append((wording.LABEL_TECHNIQUE, label))
    rows.append((wording.LABEL_CONFIDENCE, rec.confidence.value))
    return rows


def money(value: float) -> str:
    """Dollars with cents, the sign before the symbol: ``-$12.50``."""
    return f"{'-' if value < 0 else ''}${abs(value):,.2f}"


def cost_row(model: ModelCost) -> list[str]:
    payback = (
        f"{model.payback_months:.1f} months"
        if model.payback_months is not None and model.monthly_saving > 0
        else wording.COST_NEVER
    )
    return [
        model.model,
        money(model.prompt_route_monthly),
        money(model.fine_tuned_monthly),
        money(model.training_one_time),
        money(model.monthly_saving),
        payback,
    ]


def _assumed(key: str, value: Any) -> str:
    name = key.replace("_", " ")
    if isinstance(value, dict):
        return f"{name} " + ", ".join(f"{k} {v}" for k, v in value.items())
    return f"{name} {format_value(key, value)}"


def assumption_notes(assumptions: dict[str, Any]) -> list[str]:
    """One line of the scalar assumptions, then each note (a list of sentences) on its own."""
    scalars = [_assumed(k, v) for k, v in assumptions.items() if not isinstance(v, list)]
    notes = [str(item) for v in assumptions.values() if isinstance(v, list) for item in v]
    return ([wording.ASSUMED_LINE.format(items="; ".join(scalars))] if scalars else []) + notes


def cost_notes(cost: CostEstimate) -> list[str]:
    notes = [cost.summary] if cost.summary else []
    if cost.never_pays and "never pays" not in cost.summary.lower():
        notes.append(wording.NEVER_PAYS)
    read = cost.prices_read.isoformat()
    notes.append(wording.PRICES_LINE.format(date=read, source=cost.prices_source))
    return notes + assumption_notes(cost.assumptions)


def show_cost(out: Output, cost: CostEstimate | None) -> None:
    if cost is None:
        out.section(wording.TITLE_COST, [wording.NO_COST])
        return
    rows = [cost_row(model) for model in cost.models]
    out.table(wording.TITLE_COST, wording.COST_COLUMNS, rows, cost_notes(cost))


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
