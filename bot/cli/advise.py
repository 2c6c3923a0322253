"""``advisor advise``: one-shot advice for a description and its thread replies."""

from __future__ import annotations

import json

import click

from bot.cli import wording
from bot.cli.app import App, pass_app
from bot.cli.output import Output
from bot.cli.report import show_advice, show_open_questions


@click.command()
@click.argument("text")
@click.option(
    "--answer",
    "answers",
    multiple=True,
    metavar="TEXT",
    help="A reply in the thread, in order; repeat for several.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the JSON contract only.")
@pass_app
def advise(app: App, text: str, answers: tuple[str, ...], as_json: bool) -> None:
    """Advice for the use case TEXT (quote it)."""
    if not text.strip():
        raise click.BadParameter("describe the use case", param_hint="TEXT")
    advice = app.advisor.run([text, *answers])
    if as_json:
        click.echo(json.dumps(advice.contract(), indent=2, ensure_ascii=False))
        return
    out = Output()
    show_advice(out, advice)
    show_open_questions(out, advice.questions, wording.OPEN_HINT_ADVISE)


def register(group: click.Group) -> None:
    group.add_command(advise)
