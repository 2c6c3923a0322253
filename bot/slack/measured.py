"""A training-data file measured in a consultation's thread: the turn that keeps its
report, the short report posted in the thread, and what it changed in words.

A measured file is a turn of the consultation like a reply, so the measurement counts in
order with the replies, whoever answers and however often the state is rebuilt: its
``about`` is :data:`DATA_FILE_TURN` and its text is the data check's report as JSON
(counts and line numbers, never the file's content; bot/datacheck/report.py).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from slack_sdk.models.blocks import Block

from bot.advice import Advice
from bot.case import CaseState
from bot.datacheck import DataReport, short_report
from bot.facts import FACT_NAMES
from bot.slack import wording
from bot.slack.blocks import bullets
from bot.slack.changes import describe_changes
from bot.slackkit.blocks import Message, fallback, section
from bot.slackkit.mrkdwn import escape, one_line
from bot.store import Turn

DATA_FILE_TURN = "data_file"
"""The ``about`` of a turn that holds a measured file's report (no fact has this name)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Measured:
    """A file measured in a turn not answered before: its report, the facts it changed,
    and what it changed in words ("you said 3,000 examples; the file holds 1,140 ...")."""

    report: DataReport
    facts: frozenset[str]
    changes: list[str]


def stored_report(turn: Turn) -> DataReport | None:
    """The report a data-file turn keeps; None (logged) if this version cannot read it."""
    try:
        return DataReport.model_validate_json(turn.text)
    except (ValidationError, ValueError):
        log.warning("turn %s: a stored data report this version cannot read; skipped", turn.id)
        return None


def changed_facts(before: CaseState, after: CaseState) -> frozenset[str]:
    return frozenset(n for n in FACT_NAMES if getattr(before.facts, n) != getattr(after.facts, n))


def report_message(report: DataReport, changes: Sequence[str] = ()) -> Message:
    """The short report in the thread: a few lines, the warnings, and (when no updated
    recommendation will say it) what the file changed."""
    title = wording.DATA_CHECKED.format(file=escape(one_line(report.file, 200)))
    lines = short_report(report)
    blocks: list[Block] = [section("\n".join([title, *(escape(line) for line in lines)]))]
    if report.warnings:
        blocks.append(bullets(wording.DATA_WARNINGS, report.warnings))
    if changes:
        blocks.append(section(wording.DATA_CHANGED.format(changes=escape("; ".join(changes)))))
    return Message(text=fallback(title, *(escape(line) for line in lines[:2])), blocks=blocks)


def update_changes(before: Advice, after: Advice, measured: Sequence[Measured]) -> list[str]:
    """What an updated recommendation says changed: each file's figures as measured ("you
    said 3,000 examples; the file holds 1,140 unique valid ones"), then the other changes
    (facts from replies, the strategy). Empty when nothing changed."""
    settled = frozenset[str]().union(*(m.facts for m in measured))
    facts = before.facts.model_copy(update={n: getattr(after.facts, n) for n in settled})
    rest = describe_changes(before.model_copy(update={"facts": facts}), after)
    if not settled and not rest:
        return []
    return [*(c for m in measured for c in m.changes), *rest]
