"""The ``advisor`` command: a click group that command modules register onto.

Adding a command: write a module with a click command (or group) defined at its top
level, or with a ``register(group: click.Group)`` function for more control, and add its
name to ``COMMAND_MODULES`` below. A module listed there that does not exist yet is
skipped, so a front end can land its command module on its own schedule.

Keep imports light: importing this module must not import ``slack_bolt`` or ``slack_sdk``
(tests/test_core_boundary.py). Commands for the Slack app (``serve``, ``digest``) import
Slack modules lazily, inside the command function.
"""

from __future__ import annotations

import importlib

import click

from bot.cli import wording
from bot.cli.app import AdvisorGroup

COMMAND_MODULES: tuple[str, ...] = (
    "bot.cli.chat",
    "bot.cli.advise",
    "bot.cli.rules",
    "bot.cli.evaluate",
    # Other front ends register here (their modules import Slack lazily, in the command):
    "bot.cli.serve",
    "bot.cli.digest",
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


def register_commands(group: click.Group, modules: tuple[str, ...] = COMMAND_MODULES) -> None:
    """Import each command module and let it add its commands to ``group``."""
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # not written yet
            raise
        register = getattr(module, "register", None)
        if callable(register):
            register(group)
            continue
        for command in vars(module).values():
            if _defined_in(command, name):
                group.add_command(command)


def _defined_in(command: object, module: str) -> bool:
    """A click command whose function lives in ``module`` (not one it imported)."""
    callback = getattr(command, "callback", None)
    return isinstance(command, click.Command) and getattr(callback, "__module__", "") == module


register_commands(cli)


def main() -> None:
    """Console-script entry point (``advisor``)."""
    cli()
