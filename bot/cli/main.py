"""The ``advisor`` command: a click group and the command modules registered onto it.

Adding a command: write a module in ``bot/cli/`` with a ``register(group: click.Group)``
function that adds its click command(s), import it below and add it to
``COMMAND_MODULES``. Registration is explicit: a command module that fails to import stops
``advisor`` with its traceback instead of silently losing its command.

Keep imports light: importing this module must not import ``slack_bolt`` or ``slack_sdk``
or build the advisor (tests/test_core_boundary.py). Commands for the Slack app
(``serve``, ``digest``) import Slack modules lazily, inside the command function.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import click

from bot.cli import (
    advise,
    chat,
    data,
    db,
    digest,
    evaluate,
    export,
    purge,
    rules,
    serve,
)
from bot.cli.app import AdvisorGroup
from bot.cli.wording import wording


class CommandModule(Protocol):
    """A module of ``bot/cli/`` that adds its command(s) to the group."""

    def register(self, group: click.Group) -> None: ...


COMMAND_MODULES: tuple[CommandModule, ...] = (
    chat,
    advise,
    rules,
    evaluate,
    data,
    # front ends and operations (their modules import Slack and the store lazily):
    serve,
    digest,
    purge,
    export,
    db,
)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the advisor's version and the rules' (a short hash of the rules and
    pricing files); computed only when asked, so other commands never read the files."""
    if not value or ctx.resilient_parsing:
        return
    from bot.paths import rules_path
    from bot.rules.version import rules_version
    from bot.version import advisor_version

    try:
        rules = rules_version()
    except OSError as exc:
        rules = wording.RULES_UNREADABLE.format(path=rules_path(), error=exc.strerror or exc)
    click.echo(wording.VERSION.format(version=advisor_version(), rules=rules))
    ctx.exit()


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the advisor's version and the rules' hash, and exit.",
)
def cli() -> None:
    """Tells a team whether its AI use case needs better prompting, RAG or fine-tuning."""


def register_commands(group: click.Group, modules: Sequence[CommandModule]) -> None:
    """Let each command module add its commands to ``group``."""
    for module in modules:
        module.register(group)


register_commands(cli, COMMAND_MODULES)


def main() -> None:
    """Console-script entry point (``advisor``)."""
    cli()
