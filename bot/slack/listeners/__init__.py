"""Bolt listeners, attached by small ``register`` functions."""

from __future__ import annotations

import re
from collections.abc import Sequence

from slack_bolt import Ack, App

from bot.slack.conversation import Conversations
from bot.slack.listeners import actions, commands, joins, messages
from bot.slack.listeners.commands import Subcommand

_ANYTHING = re.compile(".*")


def register(app: App, conversations: Conversations, subcommands: Sequence[Subcommand]) -> None:
    """Attach every listener; last, catch-alls that acknowledge what the bot ignores."""
    commands.register(app, conversations, subcommands)
    messages.register(app, conversations)
    actions.register(app, conversations)
    joins.register(app, conversations)

    def ignore(ack: Ack) -> None:
        ack()

    app.event(_ANYTHING)(ignore)
    app.action(_ANYTHING)(ignore)
    app.command(_ANYTHING)(ignore)
