"""``advisor advise``: one-shot advice for a description and its thread replies, as a
report, the JSON contract, or a Markdown decision record."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime

import click

from bot.advice import Advice
from bot.cli import wording
from bot.cli.app import App, pass_app
from bot.cli.output import Output
from bot.cli.pasted import PastedTextCommand
from bot.cli.report import show_advice, show_open_questions
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
    shape: str | None,
    as_json: bool,
    decided: datetime | None,
) -> None:
    """Advice for the use case TEXT (quote it), or for what is piped in when TEXT is "-" or
    left out: pbpaste | advisor advise. TEXT and answers may start with "-"."""
    shape = _shape(shape, as_json, decided)
    advice = app.advisor.run([_description(text), *answers])
    _print(advice, shape, decided.date() if decided else date.today())


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


def _print(advice: Advice, shape: str, decided: date) -> None:
    if shape == "json":
        click.echo(json.dumps(advice.contract(), indent=2, ensure_ascii=False))
    elif shape == "markdown":
        click.echo(decision_record(advice, decided=decided), nl=False)
    else:
        out = Output()
        show_advice(out, advice)
        show_open_questions(out, advice.questions, wording.OPEN_HINT_ADVISE)


def register(group: click.Group) -> None:
    group.add_command(advise)
