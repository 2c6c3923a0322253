"""``/advise <description>``: acknowledge at once, then a root message and its thread."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.digest.command import DigestCommand
from bot.slack import wording
from bot.slack.conversation import Conversations
from bot.slack.listeners.text import is_help

COMMAND = "/advise"
log = logging.getLogger(__name__)


def register(app: App, conversations: Conversations) -> None:
    digests = DigestCommand(conversations.store)

    @app.command(COMMAND)
    def advise(ack: Ack, command: dict[str, Any]) -> None:
        text = str(command.get("text") or "").strip()
        if is_help(text):
            ack(text=wording.USAGE)  # a command's direct answer is only shown to its user
            return
        if digests.handles(text):  # /advise digest ...: bot/digest/command.py
            team, channel = str(command.get("team_id", "")), str(command["channel_id"])
            ack(text=digests.answer(team, channel, text))
            return
        try:
            consultation = conversations.store.create_consultation(
                team_id=str(command.get("team_id", "")),
                channel_id=str(command["channel_id"]),
                user_id=str(command["user_id"]),
                description=text,
                origin="command",
            )
        except Exception:
            log.exception("could not store /advise from %s", command.get("user_id"))
            ack(text=wording.NOT_SAVED)
            return
        ack()  # after the description is stored: a crash now cannot lose it
        if consultation is not None:
            conversations.open_in_channel(consultation)
