"""``advisor data check FILE`` and ``advisor data split FILE``: the training data, measured.

The report shows counts and line numbers, never the file's text (label names aside).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

import click

from bot.amount import format_money
from bot.case import CaseState
from bot.cli.app import AdvisorFailure, App, pass_app
from bot.cli.output import Output
from bot.cli.wording import wording
from bot.datacheck import DataReport, split_file
from bot.datacheck.wording import counted
from bot.datacheck.wording import wording as data_wording

MAX_LABEL_ROWS = 30
MAX_LINES_SHOWN = 5


@runtime_checkable
class DataAdvisor(Protocol):
    """What ``data check`` and ``advise --data`` need of an advisor (``Advisor`` has it)."""

    def check_data(self, source: Path | BinaryIO, *, name: str | None = None) -> DataReport: ...
    def measure(self, state: CaseState, report: DataReport) -> CaseState: ...
    def measured_changes(self, before: CaseState, after: CaseState) -> list[str]: ...


def data_advisor(app: App) -> DataAdvisor:
    advisor = app.advisor
    if not isinstance(advisor, DataAdvisor):
        raise AdvisorFailure(wording.NO_DATA_CHECK)
    return advisor


FILE = click.Path(dir_okay=False, path_type=Path)


@click.group()
def data() -> None:
    """Check training data (JSONL, JSON or CSV) and split it for training."""


@data.command()
@click.argument("file", type=FILE)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON only.")
@pass_app
def check(app: App, file: Path, as_json: bool) -> None:
    """What FILE holds: format, valid rows, duplicates, conflicts, labels, tokens and
    training cost, personal data, and the split it suggests."""
    report = data_advisor(app).check_data(file)
    if as_json:
        click.echo(json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    show_data_report(Output(), report)


@data.command()
@click.argument("file", type=FILE)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the shuffle.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the three files (default: FILE's folder / FILE's name + '-split').",
)
def split(file: Path, seed: int, out_dir: Path | None) -> None:
    """Write FILE's unique valid rows as train / validation / test (80/10/10), stratified
    by label where there is one, never the same input on two sides."""
    target = out_dir or file.with_name(f"{file.stem}-split")
    result = split_file(file, target, seed=seed)
    for side, path in result.files.items():
        click.echo(wording.SPLIT_WROTE.format(rows=result.rows[side], path=path))
    report = result.report
    how = data_wording.STRATIFIED if report.split.stratified_by else ""
    click.echo(
        wording.SPLIT_SUMMARY.format(
            seed=seed,
            how=how,
            duplicates=counted(report.duplicates.rows, "duplicate"),
            conflicts=counted(report.conflicts.rows, "conflicting answer"),
            invalid=counted(report.invalid_rows, "invalid row"),
        )
    )


def show_data_report(out: Output, report: DataReport) -> None:
    """The whole report: the figures, the problems, the labels, the cost, the warnings."""
    title = wording.TITLE_DATA.format(file=report.file)
    out.fields(title + ("" if report.complete else wording.DATA_INCOMPLETE), data_rows(report))
    if report.invalid:
        lines = [f"line {p.line}: {p.error}" for p in report.invalid]
        out.section(wording.TITLE_DATA_PROBLEMS.format(count=len(lines)), lines)
    if report.labels is not None:
        show_labels(out, report)
    show_training_cost(out, report)
    if report.warnings:
        out.section(wording.TITLE_DATA_WARNINGS, report.warnings)


def data_rows(report: DataReport) -> list[tuple[str, str]]:
    f = wording.DATA_FIELDS
    rows = [
        (f["format"], _format_label(report)),
        (f["rows"], f"{report.rows:,}"),
        (f["valid"], wording.DATA_VALID.format(valid=report.valid, invalid=report.invalid_rows)),
        (f["unique"], f"{report.unique_valid:,}"),
        (f["duplicates"], _repeats(report.duplicates.rows, report.duplicates.lines)),
        (f["conflicts"], _repeats(report.conflicts.rows, report.conflicts.lines)),
    ]
    if report.labels is not None:
        labels = report.labels
        text = wording.DATA_LABELS.format(
            classes=labels.classes,
            smallest=labels.smallest.label,
            rows=labels.smallest.rows,
            ratio=labels.imbalance_ratio,
        )
        rows.append((f["labels"], text))
    if report.preference_pairs is not None:
        rows.append((f["pairs"], f"{report.preference_pairs:,}"))
    tokens = report.tokens
    rows.append(
        (
            f["tokens"],
            wording.DATA_TOKENS.format(mean=tokens.mean, p95=tokens.p95, total=tokens.total),
        )
    )
    pii = report.pii
    rows.append(
        (
            f["pii"],
            wording.DATA_PII.format(email=pii.email, phone=pii.phone, card=pii.card, iban=pii.iban),
        )
    )
    split = report.split
    how = data_wording.STRATIFIED if split.stratified_by else ""
    text = wording.DATA_SPLIT.format(
        train=split.train, validation=split.validation, test=split.test, how=how
    )
    rows.append((f["split"], text))
    return rows


def _format_label(report: DataReport) -> str:
    return f"{data_wording.FORMAT_LABELS[report.format.value]} in {report.file_type.value.upper()}"


def _repeats(rows: int, lines: list[int]) -> str:
    if not lines:
        return wording.DATA_REPEATS.format(rows=rows)
    shown = ", ".join(str(n) for n in lines[:MAX_LINES_SHOWN])
    more = ", ..." if rows > MAX_LINES_SHOWN else ""
    where = "line" if rows == 1 else "lines"
    return wording.DATA_REPEAT_LINES.format(rows=rows, where=where, lines=shown + more)


def show_labels(out: Output, report: DataReport) -> None:
    assert report.labels is not None
    counts = report.labels.counts
    total = sum(counts.values()) or 1
    rows = [
        [label, f"{n:,}", f"{n / total:.0%}"] for label, n in list(counts.items())[:MAX_LABEL_ROWS]
    ]
    notes = []
    if len(counts) > MAX_LABEL_ROWS:
        notes.append(wording.DATA_MORE_LABELS.format(count=len(counts) - MAX_LABEL_ROWS))
    out.table(wording.TITLE_DATA_LABELS, wording.DATA_LABEL_COLUMNS, rows, notes)


def show_training_cost(out: Output, report: DataReport) -> None:
    tokens = report.tokens
    notes = [wording.DATA_TOKENS_NOTE.format(approximation=tokens.approximation)]
    if not tokens.training_cost:
        out.section(wording.TITLE_DATA_COST.format(currency="USD"), notes)
        return
    if tokens.prices_read:
        notes.append(wording.DATA_PRICES_NOTE.format(read=tokens.prices_read.isoformat()))
    rows = [
        [c.model, format_money(c.price_per_million), str(c.epochs), format_money(c.cost)]
        for c in tokens.training_cost
    ]
    title = wording.TITLE_DATA_COST.format(currency=tokens.currency or "USD")
    out.table(title, wording.DATA_COST_COLUMNS, rows, notes)


def register(group: click.Group) -> None:
    group.add_command(data)
