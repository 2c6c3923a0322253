"""The readable report of an :class:`Advice`, shared by ``advisor chat`` and ``advise``: the
rows of :mod:`bot.report` (which the decision record shows too) laid out on a terminal."""

from __future__ import annotations

from bot.advice import Advice, CostEstimate, Question
from bot.cli.output import Output
from bot.cli.wording import wording
from bot.report import (
    COST_TITLE,
    NO_COST,
    cost_columns,
    cost_notes,
    cost_rows,
    fact_rows,
    summary_rows,
)

MAX_OPEN_QUESTIONS = 3


def show_cost(out: Output, cost: CostEstimate | None) -> None:
    if cost is None:
        out.section(COST_TITLE, [NO_COST])
        return
    out.table(COST_TITLE, cost_columns(cost), cost_rows(cost), cost_notes(cost))


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
