"""From a finished tally to the report: statistics, training cost, the split and warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.datacheck.pii import PiiKind
from bot.datacheck.report import (
    MAX_LABEL_CHARS,
    MAX_REPORTED_LABELS,
    DataReport,
    LabelStats,
    PiiCounts,
    Problem,
    Repeats,
    SmallestClass,
    SplitSizes,
    TokenStats,
    TrainingCost,
)
from bot.datacheck.shapes import DataFormat
from bot.datacheck.sources import FileType
from bot.datacheck.split import plan_split
from bot.datacheck.tally import MAX_LABELS, Tally
from bot.datacheck.wording import counted, share, wording

if TYPE_CHECKING:
    from bot.rules.pricing import Pricing

IMBALANCE_WARNING = 10.0
"""Warn when the largest class has this many times the examples of the smallest."""
TOP_TWO_WARNING = 0.9
"""Warn when two classes (of three or more) hold this share of the examples."""


def build_report(
    tally: Tally, file: str, file_type: FileType, pricing: Pricing | None, seed: int
) -> DataReport:
    plan = plan_split(tally.groups, tally.group_rows, seed)
    fmt = tally.layout.format
    labels = _labels(tally) if fmt is DataFormat.CLASSIFICATION else None
    report = DataReport(
        file=file,
        file_type=file_type,
        format=fmt,
        rows=tally.rows,
        valid=tally.valid,
        invalid_rows=tally.invalid_rows,
        invalid=[Problem(line=line, error=error) for line, error in tally.problems],
        complete=tally.stopped is None,
        duplicates=Repeats(rows=tally.duplicates, lines=tally.duplicate_lines),
        conflicts=Repeats(rows=tally.conflicts, lines=tally.conflict_lines),
        unique_valid=tally.unique_valid,
        labels=labels,
        preference_pairs=tally.unique_valid if fmt is DataFormat.PREFERENCE else None,
        tokens=_tokens(tally, pricing),
        pii=_pii(tally),
        split=SplitSizes(
            **plan.sizes, seed=seed, stratified_by="label" if labels is not None else None
        ),
    )
    return report.model_copy(update={"warnings": warnings(report, tally)})


def _labels(tally: Tally) -> LabelStats | None:
    if not tally.labels:
        return None
    ranked = tally.labels.most_common()
    total = sum(tally.labels.values()) + tally.other_labels
    smallest_label, smallest = ranked[-1]
    largest = ranked[0][1]
    return LabelStats(
        counts={_short(label): n for label, n in ranked[:MAX_REPORTED_LABELS]},
        classes=len(ranked) + (1 if tally.other_labels else 0),
        smallest=SmallestClass(label=_short(smallest_label), rows=smallest),
        imbalance_ratio=round(largest / smallest, 2),
        top_two_share=round(sum(n for _, n in ranked[:2]) / total, 4),
        truncated=tally.other_labels > 0 or len(ranked) > MAX_REPORTED_LABELS,
    )


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _tokens(tally: Tally, pricing: Pricing | None) -> TokenStats:
    examples = sum(tally.tokens.values())
    total = sum(tokens * n for tokens, n in tally.tokens.items())
    costs: list[TrainingCost] = []
    if pricing is not None:
        epochs = pricing.assumptions.epochs
        costs = [
            TrainingCost(
                model=model.name,
                price_per_million=model.training,
                epochs=epochs,
                cost=round(total * epochs * model.training / 1e6, 2),
            )
            for model in pricing.models
        ]
    return TokenStats(
        approximation=wording.TOKEN_APPROXIMATION,
        mean=round(total / examples, 1) if examples else 0.0,
        p95=_percentile(tally, 95),
        total=total,
        training_cost=costs,
        currency=pricing.currency if pricing else None,
        prices_read=min(m.read for m in pricing.models) if pricing else None,
    )


def _percentile(tally: Tally, percent: int) -> int:
    """The nearest-rank percentile of the per-example token counts (exact)."""
    examples = sum(tally.tokens.values())
    if not examples:
        return 0
    rank = max(1, -(-examples * percent // 100))  # ceil(examples * percent / 100)
    seen = 0
    for tokens in sorted(tally.tokens):
        seen += tally.tokens[tokens]
        if seen >= rank:
            return tokens
    return max(tally.tokens)


def _pii(tally: Tally) -> PiiCounts:
    rows = tally.pii_rows
    kinds = [wording.PII_LABELS[k.value] for k in PiiKind if tally.pii[k]]
    return PiiCounts(
        email=tally.pii[PiiKind.EMAIL],
        phone=tally.pii[PiiKind.PHONE],
        card=tally.pii[PiiKind.CARD],
        iban=tally.pii[PiiKind.IBAN],
        rows_with_any=rows,
        warning=(
            wording.WARN_PII.format(rows=counted(rows, "row"), kinds=", ".join(kinds))
            if rows
            else None
        ),
    )


def warnings(report: DataReport, tally: Tally) -> list[str]:
    """What the team should fix before training, most basic first."""
    found: list[str] = []
    if tally.stopped is not None:
        line, reason = tally.stopped
        found.append(wording.STOPPED.format(line=line, reason=reason))
    if report.format is DataFormat.UNKNOWN:
        found.append(wording.WARN_UNKNOWN_FORMAT)
    elif report.valid == 0:
        found.append(wording.WARN_NO_VALID)
    if report.invalid_rows:
        count = counted(report.invalid_rows, "row")
        found.append(wording.WARN_INVALID.format(count=count, rows=report.rows))
    duplicates, conflicts = report.duplicates.rows, report.conflicts.rows
    if duplicates or conflicts:
        template = (
            wording.WARN_REPEATED
            if duplicates and conflicts
            else wording.WARN_DUPLICATES
            if duplicates
            else wording.WARN_CONFLICTS
        )
        found.append(
            template.format(
                duplicates=counted(duplicates, "duplicate"),
                conflicts=counted(conflicts, "conflict"),
                share=share(report.repeated_share),
            )
        )
    if tally.conflicting_inputs and report.format is not DataFormat.PREFERENCE:
        count = counted(len(tally.conflicting_inputs), "input")
        found.append(wording.WARN_CONFLICTS_SPLIT.format(count=count))
    found += _label_warnings(report.labels, overflow=tally.other_labels > 0)
    if report.pii.warning:
        found.append(report.pii.warning)
    return found


def _label_warnings(labels: LabelStats | None, *, overflow: bool) -> list[str]:
    if labels is None:
        return []
    found: list[str] = []
    if labels.classes == 1:
        found.append(wording.WARN_ONE_CLASS)
    elif labels.imbalance_ratio >= IMBALANCE_WARNING:
        found.append(
            wording.WARN_IMBALANCE.format(
                largest=next(iter(labels.counts)),
                smallest=labels.smallest.label,
                ratio=labels.imbalance_ratio,
            )
        )
    if labels.classes >= 3 and labels.top_two_share >= TOP_TWO_WARNING:
        found.append(wording.WARN_TOP_TWO.format(share=share(labels.top_two_share)))
    if overflow:
        found.append(wording.WARN_TOO_MANY_LABELS.format(limit=MAX_LABELS))
    return found
