"""``advisor advise``: one-shot advice for a description and its thread replies."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.advice import Advice
from bot.cli import wording
from bot.cli.app import App, pass_app
from bot.cli.data import data_advisor
from bot.cli.output import Output
from bot.cli.report import show_advice, show_open_questions
from bot.datacheck import short_report


@click.command()
@click.argument("text")
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
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract only.")
@pass_app
def advise(
    app: App, text: str, answers: tuple[str, ...], data_file: Path | None, as_json: bool
) -> None:
    """Advice for the use case TEXT (quote it)."""
    if not text.strip():
        raise click.BadParameter("describe the use case", param_hint="TEXT")
    if data_file is not None:
        advice, measured = _advise_with_data(app, [text, *answers], data_file)
    else:
        advice, measured = app.advisor.run([text, *answers]), []
    if as_json:
        click.echo(json.dumps(advice.contract(), indent=2, ensure_ascii=False))
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
        labels = wording.STRATEGY_LABELS
        changes.append(
            wording.ADVICE_CHANGED.format(
                before=labels[before.recommendation.strategy.value],
                after=labels[after.recommendation.strategy.value],
            )
        )
    return after, changes


def register(group: click.Group) -> None:
    group.add_command(advise)
