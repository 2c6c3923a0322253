"""The advice as a decision record: a Markdown document in the shape of an architecture
decision record, for a team to keep, diff and revisit.

Title, date and status; the context (the use case and the thread's answers, quoted as
written); the facts with the words they were read from; the decision; the reasons; the
consequences (warnings, next steps); the cost table with its assumptions and the prices'
date; the suggested prompt; and the versions it was decided with. The same advice and
date give the same bytes: nothing else (no time, no order of a set) goes in.

It says things as the CLI report does (the labels, figures and cost rows of
:mod:`bot.report`, which both build on), so the record and the terminal never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.advice import Advice
from bot.datacheck.wording import wording as data_wording
from bot.facts import Evidence
from bot.labels import STRATEGY_LABELS
from bot.records import wording
from bot.records.markdown import (
    bullets,
    document,
    fenced,
    fields,
    heading,
    inline,
    numbered,
    one_line,
    table,
)
from bot.report import (
    COST_TITLE,
    FACT_LABELS,
    NO_COST,
    cost_columns,
    cost_notes,
    cost_rows,
    format_value,
    known_facts,
    summary_rows,
)

QUOTE_CHARS = 160
"""A quote in the facts table is cut to this many characters (the context has it all)."""


@dataclass(frozen=True)
class Superseded:
    """The earlier record a new one replaces: its number in the thread, date and strategy."""

    number: int
    decided: date
    strategy: str


def record_filename(number: int | None = None) -> str:
    """``decision-record.md``, or ``decision-record-2.md`` for a thread's second."""
    if number is None:
        return wording.FILENAME
    return wording.FILENAME_NUMBERED.format(number=number)


def strategy_label(strategy: str) -> str:
    return STRATEGY_LABELS.get(strategy, strategy)


def decision_record(
    advice: Advice,
    *,
    decided: date,
    number: int | None = None,
    supersedes: Superseded | None = None,
    superseded_by: int | None = None,
) -> str:
    """The Markdown record of ``advice``, dated ``decided``; ``number`` is its place among a
    thread's records, ``supersedes`` the one it replaces and ``superseded_by`` the number of
    a later one that replaced it (its status then says so)."""
    rec = advice.recommendation
    strategy = strategy_label(rec.strategy.value)
    title = (
        wording.TITLE.format(strategy=strategy)
        if number is None
        else wording.TITLE_NUMBERED.format(number=number, strategy=strategy)
    )
    status = (
        wording.STATUS_PROPOSED
        if superseded_by is None
        else wording.STATUS_SUPERSEDED.format(number=superseded_by)
    )
    header = [(wording.LABEL_DATE, decided.isoformat()), (wording.LABEL_STATUS, status)]
    if supersedes is not None:
        header.append((wording.LABEL_SUPERSEDES, _superseded(supersedes)))
    return document(
        [
            heading(1, title),
            fields(header),
            heading(2, wording.CONTEXT),
            *_context(advice.turns),
            heading(2, wording.FACTS),
            *_facts(advice),
            heading(2, wording.DECISION),
            fields(summary_rows(rec)),
            heading(2, wording.REASONS),
            bullets([r.text for r in rec.reasons]) or inline(wording.NONE),
            heading(2, wording.CONSEQUENCES),
            heading(3, wording.WARNINGS),
            bullets([w.text for w in rec.warnings]) or inline(wording.NONE),
            heading(3, wording.NEXT_STEPS),
            numbered(rec.next_steps) or inline(wording.NONE),
            heading(2, COST_TITLE),
            *_cost(advice),
            heading(2, wording.PROMPT),
            fenced(advice.suggested_prompt),
            heading(2, wording.VERSIONS),
            fields(_versions(advice)),
        ]
    )


def _superseded(earlier: Superseded) -> str:
    return wording.SUPERSEDES.format(
        number=earlier.number,
        strategy=strategy_label(earlier.strategy),
        date=earlier.decided.isoformat(),
    )


def _context(turns: list[str]) -> list[str]:
    """The description and each answer, quoted as written (line breaks kept)."""
    if not turns:
        return [inline(wording.NOT_KEPT)]
    blocks = [inline(wording.DESCRIBED), fenced(turns[0])]
    for number, answer in enumerate(turns[1:], 1):
        blocks += [inline(wording.ANSWER.format(number=number)), fenced(answer)]
    return blocks


def _facts(advice: Advice) -> list[str]:
    """The known facts with the words each was read from; then what was assumed and what
    is still open."""
    known = known_facts(advice.facts)
    measured = data_wording.MEASURED_FROM.format(file=advice.data.file) if advice.data else None
    rows = [
        [
            FACT_LABELS.get(name, name),
            format_value(name, value),
            _source(advice.evidence.get(name), measured),
        ]
        for name, value in known.items()
    ]
    blocks = [table(wording.COLUMNS_FACTS, rows) if rows else inline(wording.NO_FACTS)]
    assumed = advice.recommendation.assumptions
    if assumed:
        blocks += [inline(wording.ASSUMED), bullets(assumed)]
    if advice.questions:
        blocks += [inline(wording.OPEN), bullets([q.text for q in advice.questions])]
    return blocks


def _source(evidence: Evidence | None, measured: str | None) -> str:
    """The words a fact was read from, quoted with their turn; or, for a figure the data
    check measured in a file (``advise --data``), "measured from FILE", unquoted: those are
    not the user's words."""
    if evidence is None:
        return wording.NO_SOURCE
    if measured is not None and evidence.quote == measured:
        return measured
    quote = one_line(evidence.quote)
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    if evidence.turn == 0:
        return wording.FROM_DESCRIPTION.format(quote=quote)
    return wording.FROM_ANSWER.format(quote=quote, number=evidence.turn)


def _cost(advice: Advice) -> list[str]:
    """The comparison as the CLI shows it: one row per model (and volume), then which
    volume and why, the conclusion, the assumptions and where and when prices were read."""
    cost = advice.recommendation.cost
    if cost is None:
        return [inline(NO_COST)]
    return [table(cost_columns(cost), cost_rows(cost), right=1), bullets(cost_notes(cost))]


def _versions(advice: Advice) -> list[tuple[str, str]]:
    rules = advice.rules_version
    return [
        (wording.LABEL_ADVISOR, advice.advisor_version or wording.UNKNOWN_VERSION),
        (
            wording.LABEL_RULES,
            wording.RULES_VERSION.format(version=rules) if rules else wording.UNKNOWN_VERSION,
        ),
    ]
