"""A report as facts of the consultation, and in words: what it measured and what changed.

Measured figures replace what the user said: ``labeled_examples`` is the unique valid
examples; ``preference_data`` is true when the file holds preference pairs (false when it
holds none and the user had not said, since their pairs may be in another file);
``data_quality`` falls to ``low`` when duplicates plus conflicts exceed the rules' share.
Each fact it sets carries the evidence "measured from FILE".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.amount import Amount, format_amount, format_money
from bot.datacheck.report import DataReport
from bot.datacheck.shapes import DataFormat
from bot.datacheck.wording import counted, share, wording
from bot.facts import DataQuality, Evidence

if TYPE_CHECKING:
    from bot.case import CaseState

SHARE_THRESHOLD = "max_duplicate_conflict_share"
"""The threshold in decision_rules.yaml above which measured data quality is low."""


def apply_report(state: CaseState, report: DataReport, max_share: float) -> CaseState:
    """The state with the file's measured facts (and the report) in it."""
    evidence = dict(state.evidence)
    updates: dict[str, Any] = {}
    if report.format is not DataFormat.UNKNOWN:
        updates["labeled_examples"] = Amount.exactly(report.unique_valid)
        if report.preference_pairs:
            updates["preference_data"] = True
        elif _measured(state, "preference_data") or (
            state.facts.preference_data is None and "preference_data" not in state.tentative
        ):  # pairs they said they have (even unsure) may be in another file
            updates["preference_data"] = False
        if report.valid and report.repeated_share > max_share:
            updates["data_quality"] = DataQuality.LOW
        elif _measured(state, "data_quality"):
            updates["data_quality"] = None  # an earlier file's verdict, not this one's
            evidence.pop("data_quality", None)
    quote = wording.MEASURED_FROM.format(file=report.file)
    turn = max(len(state.turns) - 1, 0)
    for name, value in updates.items():
        if value is not None:
            evidence[name] = Evidence(turn=turn, start=0, end=0, quote=quote)
    facts = state.facts.model_copy(update=updates)
    return state.model_copy(
        update={
            "facts": facts,
            "evidence": evidence,
            "data": report,
            # a measured figure settles what the reader was unsure of, or the user was
            "tentative": {k: v for k, v in state.tentative.items() if k not in updates},
            "unsure": state.unsure - set(updates),
        }
    )


def _measured(state: CaseState, name: str) -> bool:
    """Whether the fact came from an earlier file rather than the user's words."""
    found = state.evidence.get(name)
    return (
        state.data is not None
        and found is not None
        and found.quote == wording.MEASURED_FROM.format(file=state.data.file)
    )


def describe_measurement(before: CaseState, after: CaseState, max_share: float) -> list[str]:
    """What the file changed, one phrase each: "you said 3,000 examples; the file holds
    1,140 unique valid ones"."""
    report = after.data
    if report is None:
        return []
    if report.format is DataFormat.UNKNOWN:
        return [wording.CHANGE_NOTHING]
    said = before.facts.labeled_examples
    measured = report.unique_valid
    if said is None or _measured(before, "labeled_examples"):
        found = [wording.CHANGE_EXAMPLES_NEW.format(measured=measured)]
    elif said.exact and said.value == measured:
        found = [wording.CHANGE_EXAMPLES_SAME.format(measured=measured)]
    else:
        found = [wording.CHANGE_EXAMPLES_SAID.format(said=format_amount(said), measured=measured)]
    if report.preference_pairs:
        pairs = counted(report.preference_pairs, "preference pair")
        found.append(wording.CHANGE_PAIRS.format(pairs=pairs))
    elif after.facts.preference_data is False and before.facts.preference_data is None:
        found.append(wording.CHANGE_NO_PAIRS)
    if after.facts.data_quality is DataQuality.LOW and _measured(after, "data_quality"):
        found.append(
            wording.CHANGE_QUALITY.format(
                share=share(report.repeated_share), limit=share(max_share)
            )
        )
    return found


def short_report(report: DataReport) -> list[str]:
    """A few lines for a thread or a terminal; the warnings are ``report.warnings``."""
    lines = [
        wording.SUMMARY_HEAD.format(
            file=report.file,
            format=report.format.value,
            rows=report.rows,
            valid=report.valid,
            unique=report.unique_valid,
        )
    ]
    if report.valid:
        lines.append(
            wording.SUMMARY_REPEATS.format(
                duplicates=counted(report.duplicates.rows, "duplicate"),
                conflicts=counted(report.conflicts.rows, "conflict"),
                share=share(report.repeated_share),
            )
        )
    if report.labels is not None:
        labels = report.labels
        lines.append(
            wording.SUMMARY_LABELS.format(
                classes=labels.classes,
                smallest=labels.smallest.label,
                rows=labels.smallest.rows,
                ratio=labels.imbalance_ratio,
            )
        )
    if report.preference_pairs is not None:
        pairs = counted(report.preference_pairs, "preference pair")
        lines.append(wording.SUMMARY_PAIRS.format(pairs=pairs))
    if report.unique_valid:
        lines += _token_lines(report)
        split = report.split
        line = wording.SUMMARY_SPLIT.format(
            train=split.train, validation=split.validation, test=split.test
        )
        lines.append(line + (wording.STRATIFIED if split.stratified_by else ""))
    return lines


def _token_lines(report: DataReport) -> list[str]:
    tokens = report.tokens
    lines = [wording.SUMMARY_TOKENS.format(mean=tokens.mean, p95=tokens.p95, total=tokens.total)]
    if tokens.training_cost:
        costs = ", ".join(f"{format_money(c.cost)} on {c.model}" for c in tokens.training_cost)
        read = tokens.prices_read.isoformat() if tokens.prices_read else "?"
        epochs = tokens.training_cost[0].epochs
        lines.append(wording.SUMMARY_COST.format(costs=costs, epochs=epochs, read=read))
    return lines
