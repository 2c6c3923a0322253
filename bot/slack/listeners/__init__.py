"""Bolt listeners, attached by small ``register`` functions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from slack_bolt import Ack, App

from bot.slack.intake import Intake
from bot.slack.listeners import (
    actions,
    commands,
    edits,
    files,
    forget,
    joins,
    messages,
    uninstall,
)
from bot.slack.listeners.commands import Subcommand

_ANYTHING = re.compile(".*")


def register(app: App, intake: Intake, subcommands: Sequence[Subcommand]) -> None:
    """Attach every listener; last, catch-alls that acknowledge what the bot ignores."""
    commands.register(app, intake, subcommands)
    edits.register(app, intake)
    forget.register(app, intake)  # before messages, which would read "forget" as a reply
    uninstall.register(app, intake)
    messages.register(app, intake)
    files.register(app, intake)  # after messages: its middleware stores the reply first
    actions.register(app, intake)
    joins.register(app, intake)

    def ignore(ack: Ack) -> None:
        ack()

    app.event(_ANYTHING)(ignore)
    app.action(_ANYTHING)(ignore)
    app.command(_ANYTHING)(ignore)
    # Bolt logs a request no listener takes with its whole body: take every other kind too.
    app.view(_ANYTHING)(ignore)
    app.shortcut(_ANYTHING)(ignore)
    app.options(_ANYTHING)(ignore)
