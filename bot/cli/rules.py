"""``advisor rules check``: validate a rules file before it goes live."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from bot import paths
from bot.cli.wording import wording

if TYPE_CHECKING:
    from bot.rules import RuleBook


def rule_count(book: RuleBook) -> int:
    """Every rule the engine evaluates: strategy, later steps, technique, warnings, steps."""
    sections = (book.strategy, book.later_steps, book.technique, book.warnings, book.next_steps)
    return sum(len(section) for section in sections)


@click.group()
def rules() -> None:
    """Work with the decision rules (decision_rules.yaml)."""


@rules.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def check(ctx: click.Context, path: Path | None) -> None:
    """Check PATH (default: the project's rules file); print each problem, exit 1 if any.
    Prices older than the pricing file allows are warned about (exit 0)."""
    from bot.rules import check_rules_file, load_rulebook, price_warnings

    target = path or paths.rules_path()
    if not target.is_file():
        click.echo(wording.RULES_MISSING.format(path=target))
        ctx.exit(1)
    problems = check_rules_file(target)
    for problem in problems:
        click.echo(problem)
    if problems:
        ctx.exit(1)
    book = load_rulebook(target)
    click.echo(
        wording.RULES_OK.format(path=target, rules=rule_count(book), questions=len(book.questions))
    )
    for warning in price_warnings(target, date.today()):
        click.echo(warning)


def register(group: click.Group) -> None:
    group.add_command(rules)
