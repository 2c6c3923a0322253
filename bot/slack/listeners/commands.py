"""``/advise <description>``: store it, acknowledge, and leave the root message and its
thread to a job."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

from slack_bolt import Ack, App

from bot.slack import wording
from bot.slack.intake import Intake
from bot.slack.listeners.text import is_help

COMMAND = "/advise"
log = logging.getLogger(__name__)


class Subcommand(Protocol):
    """``/advise <word> ...`` answered by another part of the bot, only to its user: e.g.
    ``/advise digest``, bot/digest/command.py (wired in by bot/server.py)."""

    def handles(self, text: str) -> bool: ...
    def answer(self, team_id: str, channel_id: str, text: str) -> str: ...


def register(app: App, intake: Intake, subcommands: Sequence[Subcommand]) -> None:
    @app.command(COMMAND)
    def advise(ack: Ack, command: dict[str, Any]) -> None:
        text = str(command.get("text") or "").strip()
        if is_help(text):
            ack(text=wording.USAGE)  # a command's direct answer is only shown to its user
            return
        for sub in subcommands:
            if sub.handles(text):
                team, channel = str(command.get("team_id", "")), str(command["channel_id"])
                ack(text=sub.answer(team, channel, text))
                return
        try:
            consultation = intake.store.create_consultation(
                team_id=str(command.get("team_id", "")),
                channel_id=str(command["channel_id"]),
                user_id=str(command["user_id"]),
                description=text,
                origin="command",
                opening=True,
            )
        except Exception as err:
            log.warning("could not store an /advise: %s", type(err).__name__)
            ack(text=wording.NOT_SAVED)
            return
        ack()  # after the description is stored: a crash now cannot lose it
        if consultation is not None:
            intake.open(consultation.id)
