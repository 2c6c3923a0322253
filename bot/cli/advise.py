"""``advisor advise``: one-shot advice for a description and its thread replies, as a
report, the JSON contract, or a Markdown decision record."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from bot.advice import Advice
from bot.cli.app import App, pass_app
from bot.cli.data import data_advisor
from bot.cli.output import Output
from bot.cli.pasted import PastedTextCommand
from bot.cli.report import show_advice, show_open_questions
from bot.cli.wording import wording
from bot.datacheck import short_report
from bot.labels import STRATEGY_LABELS
from bot.records import decision_record

FORMATS = ("text", "json", "markdown")


@click.command(cls=PastedTextCommand)
@click.argument("text", required=False)
@click.option(
    "--answer",
    "answers",
    multiple=True,
    metavar="TEXT",
    help="A reply in the thread, in order; repeat for several.",
)
@click.option(
    "--data",
    "data_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A training-data file (JSONL, JSON or CSV): its measured figures become facts.",
)
@click.option(
    "--format",
    "shape",
    type=click.Choice(FORMATS),
    default=None,
    help="text: the report (the default; plain when piped); json: the contract; "
    "markdown: a decision record to keep.",
)
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option(
    "--date",
    "decided",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="The decision record's date (default today); with --format markdown.",
)
@pass_app
def advise(
    app: App,
    text: str | None,
    answers: tuple[str, ...],
    data_file: Path | None,
    shape: str | None,
    as_json: bool,
    decided: datetime | None,
) -> None:
    """Advice for the use case TEXT (quote it), or for what is piped in when TEXT is "-" or
    left out: pbpaste | advisor advise. TEXT and answers may start with "-"."""
    shape = _shape(shape, as_json, decided)
    turns = [_description(text), *answers]
    if data_file is not None:
        advice, measured = _advise_with_data(app, turns, data_file)
    else:
        advice, measured = app.advisor.run(turns), []
    _print(advice, measured, shape, decided.date() if decided else date.today())


def _shape(shape: str | None, as_json: bool, decided: datetime | None) -> str:
    """The output format asked for; ``--json`` is ``--format json``."""
    if as_json and shape not in (None, "json"):
        raise click.UsageError(wording.JSON_AND_FORMAT)
    shape = "json" if as_json else (shape or "text")
    if decided is not None and shape != "markdown":
        raise click.UsageError(wording.DATE_WITHOUT_RECORD)
    return shape


def _description(text: str | None) -> str:
    """TEXT, or standard input when TEXT is "-", or absent while something is piped in."""
    if text == "-" or (text is None and not sys.stdin.isatty()):
        text = sys.stdin.read().rstrip("\n")
    if text is None or not text.strip():
        raise click.BadParameter(wording.NO_DESCRIPTION, param_hint="TEXT")
    return text


def _print(advice: Advice, measured: list[str], shape: str, decided: date) -> None:
    """``advice`` as asked; ``measured``: what a data file changed (said in the report)."""
    if shape == "json":
        click.echo(json.dumps(advice.contract(), indent=2, ensure_ascii=False))
        return
    if shape == "markdown":
        click.echo(decision_record(advice, decided=decided), nl=False)
        return
    out = Output()
    if advice.data is not None:
        file = advice.data.file
        out.section(
            wording.TITLE_MEASURED.format(file=file), [*short_report(advice.data), *measured]
        )
        if advice.data.warnings:
            out.section(wording.TITLE_MEASURED_WARNINGS.format(file=file), advice.data.warnings)
    show_advice(out, advice)
    show_open_questions(out, advice.questions, wording.OPEN_HINT_ADVISE)


def _advise_with_data(app: App, turns: list[str], path: Path) -> tuple[Advice, list[str]]:
    """The advice once the file's figures are facts, and what measuring changed."""
    advisor = data_advisor(app)
    report = advisor.check_data(path)
    state = app.advisor.start(turns[0])
    for reply in turns[1:]:
        state = app.advisor.reply(state, reply)
    measured = advisor.measure(state, report)
    changes = advisor.measured_changes(state, measured)
    before, after = app.advisor.advise(state), app.advisor.advise(measured)
    if before.recommendation.strategy != after.recommendation.strategy:
        labels = STRATEGY_LABELS
        changes.append(
            wording.ADVICE_CHANGED.format(
                before=labels[before.recommendation.strategy.value],
                after=labels[after.recommendation.strategy.value],
            )
        )
    return after, changes


def register(group: click.Group) -> None:
    group.add_command(advise)
